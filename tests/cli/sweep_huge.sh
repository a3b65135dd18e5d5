#!/usr/bin/env bash
# tests/cli/sweep_huge.sh — huge sweeps stay in the user's hands (issue 11): a 10^9-point lhs
# sweep stops within 1 s of SIGTERM whenever it comes (while its file is created, while it
# simulates, while a resume counts the points already done), exits 143 and keeps a resumable
# OUT.h5.partial (or nothing), never a complete-looking OUT.h5; an oversized grid (10^12 points,
# an axis of more than 1e8 values, a product overflowing size_t) is refused in under a second with
# exit 2, a file:line message and little memory.
# The 10^9-point file would need ~280 GB: the up-front space check refuses it on a small disk, so
# the sweep runs with statvfs() answering "1 PiB free" (a preloaded shim compiled here); it
# writes only what it computes in a few seconds (a few MB).
source "$(dirname "$0")/lib.sh"

cc=${CC:-cc}
command -v "$cc" >/dev/null || { echo "SKIP: no C compiler for the statvfs shim"; exit 77; }
cat >"$WORK/bigdisk.c" <<'EOF'
/* bigdisk.c — statvfs() reports 1 PiB free on every file system (test shim, LD_PRELOAD). */
#include <string.h>
#include <sys/statvfs.h>
int statvfs(const char *path, struct statvfs *v)
{
    (void)path;
    memset(v, 0, sizeof *v);
    v->f_bsize = v->f_frsize = 4096;
    v->f_blocks = v->f_bfree = v->f_bavail = (fsblkcnt_t)1 << 38;
    return 0;
}
EOF
"$cc" -shared -fPIC -o "$WORK/bigdisk.so" "$WORK/bigdisk.c" || fail "cannot build the statvfs shim"
# a sanitized mnsim loads its runtime first; the shim only has to come before libc
export ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0

cat >"$WORK/huge.ini" <<'EOF'
[sweep]
design = lhs
points = 1000000000
seed = 11
schedule.interval_days = 14 .. 42
patient.age_years = 25 .. 65
EOF
out=$WORK/huge.h5
now() { date +%s.%N; }

# sweep_then_term DELAY [ARGS...]: start the sweep, send SIGTERM after DELAY s (`creating`: as
# soon as its file appears; `started`: 1 s after OUT.h5.partial appeared; `grown`: 0.5 s after it has grown), wait; sets RC, ERR and
# LATENCY (seconds from SIGTERM to exit).
sweep_then_term() {
    local delay=$1
    shift
    BEFORE=$( (md5sum <"$out.partial") 2>/dev/null || echo none)
    LD_PRELOAD="$WORK/bigdisk.so" "$MNSIM" sweep "$WORK/huge.ini" -o "$out" --threads 2 -q "$@" \
        2>"$WORK/err" &
    local pid=$! t0 size0
    if [ "$delay" = creating ]; then # as soon as its file appears (under its temporary name)
        for _ in $(seq 2000); do
            [ -e "$out.partial.new" ] || [ -e "$out.partial" ] && break
            sleep 0.005
        done
    elif [ "$delay" = started ]; then # 1 s after the .partial appears: simulating
        for _ in $(seq 600); do
            [ -e "$out.partial" ] && break
            sleep 0.1
        done
        sleep 1
    elif [ "$delay" = grown ]; then # until the .partial grows: blocks are being written
        size0=$(stat -c %s "$out.partial")
        for _ in $(seq 600); do
            [ "$(stat -c %s "$out.partial")" -gt "$size0" ] && break
            sleep 0.1
        done
        sleep 0.5
    else
        sleep "$delay"
    fi
    t0=$(now)
    kill -TERM "$pid"
    set +e
    wait "$pid"
    RC=$?
    set -e
    LATENCY=$("$PY" -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.3f}')" "$t0" "$(now)")
    ERR=$(cat "$WORK/err")
}

within_1s() { "$PY" -c "import sys; sys.exit(0 if float(sys.argv[1]) < 1.0 else 1)" "$1"; }

# expect_stopped WHAT: exit 143 within 1 s, no OUT.h5, no leftover OUT.h5.partial.new; a
# .partial, when there is one, with the resume hint. A SIGTERM that comes before mnsim installs
# its handler (still reading its input on a busy machine) ends it silently: then the .partial
# must be exactly as before.
expect_stopped() {
    [ "$RC" -eq 143 ] || fail "$1: exit status $RC, expected 143 (stderr: $ERR)"
    within_1s "$LATENCY" || fail "$1: exited ${LATENCY} s after SIGTERM (limit 1 s)"
    [ ! -e "$out" ] || fail "$1: $out exists although the sweep was stopped"
    [ ! -e "$out.partial.new" ] || fail "$1: the temporary $out.partial.new was left behind"
    if [ -z "$ERR" ]; then
        after=$( (md5sum <"$out.partial") 2>/dev/null || echo none)
        [ "$after" = "$BEFORE" ] || fail "$1: stopped before it started, yet $out.partial changed"
        echo "$1: exit 143 after ${LATENCY} s (before the handler: nothing touched)"
        return
    fi
    if [ -e "$out.partial" ]; then
        expect_err_contains "of 1000000000 points done; resume with:" "$1"
        expect_err_contains "--resume" "$1"
    fi
    echo "$1: exit 143 after ${LATENCY} s"
}

