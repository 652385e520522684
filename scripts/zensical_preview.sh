#!/usr/bin/env bash
# Rehearse the successor engine (issue 22): build the site with Zensical from the same mkdocs.yml
# into site-zensical/ (never site/), then run the project's checks of built HTML against it.
#
# Usage: scripts/zensical_preview.sh   (or `make zensical-preview`; not part of `make test`)
#   PY=...  Python that runs the checks (default .venv/bin/python: lxml, pytest, Material's key list)
# Exit status: non-zero only when the Zensical build fails. The checks are reported, not enforced.
# When the build as configured fails (today: overrides/main.html uses Python string methods, which
# Zensical's template engine, minijinja, lacks), the site is built again without overrides/ so the
# checks still have something to look at; the exit status stays non-zero.
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=.venv-zensical
OUT=site-zensical
CFG=.zensical-preview.yml          # mkdocs.yml plus site_dir; in the project root, as paths are relative
LOGS=.zensical-preview             # full logs of the build and the checks
PY=${PY:-.venv/bin/python}
mkdir -p "$LOGS"
trap 'rm -f "$CFG"' EXIT

# 1. Own environment from the system Python, pinned by requirements-zensical.txt (pip freeze);
#    reinstalled only when that file changes.
if ! cmp -s requirements-zensical.txt "$VENV/.installed" 2>/dev/null; then
  echo "zensical: creating $VENV (requirements-zensical.txt)"
  rm -rf "$VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -qq --disable-pip-version-check -r requirements-zensical.txt
  cp requirements-zensical.txt "$VENV/.installed"
fi
echo "zensical: $("$VENV/bin/pip" freeze | grep -Ei '^zensical' | paste -sd ' ')"

# 2. Build both languages (zensical-i18n runs Zensical once per language, then assembles ru at /
#    and ky at /ky/), strict like `make html`. $1: extra YAML merged over mkdocs.yml.
build() {
  printf 'INHERIT: mkdocs.yml\nsite_dir: %s\n%s' "$OUT" "${1:-}" > "$CFG"
  local t0=$EPOCHREALTIME
  "$VENV/bin/zensical-i18n" build --strict -f "$CFG" > "$LOGS/build.log" 2>&1 || return 1
  awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "zensical: built in %.1f s\n", b - a }'
}
status=0
echo "zensical: building mkdocs.yml into $OUT/ (log: $LOGS/build.log)"
if ! build; then
  status=1
  echo "zensical: BUILD FAILED as configured: $(grep -m1 -E 'Error|RuntimeError' "$LOGS/build.log")"
  echo "zensical: building again without overrides/ (theme.custom_dir unset), to check the rest"
  build $'theme:\n  custom_dir: null\n' || { cat "$LOGS/build.log"; exit 1; }
  echo "zensical: NOTE $OUT/ lacks overrides/ (PDF bar, Kyrgyz interface, quiet start, ...)"
fi
grep -E '^Warning' "$LOGS/build.log" | sed 's/^/zensical: /' || true
echo "zensical: $(find "$OUT" -name '*.html' -not -path "$OUT/ky/*" | wc -l) ru and $(find "$OUT/ky" -name '*.html' | wc -l) ky HTML files"
"$VENV/bin/python" -c 'import json, sys
for l in ("", "ky/"):
    d = json.load(open(f"{sys.argv[1]}/{l}search.json", encoding="utf-8"))
    print("zensical: %ssearch.json: %d entries, lang %s" % (l, len(d["items"]), d["config"]["lang"]))' "$OUT"

# 3. The project's checks that read a built site folder, with the project's own Python.
if [ ! -x "$PY" ]; then
  echo "zensical: no $PY (run make setup, or set PY=): checks skipped"
  exit "$status"
fi
# 3a. Links, anchors, nothing loaded from other hosts (scripts/check_site.py takes a folder).
"$PY" -m scripts.check_site "$OUT" > "$LOGS/check_site.log" 2>&1 || true
echo "zensical: $(tail -n1 "$LOGS/check_site.log") (log: $LOGS/check_site.log)"
# 3b. The tests that read built HTML only (a `site` argument; no browser, no PDF, no ZIP), with
#     their `site` pointed at $OUT. Browser, PDF and offline tests need `make site` output.
"$PY" - "$OUT" > "$LOGS/tests.log" 2>&1 <<'EOF' || true
import sys
from pathlib import Path
import pytest

SITE = Path(sys.argv[1]).resolve()
NEEDS_MORE = {"browser", "browser_and_base", "unzipped"}   # Chromium, or the offline ZIPs

class SiteDir:
    @pytest.hookimpl(tryfirst=True)
    def pytest_fixture_setup(self, fixturedef, request):
        if fixturedef.argname == "site":           # tests/conftest.py would give ROOT/site
            fixturedef.cached_result = (SITE, fixturedef.cache_key(request), None)
            return SITE

    def pytest_collection_modifyitems(self, config, items):
        keep = [i for i in items if "site" in i.fixturenames and not NEEDS_MORE & set(i.fixturenames)
                and "book_chapters" not in i.name]  # that one reads the PDF books
        config.hook.pytest_deselected(items=[i for i in items if i not in keep])
        items[:] = keep

mods = ["test_site", "test_editors", "test_legal_facts", "test_search", "test_terms", "test_accessibility"]
sys.exit(pytest.main(["-q", "-p", "no:cacheprovider", "--tb=line", "-rf", *(f"tests/{m}.py" for m in mods)],
                     plugins=[SiteDir()]))
EOF
grep -E '^FAILED' "$LOGS/tests.log" | sed -E 's/^FAILED /zensical:   failed: /; s/ - .*//' || true
echo "zensical: HTML tests: $(grep -E '[0-9]+ (passed|failed)' "$LOGS/tests.log" | tail -n1 | tr -d '=' | xargs) (log: $LOGS/tests.log)"
[ "$status" -eq 0 ] || echo "zensical: exit 1: the build as configured failed (see above)"
exit "$status"
