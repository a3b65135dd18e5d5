#!/usr/bin/env bash
# tests/mpi/mpi_sweep.sh — (MPI build only) `mpirun -np R mnsim sweep` gives, dataset by dataset and
# bit for bit, the data of a run without mpirun (and of the serial build's binary when MNSIM_SERIAL
# names it) for R = 1, 2, 3 with 1 or 2 threads, with and without --trajectories (deflated,
# written collectively); only rank 0 prints; provenance records ranks and threads; a run stopped
# by a signal (SIGUSR1 to mpirun, which forwards it; SIGTERM to the ranks, as a scheduler does)
# keeps OUT.h5.partial, and --resume under another rank count completes it with the same data;
# `mpirun -np 2 mnsim sensitivity` writes the same indices as one process.
set -u
: "${MNSIM:?}" "${MNSIM_SOURCE_DIR:?}"
MPIEXEC=${MPIEXEC:-mpirun}
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_rmaps_base_oversubscribe=1
here=$MNSIM_SOURCE_DIR/tests/mpi
cmp_py=$here/compare.py
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export TMPDIR=$tmp
fail=0
mpi() { "$MPIEXEC" --oversubscribe -np "$@"; }
compare() { /usr/bin/python3 "$cmp_py" "$@" || fail=1; }

grid=$MNSIM_SOURCE_DIR/params/sweeps/interval_sessions.ini
small=$MNSIM_SOURCE_DIR/tests/fixtures/sweeps/small_grid.ini
# references: the same binary without mpirun (no MPI at all), and the serial build if given
"$MNSIM" sweep "$grid" -o "$tmp/grid_ref.h5" --trajectories --threads 2 -q || { echo "FAIL: reference grid"; fail=1; }
"$MNSIM" sweep "$small" -o "$tmp/small_ref.h5" --threads 1 -q || { echo "FAIL: reference small grid"; fail=1; }
if [ -n "${MNSIM_SERIAL:-}" ]; then
    "$MNSIM_SERIAL" sweep "$grid" -o "$tmp/grid_serial.h5" --trajectories --threads 1 -q || fail=1
    compare "$tmp/grid_serial.h5" "$tmp/grid_ref.h5"
fi
for np in 1 2 3; do
    for th in 1 2; do
        out=$tmp/grid_np${np}_t$th.h5
        mpi $np "$MNSIM" sweep "$grid" -o "$out" --trajectories --threads $th 2>"$tmp/err" \
            || { echo "FAIL: grid -np $np --threads $th"; cat "$tmp/err"; fail=1; continue; }
        compare "$tmp/grid_ref.h5" "$out" $np $th
        n=$(grep -c "^sweep: 8 courses in .*, $np MPI ranks x $th threads); 8 ok" "$tmp/err")
        [ "$n" -eq 1 ] || { echo "FAIL: -np $np: the summary printed $n times (rank 0 only)"; cat "$tmp/err"; fail=1; }
        [ -e "$out.partial" ] && { echo "FAIL: .partial left by -np $np"; fail=1; }
    done
    # one point per block: many rounds, ranks without a block in the last one, invalid points
    mpi $np "$MNSIM" sweep "$small" -o "$tmp/small_np$np.h5" --block 1 --threads 1 -q \
        || { echo "FAIL: small grid -np $np"; fail=1; continue; }
    compare "$tmp/small_ref.h5" "$tmp/small_np$np.h5" $np 1
done

