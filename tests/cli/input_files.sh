#!/usr/bin/env bash
# input_files.sh — input text files go through mn_text_read: NUL bytes are refused with file:line,
# /dev/zero, a directory, a FIFO and a file over 16 MiB are refused at once (no hang) with exit 2;
# a sweep whose base is /dev/zero is refused; an empty OUT.h5.partial is reported as empty when resumed.
source "$(dirname "$0")/lib.sh"
cd "$WORK"

# a file of NUL bytes is not an empty INI
head -c 64 /dev/zero > nul.ini
run_mnsim check nul.ini
expect_rc 2 "file of NUL bytes"
expect_err_contains "nul.ini:1: NUL byte in a text file" "file of NUL bytes"

# text after a NUL on line 3 is not silently dropped
printf '[patient]\nage_years = 40\nsensitivity = 1\0ignored\n' > nul3.ini
run_mnsim check nul3.ini
expect_rc 2 "NUL on line 3"
expect_err_contains "nul3.ini:3: NUL byte in a text file" "NUL on line 3"

# not regular files: refused within the 10 s timeout, naming what they are
mkfifo fifo.ini
for f in /dev/zero "$WORK" "$WORK/fifo.ini"; do
    set +e
    timeout 10 "$MNSIM" check "$f" >.stdout 2>.stderr
    RC=$?
    set -e
    ERR=$(cat .stderr)
    [ "$RC" -ne 124 ] || fail "check $f hangs"
    expect_rc 2 "check $f"
    expect_err_contains "$f: not a regular file" "check $f"
done
expect_err_contains "(a pipe)" "FIFO named"

# over 16 MiB: refused with the size
{ echo "[patient]"; head -c $((16 * 1024 * 1024)) /dev/zero | tr '\0' ';'; echo; } > big.ini
run_mnsim check big.ini
expect_rc 2 "17 MB INI"
expect_err_contains "big.ini: too large for a text input (16777227 bytes; at most 16777216)" "17 MB INI"

# a sweep whose base INI is /dev/zero
printf '[sweep]\nbase = /dev/zero\ndesign = grid\npatient.age_years = 25, 45\n' > zero_sweep.ini
set +e
timeout 10 "$MNSIM" sweep zero_sweep.ini -o zs.h5 -q >.stdout 2>.stderr
RC=$?
set -e
ERR=$(cat .stderr)
[ "$RC" -ne 124 ] || fail "sweep with base = /dev/zero hangs"
expect_rc 2 "sweep base = /dev/zero"
expect_err_contains "/dev/zero: not a regular file (a character device)" "sweep base = /dev/zero"
[ ! -e zs.h5 ] && [ ! -e zs.h5.partial ] || fail "sweep base = /dev/zero left a file"

# an empty .partial (creation failed on a full disk) is reported as empty, and left as it is
cp "$MNSIM_SOURCE_DIR/tests/fixtures/sweeps/small_grid.ini" "$MNSIM_SOURCE_DIR/tests/fixtures/sweeps/base_120.ini" .
: > g.h5.partial
run_mnsim sweep small_grid.ini -o g.h5 --resume -q
expect_rc 2 "resume of an empty .partial"
expect_err_contains "g.h5.partial: cannot resume: the file is empty" "resume of an empty .partial"
[ -e g.h5.partial ] && [ ! -s g.h5.partial ] || fail "the empty .partial was altered"
echo "PASS input_files"
