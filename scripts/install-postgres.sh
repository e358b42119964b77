#!/bin/sh
# Install Debian's PostgreSQL server for the tests, which start a private cluster of their own
# (initdb + pg_ctl in a temporary directory). No system cluster is created or started.
# Idempotent: does nothing when initdb and pg_ctl are already present.
set -eu

for bin in /usr/lib/postgresql/*/bin; do
    if [ -x "$bin/initdb" ] && [ -x "$bin/pg_ctl" ]; then
        exit 0
    fi
done
if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    exit 0
fi

here=$(cd "$(dirname "$0")" && pwd)
. "$here/_apt.sh"
need_root "apt-get install postgresql"
# the tests start their own cluster: tell postgresql-common not to create (and start) "main"
$SUDO mkdir -p /etc/postgresql-common/createcluster.d
echo "create_main_cluster = false" | $SUDO tee /etc/postgresql-common/createcluster.d/myofeed-tests.conf >/dev/null
apt_install postgresql
