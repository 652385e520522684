#!/usr/bin/env bash
# Set up everything the build and the tests need, on a fresh Debian/Ubuntu machine:
#   1. Debian packages (WeasyPrint's Pango/HarfBuzz for PDFs; Chromium for browser tests),
#      installed with apt-get when missing and we are root (or have sudo);
#   2. the virtual environment .venv with the exactly pinned requirements.txt.
# Usage: scripts/setup.sh [site|test]   (test = site + browser-test packages)
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-site}"

pkgs=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 fontconfig fonts-dejavu-core git hunspell hunspell-ru)
if [ "$what" = test ]; then
  # Chromium for the browser tests; libatomic1 for the node.js that Playwright bundles (a minimal
  # Debian 12 lacks it, and all browser tests then fail to start)
  pkgs+=(chromium libatomic1)
  command -v npm >/dev/null || pkgs+=(nodejs npm)
fi

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# The distribution's own Python when there is one: Debian and Ubuntu build it with profile-guided
# and link-time optimisation, and the PDF build (pure-Python layout) runs 15-20 % faster on it than
# on a Python compiled without them (pyenv's default). PYTHON=... chooses another.
chosen_python="${PYTHON:-}"
pick_python() {
  if [ -n "$chosen_python" ]; then echo "$chosen_python"
  elif [ -x /usr/bin/python3 ]; then echo /usr/bin/python3
  else command -v python3 || echo python3; fi
}
PYTHON="$(pick_python)"
if ! "$PYTHON" -c 'import venv, ensurepip' 2>/dev/null; then missing+=(python3-venv); fi

if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; elif command -v sudo >/dev/null; then SUDO="sudo"; else
    echo "setup: ERROR: missing Debian packages and no root/sudo. Install them, then rerun:" >&2
    echo "  apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq >/dev/null || true
  if ! $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; then
    echo "setup: ERROR: could not install: ${missing[*]}" >&2
    echo "  Install them by hand: apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

PYTHON="$(pick_python)"  # again: python3-venv may have just brought /usr/bin/python3

if [ "$what" = test ] && [ ! -f node_modules/.package-lock.json -o package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing the pinned browser-test tools (npm ci)"
  npm ci --no-audit --no-fund --no-progress --loglevel=error >/dev/null
fi

stamp=.venv/.requirements.sha
want="$(sha256sum requirements.txt | cut -d' ' -f1) $("$PYTHON" -c 'import sys; print(sys.executable, sys.version.split()[0])')"
if [ ! -x .venv/bin/python ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "setup: creating .venv with the $(grep -c '^[A-Za-z]' requirements.txt) pinned packages of requirements.txt (about half a minute)"
  rm -rf .venv
  "$PYTHON" -m venv .venv
  .venv/bin/python -m pip install -q --disable-pip-version-check -r requirements.txt
  echo "$want" > "$stamp"
fi
