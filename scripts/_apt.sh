# Sourced (never run) by the install-*.sh scripts: the one place that knows how to become root
# and apt-get install Debian packages, so each script only says which packages it needs.
#   here=$(cd "$(dirname "$0")" && pwd); . "$here/_apt.sh"; apt_install chromium chromium-driver
# Messages name the calling script ($0), not this file.

# need_root WHAT: set SUDO to "" when root, else to "sudo" when there is one; otherwise say in one
# line that WHAT needs root, and fail.
need_root() {
    if [ "$(id -u)" -eq 0 ]; then
        SUDO=""
    elif command -v sudo >/dev/null 2>&1; then
        SUDO="sudo"
    else
        echo "$(basename "$0"): need root (or sudo) to $1" >&2
        return 1
    fi
}

# apt_install PACKAGE...: install them from Debian without questions or recommended extras.
# Chained with && so that a failure fails the call even where `set -e` is off (`apt_install x || ...`).
apt_install() {
    need_root "apt-get install $*" &&
        $SUDO apt-get update -qq &&
        $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"
}