done_points() { sed -n 's/.*interrupted: \([0-9]*\) of 1000000000 points done.*/\1/p' <<<"$ERR"; }

# 1. while the file and its design are being created (right after start)
for delay in 0.02 creating; do
    rm -f "$out" "$out.partial" "$out.partial.new"
    sweep_then_term "$delay"
    expect_stopped "SIGTERM at ${delay} (start-up, creation)"
done

# 2. while simulating: the .partial must exist and hold computed points
rm -f "$out" "$out.partial" "$out.partial.new"
sweep_then_term started
expect_stopped "SIGTERM 1 s after the .partial appeared (simulating)"
[ -e "$out.partial" ] || fail "SIGTERM while simulating: no $out.partial"
first=$(done_points)
[ -n "$first" ] && [ "$first" -gt 0 ] || fail "SIGTERM while simulating: no point done (stderr: $ERR)"

# 3. a second moment: a resume stopped while it counts the points done, then one stopped while
#    simulating; each keeps the file resumable and loses nothing
sweep_then_term 0.15 --resume
expect_stopped "SIGTERM at 0.15 s of a resume (counting)"
[ -e "$out.partial" ] || fail "resume stopped early: the .partial is gone"
sweep_then_term grown --resume
expect_stopped "SIGTERM to a resume once it writes (simulating)"
second=$(done_points)
[ -n "$second" ] && [ "$second" -gt "$first" ] ||
    fail "resume: $second points done after the resume, $first before (stderr: $ERR)"
echo "resumed: $first then $second of 10^9 points done"
rm -f "$out.partial"

# 4. oversized grids: refused at once from the axis definitions
# refuse_fast NAME LINE TEXT: the sweep file NAME.ini is refused at line LINE, in under a second,
# with under 100 MB of memory (wall time and peak RSS of the child, measured by Python).
refuse_fast() {
    local name=$1 line=$2 text=$3 secs kb
    set +e
    read -r secs kb < <("$PY" - "$MNSIM" "$WORK/$name.ini" "$WORK/$name.h5" "$WORK" <<'PYEOF'
import resource, subprocess, sys, time
mnsim, ini, h5, work = sys.argv[1:]
t0 = time.monotonic()
with open(f"{work}/.stdout", "w") as out, open(f"{work}/.stderr", "w") as err:
    rc = subprocess.call([mnsim, "sweep", ini, "-o", h5], stdout=out, stderr=err)
secs = time.monotonic() - t0
with open(f"{work}/.rc", "w") as f:
    f.write(str(rc))
print(f"{secs:.3f} {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}")
PYEOF
    )
    set -e
    RC=$(cat "$WORK/.rc")
    ERR=$(cat "$WORK/.stderr")
    expect_rc 2 "$name"
    expect_err_contains "$WORK/$name.ini:$line: " "$name"
    expect_err_contains "$text" "$name"
    within_1s "$secs" || fail "$name: refused after $secs s (limit 1 s)"
    [ "$kb" -lt 102400 ] || fail "$name: used $kb KB to refuse it (limit 100 MB)"
    [ -z "$(ls "$WORK/$name".h5* 2>/dev/null)" ] || fail "$name: an output was written"
    echo "$name: exit 2 in $secs s, $kb KB: ${ERR#mnsim: error: }"
}
printf '[sweep]\nschedule.interval_days = 1:1000000:1\npatient.age_years = 1:1000000:1\n' \
    >"$WORK/grid_1e12.ini"
refuse_fast grid_1e12 3 "the grid has more than 1e9 points"
printf '[sweep]\nschedule.interval_days = 1:100:0.0000001\n' >"$WORK/axis_1e9.ini"
refuse_fast axis_1e9 2 "has more than 1e8 values"
printf '[sweep]\npatient.age_years = 0:1e300:1e-300\n' >"$WORK/axis_inf.ini"
refuse_fast axis_inf 2 "has more than 1e8 values"
{
    printf '[sweep]\n'
    for key in schedule.interval_days patient.age_years procedure.depth_mm patient.sun_exposure; do
        printf '%s = 0:99999999:1\n' "$key"
    done
} >"$WORK/overflow.ini" # (1e8)^4 = 1e32 points: beyond size_t and hsize_t
refuse_fast overflow 3 "the grid has more than 1e9 points"
echo "PASS sweep_huge"
