#!/usr/bin/env bash
# tests/cli/sweep_resume.sh — interrupt a sweep (SIGINT, then SIGTERM), resume it and get the same
# data as an uninterrupted run; refuse to overwrite a .partial; refuse a different sweep file.
set -u
: "${MNSIM:?}" "${MNSIM_SOURCE_DIR:?}"
fx=$MNSIM_SOURCE_DIR/tests/fixtures/sweeps
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
cp "$fx/resume_sobol.ini" "$fx/resume_base.ini" "$tmp/"
mv "$tmp/resume_sobol.ini" "$tmp/s.ini"

# interrupt once the .partial exists and some blocks are written
interrupt() { # signal, expected exit, extra args...
    local sig=$1 want=$2; shift 2
    "$MNSIM" sweep "$tmp/s.ini" -o "$tmp/out.h5" --threads 2 --block 16 "$@" 2>"$tmp/err" &
    local pid=$!
    for _ in $(seq 100); do [ -e "$tmp/out.h5.partial" ] && break; sleep 0.05; done
    sleep 0.3
    kill -"$sig" $pid
    wait $pid
    local rc=$?
    if [ $rc -ne "$want" ]; then echo "FAIL: $sig gave exit $rc, expected $want"; cat "$tmp/err"; fail=1; fi
    if ! grep -q "interrupted: [0-9]* of 1024 points done; resume with: mnsim sweep $tmp/s.ini -o $tmp/out.h5 --resume" "$tmp/err"; then
        echo "FAIL: no resume hint"; cat "$tmp/err"; fail=1
    fi
    [ -e "$tmp/out.h5" ] && { echo "FAIL: OUT.h5 exists after an interruption"; fail=1; }
    [ -e "$tmp/out.h5.partial" ] || { echo "FAIL: no .partial after an interruption"; fail=1; }
}
interrupt INT 130 -q
# a new sweep must not overwrite the .partial
out=$("$MNSIM" sweep "$tmp/s.ini" -o "$tmp/out.h5" -q 2>&1)
rc=$?
if [ $rc -ne 2 ] || [[ "$out" != *"out.h5.partial exists"*"--resume"* ]]; then
    echo "FAIL: overwrite of .partial: exit $rc '$out'"; fail=1
fi
interrupt TERM 143 -q --resume
# a different sweep file cannot resume it
sed 's/^points = 1024/points = 1024 ; changed/' "$tmp/s.ini" > "$tmp/s2.ini"
out=$("$MNSIM" sweep "$tmp/s2.ini" -o "$tmp/out.h5" --resume -q 2>&1)
rc=$?
if [ $rc -ne 2 ] || [[ "$out" != *"cannot resume"* ]]; then
    echo "FAIL: resume with another sweep file: exit $rc '$out'"; fail=1
fi
"$MNSIM" sweep "$tmp/s.ini" -o "$tmp/out.h5" --resume --threads 2 -q || { echo "FAIL: final resume"; fail=1; }
[ -e "$tmp/out.h5.partial" ] && { echo "FAIL: .partial left after completion"; fail=1; }
"$MNSIM" sweep "$tmp/s.ini" -o "$tmp/ref.h5" --threads 1 -q || { echo "FAIL: reference run"; fail=1; }
h5diff --exclude-attribute / --exclude-attribute /point "$tmp/ref.h5" "$tmp/out.h5" || { echo "FAIL: resumed data differ"; fail=1; }
"$MNSIM" sweep "$tmp/s.ini" -o "$tmp/none.h5" --resume -q 2>/dev/null
[ $? -eq 2 ] || { echo "FAIL: --resume without a .partial should exit 2"; fail=1; }
# the complete .partial is fsynced before it is renamed to OUT.h5 (a crash right after the rename
# must not leave OUT.h5 with data still in the page cache); seen with strace when it can trace
if command -v strace >/dev/null && strace -o /dev/null true 2>/dev/null; then
    rm -f "$tmp/sync.h5"
    # LeakSanitizer cannot run under ptrace: leaks are checked by the other runs of this test
    ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 strace -f -e trace=openat,open,fsync,rename,renameat,renameat2 -o "$tmp/strace" \
        "$MNSIM" sweep "$tmp/s.ini" -o "$tmp/sync.h5" --threads 1 -q || { echo "FAIL: strace run"; fail=1; }
    # fd of the last read-only open of the .partial; fsync of that fd; then the rename
    verdict=$(awk -v p="$tmp/sync.h5.partial" -v o="$tmp/sync.h5" '
        index($0, "\"" p "\", O_RDONLY") && match($0, /= [0-9]+$/) { fd = substr($0, RSTART + 2); synced = 0 }
        fd != "" && index($0, "fsync(" fd ")") && $0 ~ /= 0$/ { synced = 1 }
        index($0, "rename") && index($0, "\"" p "\", \"" o "\"") { print (synced ? "synced" : "unsynced"); exit }
    ' "$tmp/strace")
    [ "$verdict" = synced ] || { echo "FAIL: OUT.h5.partial renamed without fsync ($verdict)"; fail=1; }
else
    echo "sweep_resume: strace unavailable, fsync-before-rename not checked"
fi
[ $fail -eq 0 ] && echo "sweep_resume: ok"
exit $fail
