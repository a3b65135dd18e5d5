#!/usr/bin/env bash
# tests/cli/sweep_damaged_chunk.sh — a chunk damaged on disk is detected (Fletcher-32) and its
# block simulated again by --resume: take a complete `--trajectories` sweep back to .partial, flip
# one byte inside a compressed trajectory chunk and one inside a status chunk, check that reading
# them now fails, resume, and compare bit for bit with the undamaged file.
source "$(dirname "$0")/lib.sh"
fx=$MNSIM_SOURCE_DIR/tests/fixtures/sweeps
cp "$fx/crash_grid.ini" "$fx/base_120.ini" "$WORK/"
args=(--trajectories --threads 2 --block 24 -q)
"$MNSIM" sweep "$WORK/crash_grid.ini" -o "$WORK/ref.h5" "${args[@]}" || fail "reference run"
cp "$WORK/ref.h5" "$WORK/out.h5.partial"
$PY - "$WORK/out.h5.partial" <<'PY' || fail "damaging the file"
import sys, h5py
path = sys.argv[1]
with h5py.File(path, "r") as f:
    spots = []
    for name, k in (("traj_redness_visible", 5), ("status", 11)):
        info = f[name].id.get_chunk_info(k)
        spots.append((name, k, info.byte_offset + info.size // 2))
with open(path, "r+b") as raw:
    for _, _, at in spots:
        raw.seek(at)
        b = raw.read(1)
        raw.seek(at)
        raw.write(bytes([b[0] ^ 0x5A]))
with h5py.File(path, "r") as f:
    for name, _, _ in spots:
        try:
            f[name][...]
        except OSError:
            continue
        sys.exit(f"{name}: the damaged chunk was read without error")
PY
run_mnsim sweep "$WORK/crash_grid.ini" -o "$WORK/out.h5" --resume "${args[@]}"
[ "$RC" -eq 0 ] || fail "resume of the damaged file: exit $RC: $ERR"
[ -e "$WORK/out.h5.partial" ] && fail ".partial left after the resume"
h5diff --exclude-attribute / "$WORK/ref.h5" "$WORK/out.h5" >&2 || fail "repaired file differs from the reference"
echo "sweep_damaged_chunk: ok"
