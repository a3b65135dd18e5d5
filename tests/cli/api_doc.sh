#!/usr/bin/env bash
# tests/cli/api_doc.sh — the example of docs/API.md ("A course in 20 lines") is the program ctest
# runs: its C block is tests/api/example.c byte for byte, it compiles as the page says (only
# include/mnsim.h and -lmnsim, here with -Wall -Wextra -pedantic -Werror) and prints the line the
# page shows.
source "$(dirname "$0")/lib.sh"
doc=$MNSIM_SOURCE_DIR/docs/API.md
build=${MNSIM_BUILD_DIR:?}

# the first ```c block after the heading, and the output line of the ```sh block after it
"$PY" - "$doc" "$WORK/example.c" "$WORK/expected" <<'EOF'
import re, sys
doc, c_out, expected_out = sys.argv[1:]
text = open(doc, encoding="utf-8").read()
start = text.find("## A course in 20 lines")
if start < 0:
    sys.exit("docs/API.md: no section '## A course in 20 lines'")
m = re.compile(r"^```c\n(.*?)^```\n", re.S | re.M).search(text, start)
if not m:
    sys.exit("docs/API.md: no ```c block in 'A course in 20 lines'")
open(c_out, "w", encoding="utf-8").write(m.group(1))
sh = re.compile(r"^```sh\n(.*?)^```\n", re.S | re.M).search(text, m.end())
lines = [l for l in (sh.group(1).splitlines() if sh else []) if l and not l.startswith("$ ")]
if len(lines) != 1:
    sys.exit("docs/API.md: the ```sh block after the example should show one output line")
open(expected_out, "w", encoding="utf-8").write(lines[0] + "\n")
EOF

diff -u "$MNSIM_SOURCE_DIR/tests/api/example.c" "$WORK/example.c" ||
    fail "the example of docs/API.md differs from tests/api/example.c (diff above)"
[ "$(wc -l <"$WORK/example.c")" -le 21 ] || fail "the example is longer than 20 lines plus its header"
echo "docs/API.md example = tests/api/example.c ($(wc -l <"$WORK/example.c") lines)"

if [ "${MNSIM_SANITIZED:-0}" = 1 ]; then
    echo "SKIP the compile-and-run half: a sanitized libmnsim.so needs the sanitizer runtime"
    exit 0
fi
lib=$(ls "$build"/libmnsim.so 2>/dev/null) || fail "no libmnsim.so in $build"
cc=${CC:-cc}
"$cc" -std=c11 -Wall -Wextra -pedantic -Werror "$WORK/example.c" -I"$MNSIM_SOURCE_DIR/include" \
    -L"$build" -lmnsim -Wl,-rpath,"$build" -o "$WORK/example" ||
    fail "the example of docs/API.md does not compile against include/mnsim.h and -lmnsim"
"$WORK/example" >"$WORK/got" || fail "the example exited $? (output: $(cat "$WORK/got"))"
diff -u "$WORK/expected" "$WORK/got" ||
    fail "the example prints another line than docs/API.md shows (diff above: - page, + program)"
echo "compiled with $lib, printed: $(cat "$WORK/got")"
echo "PASS api_doc"
