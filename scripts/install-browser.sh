#!/bin/sh
# Install Debian's chromium and chromedriver for the browser tests (never a downloaded browser).
# Idempotent: does nothing when both are already present.
set -eu

if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
    exit 0
fi

here=$(cd "$(dirname "$0")" && pwd)
. "$here/_apt.sh"
apt_install chromium chromium-driver
