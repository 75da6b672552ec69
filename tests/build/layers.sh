#!/bin/sh
# layers.sh - the layers of docs/HACKING.md hold: no source file includes a
# header of a layer above its own, of the other front end, or of the other
# program, and the front ends reach the store only through the service
# layer (src/desk/). Each folder of src/ is a layer; a header belongs to the folder
# it is in. Prints every offending #include and fails when there is one,
# or when it found no source to check.
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
src=$top_srcdir/src

# allowed LAYER: the layers a file of LAYER may include headers of.
allowed() {
	case $1 in
	core) echo "core" ;;
	store) echo "core store" ;;
	print) echo "core print" ;;
	desk) echo "core store print desk" ;;
	cli) echo "core print desk cli" ;;
	tui) echo "core print desk tui" ;;
	centre) echo "core centre" ;;
	*) echo "" ;;
	esac
}
# The one header a front end may include of the other: the command line
# starts the screens with 'chequedesk tui'.
exception() {
	[ "$1" = cli ] && [ "$2" = tui.h ]
}

# check_tree SRC: check every file under SRC/*/; sets FILES and BAD.
check_tree() {
	local src=$1 f layer ok h home hl
	files=0 bad=0
	for f in "$src"/*/*.c "$src"/*/*.h; do
		[ -e "$f" ] || continue
		files=$((files + 1))
		layer=$(basename "$(dirname "$f")")
		ok=$(allowed "$layer")
		if [ -z "$ok" ]; then
			echo "layers: $f is in src/$layer, which docs/HACKING.md does not name" >&2
			bad=$((bad + 1))
			continue
		fi
		for h in $(sed -n 's/^#include "\([^"]*\)".*/\1/p' "$f"); do
			[ "$h" = config.h ] && continue
			home=$(cd "$src" && ls -d */"$h" 2>/dev/null | head -1)
			if [ -z "$home" ]; then
				echo "layers: $f includes $h, which is in no folder of src/" >&2
				bad=$((bad + 1))
				continue
			fi
			hl=${home%%/*}
			case " $ok " in
			*" $hl "*) ;;
			*)
				exception "$layer" "$h" && continue
				echo "layers: src/$layer/$(basename "$f") includes $h of src/$hl" >&2
				bad=$((bad + 1))
				;;
			esac
		done
	done
}

# The check can fail: a core file that includes a service-layer header.
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/core" "$tmp/desk"
echo '#include "desk.h"' >"$tmp/core/money.c"
: >"$tmp/desk/desk.h"
check_tree "$tmp" 2>/dev/null
if [ "$bad" -ne 1 ]; then
	echo "layers: the check did not catch core/money.c including desk.h" >&2
	exit 1
fi

check_tree "$src"
if [ "$files" -eq 0 ]; then
	echo "layers: no source files found under $src/*/" >&2
	exit 1
fi
echo "layers: $files files checked, $bad offending includes"
[ "$bad" -eq 0 ]