# interrupt an MPI sweep, resume it with another rank count
long=$tmp/long_sobol.ini
cp "$here/long_sobol.ini" "$here/long_base.ini" "$tmp/"
"$MNSIM" sweep "$long" -o "$tmp/long_ref.h5" --threads 2 -q || { echo "FAIL: reference sobol"; fail=1; }
interrupt() { # how (usr1-mpirun | term-ranks), expected exit, np, extra args...
    local how=$1 want=$2 np=$3; shift 3
    setsid "$MPIEXEC" --oversubscribe -np "$np" "$MNSIM" sweep "$long" -o "$tmp/long.h5" --threads 1 \
        --block 8 "$@" 2>"$tmp/err" &
    local pid=$!
    # wait until the ranks have written a block (the .partial changes), so the signal cannot
    # arrive while MPI is still starting, before the sweep's handlers are installed
    local m0=0
    [ -e "$tmp/long.h5.partial" ] && m0=$(date -r "$tmp/long.h5.partial" +%s%N)
    for _ in $(seq 600); do
        [ -e "$tmp/long.h5.partial" ] && [ "$(date -r "$tmp/long.h5.partial" +%s%N)" != "$m0" ] && break
        sleep 0.05
    done
    sleep 0.3
    if [ "$how" = usr1-mpirun ]; then
        kill -USR1 $pid
    else
        kill -TERM $(ps --ppid $pid -o pid=)
    fi
    wait $pid
    local rc=$?
    [ $rc -eq "$want" ] || { echo "FAIL: $how: exit $rc, expected $want"; cat "$tmp/err"; fail=1; }
    grep -q "interrupted: [0-9]* of 1024 points done; resume with: mpirun -np $np mnsim sweep $long -o $tmp/long.h5 --resume" "$tmp/err" \
        || { echo "FAIL: $how: no resume hint"; cat "$tmp/err"; fail=1; }
    [ "$(grep -c '^interrupted:' "$tmp/err")" -eq 1 ] || { echo "FAIL: $how: hint printed more than once"; fail=1; }
    [ -e "$tmp/long.h5" ] && { echo "FAIL: $how: OUT.h5 exists after an interruption"; fail=1; }
    [ -e "$tmp/long.h5.partial" ] || { echo "FAIL: $how: no .partial after an interruption"; fail=1; }
}
interrupt usr1-mpirun 138 2 -q
interrupt term-ranks 143 3 -q --resume
mpi 2 "$MNSIM" sweep "$long" -o "$tmp/long.h5" --resume --threads 1 2>"$tmp/err" \
    || { echo "FAIL: final resume"; cat "$tmp/err"; fail=1; }
grep -q "^sweep: [0-9]* courses in .*; 1024 ok, 0 invalid, 0 solver failed" "$tmp/err" \
    || { echo "FAIL: resume summary"; cat "$tmp/err"; fail=1; }
[ -e "$tmp/long.h5.partial" ] && { echo "FAIL: .partial left after the resume"; fail=1; }
compare "$tmp/long_ref.h5" "$tmp/long.h5"
# a .partial of the MPI run is refused without --resume, once (rank 0 speaks)
mpi 2 "$MNSIM" sweep "$long" -o "$tmp/x.h5" -q --threads 1 2>/dev/null
cp "$tmp/long.h5" "$tmp/x.h5.partial"
out=$(mpi 2 "$MNSIM" sweep "$long" -o "$tmp/x.h5" -q --threads 1 2>&1)
[ "$(grep -c 'x.h5.partial exists' <<<"$out")" -eq 1 ] || { echo "FAIL: existing .partial: '$out'"; fail=1; }
# sensitivity under MPI: the indices (added by rank 0 before the rename) equal the single-process
# run's bit for bit, and the summary is printed once
sens=$MNSIM_SOURCE_DIR/tests/fixtures/sensitivity/model_small.ini
"$MNSIM" sensitivity "$sens" -o "$tmp/sens_ref.h5" --threads 1 -q || { echo "FAIL: reference sensitivity"; fail=1; }
mpi 2 "$MNSIM" sensitivity "$sens" -o "$tmp/sens_np2.h5" --threads 1 2>"$tmp/err" \
    || { echo "FAIL: sensitivity -np 2"; cat "$tmp/err"; fail=1; }
[ "$(grep -c "^sensitivity: Sobol' indices of 2 metrics" "$tmp/err")" -eq 1 ] \
    || { echo "FAIL: sensitivity -np 2: summary not printed once"; cat "$tmp/err"; fail=1; }
for v in ST S1 ST_lo ST_hi; do
    h5diff "$tmp/sens_ref.h5" "$tmp/sens_np2.h5" "/$v" "/$v" >/dev/null \
        || { echo "FAIL: sensitivity -np 2: $v differs from the single-process run"; fail=1; }
done
[ $fail -eq 0 ] && echo "mpi_sweep: ok"
exit $fail
