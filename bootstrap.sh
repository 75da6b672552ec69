#!/bin/sh
# bootstrap.sh - install Debian packages if missing, then configure and build
# chequedesk in build/ (or $BUILD_DIR, configured with $CONFIGURE_FLAGS).
# Used by demo.sh (build/, as for a branch) and test.sh (build-test/, with
# the test clock); safe to run again.
#   [BUILD_DIR=DIR] [CONFIGURE_FLAGS=...] ./bootstrap.sh [EXTRA-PACKAGE]...
set -e
cd "$(dirname "$0")"

BUILD_DEPS="build-essential autoconf automake autopoint gettext pkg-config
	libncurses-dev libcups2-dev libcurl4-openssl-dev libsqlite3-dev
	libcjson-dev libssl-dev libpng-dev libmicrohttpd-dev libgnutls28-dev check"

# install_packages PKG...: apt-get install whatever is not installed yet.
install_packages() {
	missing=""
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
			grep -q "install ok installed" || missing="$missing $p"
	done
	[ -z "$missing" ] && return 0
	echo "bootstrap: installing$missing"
	sudo=""
	if [ "$(id -u)" -ne 0 ]; then
		if ! command -v sudo >/dev/null 2>&1; then
			echo "bootstrap: these packages are missing:$missing" >&2
			echo "bootstrap: run this as root, or install them with" \
				"apt-get install --no-install-recommends$missing" >&2
			return 1
		fi
		sudo="sudo"
	fi
	$sudo apt-get update -q
	# shellcheck disable=SC2086
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q \
		--no-install-recommends $missing
}

# shellcheck disable=SC2086
install_packages $BUILD_DEPS "$@"

if [ ! -x configure ] || [ configure.ac -nt configure ] ||
	[ Makefile.am -nt Makefile.in ]; then
	./autogen.sh
fi
# BUILD_DIR (default build/) with CONFIGURE_FLAGS; configured again when
# the flags differ from the last time.
dir=${BUILD_DIR:-build}
mkdir -p "$dir"
cd "$dir"
flags="--prefix=$(pwd)/install ${CONFIGURE_FLAGS:-}"
if [ ! -f Makefile ] || [ ../configure -nt config.status ] ||
	[ "$(cat .configure-flags 2>/dev/null)" != "$flags" ]; then
	# shellcheck disable=SC2086
	../configure $flags
	printf '%s\n' "$flags" >.configure-flags
fi
make -j"$(nproc)"
