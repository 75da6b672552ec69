#!/bin/sh
# symbols.sh - the layers hold where the linker sees them (docs/HACKING.md):
# chequedesk-centre carries none of the branch's functions (desk_, conf_,
# store_, tui_, cmd_), and no object of the command line or the screens
# calls a function of the store (libstore.a) but through the service
# layer. Runs in the build folder, on what make built.
fail=0
need_file() {
	if [ ! -f "$1" ]; then
		echo "symbols: $1 is not built; run make first" >&2
		exit 99
	fi
}
command -v nm >/dev/null 2>&1 || {
	echo "symbols: nm is missing (apt-get install binutils)" >&2
	exit 99
}
need_file chequedesk-centre
need_file libstore.a

leaks=$(nm chequedesk-centre | awk '$2 ~ /^[TDB]$/ {print $3}' |
	grep -E '^(desk|conf|store|tui|cmd)_' | sort -u)
if [ -n "$leaks" ]; then
	echo "symbols: chequedesk-centre holds the branch's functions:" $leaks >&2
	fail=1
fi

nm -g --defined-only libstore.a | awk '$2 == "T" {print $3}' | sort -u \
	>symbols-store.tmp
n=0 calls=
for o in src/cli/*.o src/tui/*.o; do
	[ -f "$o" ] || continue
	n=$((n + 1))
	c=$(nm -u "$o" | awk '{print $2}' | sort -u | comm -12 - symbols-store.tmp)
	[ -n "$c" ] && calls="$calls $o:$(echo $c | tr ' ' ',')"
done
rm -f symbols-store.tmp
if [ "$n" -eq 0 ]; then
	echo "symbols: no objects of src/cli or src/tui found" >&2
	exit 99
fi
if [ -n "$calls" ]; then
	echo "symbols: front ends calling the store directly:$calls" >&2
	fail=1
fi
echo "symbols: chequedesk-centre and $n front-end objects checked"
exit $fail
