#!/usr/bin/env bash
# tests/cli/crash_consistency.sh — SIGKILL a `--trajectories` sweep at random moments, resume it
# each time and compare the result bit for bit (h5diff, every dataset, no tolerance) with an
# uninterrupted reference run. Blocks of 24 points over a 19 x 8 x 4 grid give edge chunks
# (8 = 6 + 2 along the middle axis), the case where a chunk could straddle two blocks.
# MNSIM_CRASH_TRIALS trials (default 20, issue 11's "20/20 SIGKILLs"; 2 in sanitized builds); MNSIM_CRASH_SEED
# fixes the random kill times (printed, so a failing series can be replayed).
source "$(dirname "$0")/lib.sh"
trials=${MNSIM_CRASH_TRIALS:-20}
seed=${MNSIM_CRASH_SEED:-$$}
RANDOM=$seed
if [ -z "${MNSIM_CRASH_TRIALS:-}" ] && { [ "${MNSIM_SANITIZED:-0}" = "1" ] || [ "${MNSIM_SANITIZED:-}" = "TRUE" ]; }; then
    trials=2 # sanitized builds run several times slower: two trials still exercise the path
fi
fx=$MNSIM_SOURCE_DIR/tests/fixtures/sweeps
cp "$fx/crash_grid.ini" "$fx/base_120.ini" "$WORK/"
# daily trajectory samples (121 per observable, not 481): the same chunk layout at --block 24
# (chunks of 1 x 6 x 4 points, edge chunks along the middle axis), a quarter of the bytes to
# compare, so that 20 trials fit in about a minute on 2 cores
printf '[output]\nstep_days = 1\n' >>"$WORK/base_120.ini"
args=(--trajectories --threads 2 --block 24 -q)

start=$(date +%s.%N)
"$MNSIM" sweep "$WORK/crash_grid.ini" -o "$WORK/ref.h5" --trajectories --threads 1 -q ||
    fail "reference run"
ref_s=$(echo "$(date +%s.%N) - $start" | bc)
# kill within the first 90 % of a 2-thread run (about half the 1-thread time)
max_ms=$(echo "$ref_s * 1000 * 0.45 / 1" | bc)
[ "$max_ms" -ge 200 ] || max_ms=200

same=0 killed=0
for t in $(seq "$trials"); do
    rm -f "$WORK/out.h5" "$WORK/out.h5.partial"
    delay_ms=$((50 + RANDOM % max_ms))
    "$MNSIM" sweep "$WORK/crash_grid.ini" -o "$WORK/out.h5" "${args[@]}" &
    pid=$!
    sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
    kill -KILL $pid 2>/dev/null && killed=$((killed + 1))
    wait $pid 2>/dev/null || true
    [ -e "$WORK/out.h5" ] && [ -e "$WORK/out.h5.partial" ] && fail "trial $t: both out.h5 and .partial"
    if [ -e "$WORK/out.h5.partial" ]; then
        run_mnsim sweep "$WORK/crash_grid.ini" -o "$WORK/out.h5" --resume "${args[@]}"
        [ "$RC" -eq 0 ] || fail "trial $t (seed $seed, kill after $delay_ms ms): resume exit $RC: $ERR"
    elif [ ! -e "$WORK/out.h5" ]; then # killed before the file existed: start again
        run_mnsim sweep "$WORK/crash_grid.ini" -o "$WORK/out.h5" "${args[@]}"
        [ "$RC" -eq 0 ] || fail "trial $t: fresh run exit $RC: $ERR"
    fi
    if h5diff --exclude-attribute / "$WORK/ref.h5" "$WORK/out.h5" >"$WORK/diff" 2>&1; then
        same=$((same + 1))
    else
        head -20 "$WORK/diff" >&2
        fail "trial $t (seed $seed, kill after $delay_ms ms): resumed file differs from the reference"
    fi
done
echo "crash_consistency: $same/$trials identical to the reference ($killed killed mid-run; seed $seed)"
[ "$killed" -ge 1 ] || fail "no trial was killed mid-run (the sweep finished too fast)"
[ "$same" -eq "$trials" ] || fail "only $same/$trials trials identical to the reference"
