#!/bin/sh
# Install axe-core (the accessibility engine tests/web/test_a11y.py injects into chromium) from the
# npm registry, pinned by scripts/axe/package-lock.json (version and integrity), into .vendor/axe/
# (git-ignored), and Debian's npm first when it is missing. Idempotent: does nothing when that exact
# lock is already installed.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
dest="$here/../.vendor/axe"
target="$dest/node_modules/axe-core/axe.min.js"

if [ -f "$target" ] && cmp -s "$here/axe/package-lock.json" "$dest/package-lock.json"; then
    exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
    # a fresh machine (CI) has no npm: take Debian's; without root this fails in one line and
    # `make axe` says the accessibility test will skip (under CI it must run, so make fails)
    . "$here/_apt.sh"
    apt_install npm
fi

mkdir -p "$dest"
cp "$here/axe/package.json" "$here/axe/package-lock.json" "$dest/"
cd "$dest"
npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
test -f "$target"
