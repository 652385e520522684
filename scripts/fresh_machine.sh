#!/usr/bin/env bash
# Rehearse a newcomer's first steps on a truly fresh machine: build a minimal Debian 12 root with
# debootstrap (only python3, make, git and certificates, as on a minimal install), put a clean
# clone of this repository in it, run the README's two commands inside (`make site`, then
# `make test`) and report each command's result and time. Not part of `make test`: it takes
# 10-20 minutes and downloads about 1 GB of packages. Needs root (debootstrap, chroot, mounts).
#
# Usage: scripts/fresh_machine.sh [--keep]      (--keep: leave the root in place for inspection)
# The root and its mounts are removed on every exit, also on failure or Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$PWD"
keep="${1:-}"
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"

if [ "$(id -u)" -ne 0 ]; then echo "fresh-machine: run as root (debootstrap and chroot need it)" >&2; exit 1; fi
if ! command -v debootstrap >/dev/null; then
  echo "fresh-machine: installing debootstrap"
  apt-get update -qq >/dev/null && apt-get install -y -qq debootstrap >/dev/null
fi

work="$(mktemp -d /tmp/fresh-machine.XXXXXX)"
root="$work/root"
mounted=()
cleanup() {
  for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do umount -l "${mounted[$i]}" 2>/dev/null || true; done
  if [ "$keep" = --keep ]; then echo "fresh-machine: root kept in $root"; else rm -rf "$work"; fi
}
trap cleanup EXIT INT TERM

stage() {  # stage NAME COMMAND...: run, time and report one step
  local name="$1"; shift
  local start=$SECONDS
  if "$@" >"$work/$name.log" 2>&1; then
    echo "fresh-machine: $name: ok in $((SECONDS - start)) s"
  else
    echo "fresh-machine: $name: FAILED after $((SECONDS - start)) s; last lines of $work/$name.log:" >&2
    tail -n 40 "$work/$name.log" >&2
    keep=--keep
    exit 1
  fi
}

stage debootstrap debootstrap --variant=minbase --include=python3,make,git,ca-certificates bookworm "$root" "$mirror"
cp /etc/resolv.conf "$root/etc/resolv.conf"
# Certificate authorities of the local network (a TLS-inspecting proxy, say), which any machine
# on this network has installed: copied so that pip and npm reach their registries as here.
if compgen -G "/usr/local/share/ca-certificates/*.crt" >/dev/null; then
  mkdir -p "$root/usr/local/share/ca-certificates"
  cp /usr/local/share/ca-certificates/*.crt "$root/usr/local/share/ca-certificates/"
  chroot "$root" update-ca-certificates >/dev/null 2>&1
fi
for fs in proc sys dev dev/pts; do
  mkdir -p "$root/$fs"
  mount --bind "/$fs" "$root/$fs"
  mounted+=("$root/$fs")
done
mkdir -p "$root/dev/shm" && mount -t tmpfs shm "$root/dev/shm" && mounted+=("$root/dev/shm")

stage clone git clone -q "$repo" "$root/home/newcomer/guides"
inside() { chroot "$root" /usr/bin/env -i HOME=/root PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 bash -c "cd /home/newcomer/guides && $1"; }
stage make-site inside "make site"
stage make-test inside "make test"
echo "fresh-machine: passed on $(date -u +%Y-%m-%d) (Debian 12 minbase via debootstrap)"
