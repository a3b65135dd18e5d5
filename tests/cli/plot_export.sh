#!/usr/bin/env bash
# plot_export.sh — `mnsim export`: exported columns equal the HDF5 values (checked with h5py) for
# a run file (time series, events, metrics) and for grid and sampled sweep files; --tsv form;
# errors (missing file, not an mnsim file, unknown dataset) exit 2 with a clear message.
set -euo pipefail
: "${MNSIM:?}" "${MNSIM_SOURCE_DIR:?}"
PY=/usr/bin/python3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

"$MNSIM" run "$MNSIM_SOURCE_DIR/params/default.ini" -o "$tmp/run.h5" --quiet
$PY "$MNSIM_SOURCE_DIR/tests/cli/plot_sweepfiles.py" "$tmp"

"$MNSIM" export "$tmp/run.h5" > "$tmp/all.tsv"
"$MNSIM" export "$tmp/run.h5" --dataset redness barrier > "$tmp/two.tsv"
"$MNSIM" export "$tmp/run.h5" --dataset redness --tsv > "$tmp/plain.tsv"
"$MNSIM" export "$tmp/run.h5" --group events > "$tmp/events.tsv"
"$MNSIM" export "$tmp/run.h5" --group metrics > "$tmp/metrics.tsv"
"$MNSIM" export "$tmp/grid2.h5" --dataset collagen_gain_percent status > "$tmp/grid.tsv"
"$MNSIM" export "$tmp/lhs.h5" > "$tmp/lhs.tsv"

$PY - "$tmp" <<'PYEOF'
import sys, math, h5py, numpy as np
d = sys.argv[1]
def read(path):
    lines = open(path).read().rstrip('\n').split('\n')
    header = lines[0].split('\t')
    rows, blanks, units = [], 0, None
    for ln in lines[1:]:
        if ln.startswith('#'): units = ln[2:].split('\t'); continue
        if ln == '': blanks += 1; continue
        rows.append([float(x) for x in ln.split('\t')])
    return header, units, np.array(rows), blanks
def same(a, b, what):
    a = np.asarray(a, float).ravel(); b = np.asarray(b, float).ravel()
    assert a.shape == b.shape, (what, a.shape, b.shape)
    ok = (a == b) | (np.isnan(a) & np.isnan(b))
    assert ok.all(), (what, a[~ok][:3], b[~ok][:3])
with h5py.File(d + '/run.h5') as f:
    h, u, r, _ = read(d + '/all.tsv')
    assert h[0] == 'time' and u[0] == 'day', h[:3]
    same(r[:, 0], f['time'][()], 'time')
    for j, name in enumerate(h[1:], 1):
        same(r[:, j], f[name][()], name)
        assert u[j] == f[name].attrs['units'], name
    for name in ('redness', 'collagen_type_I', 'scar_severity', 'pigment', 'topical_uptake'):
        assert name in h, name
    h, u, r, _ = read(d + '/two.tsv')
    assert h == ['time', 'redness', 'barrier'], h
    same(r[:, 1], f['redness'][()], 'redness'); same(r[:, 2], f['barrier'][()], 'barrier')
    lines = open(d + '/plain.tsv').read().split('\n')
    assert lines[0] == 'time[day]\tredness[1]', lines[0]
    assert not any(l.startswith('#') for l in lines), 'comment in --tsv'
    h, u, r, _ = read(d + '/events.tsv')
    assert h == ['event', 'day', 'kind', 'session'], h
    same(r[:, 1], f['events/day'][()], 'events/day'); same(r[:, 2], f['events/kind'][()], 'kind')
    h, u, r, _ = read(d + '/metrics.tsv')
    for j, name in enumerate(h):
        same(r[0, j], f['metrics/' + name][()], name)
with h5py.File(d + '/grid2.h5') as f:
    h, u, r, blanks = read(d + '/grid.tsv')
    assert h == ['interval_days', 'sessions', 'collagen_gain_percent', 'status'], h
    ni, ns = f['collagen_gain_percent'].shape
    assert blanks == ni - 1, blanks
    same(r[:, 0], np.repeat(f['interval_days'][()], ns), 'axis 0')
    same(r[:, 1], np.tile(f['sessions'][()], ni), 'axis 1')
    same(r[:, 2], f['collagen_gain_percent'][()], 'grid values')
    same(r[:, 3], f['status'][()], 'status')
with h5py.File(d + '/lhs.h5') as f:
    h, u, r, _ = read(d + '/lhs.tsv')
    assert h[0] == 'point', h
    for j, name in enumerate(h[1:], 1):
        same(r[:, j], f[name][()], name)
    assert 'interval_days' in h and 'collagen_gain_percent' in h, h
print('export values match HDF5')
PYEOF

# errors: exit 2 and a clear message
expect_error() { # expected-text, command...
    local want=$1; shift
    set +e; "$@" > "$tmp/out" 2> "$tmp/err"; local rc=$?; set -e
    [ $rc -eq 2 ] || fail "$* exited $rc, expected 2"
    grep -q -- "$want" "$tmp/err" || { cat "$tmp/err" >&2; fail "$*: message lacks '$want'"; }
}
expect_error "no such file" "$MNSIM" export "$tmp/missing.h5"
expect_error "not an HDF5 file" "$MNSIM" export "$MNSIM_SOURCE_DIR/params/default.ini"
$PY -c "import h5py; h5py.File('$tmp/other.h5', 'w').create_dataset('x', data=[1.0])"
expect_error "not an mnsim file" "$MNSIM" export "$tmp/other.h5"
expect_error "available: .*redness" "$MNSIM" export "$tmp/run.h5" --dataset no_such_thing
expect_error "do not share" "$MNSIM" export "$tmp/run.h5" --dataset redness sessions/day
echo "plot_export: ok"
