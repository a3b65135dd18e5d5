#!/usr/bin/python3
# tests/mpi/compare.py — REF.h5 OUT.h5 [RANKS THREADS]: every dataset of OUT.h5 has the same name,
# type, shape and bytes (NaN payloads included) as in REF.h5, and the reverse; with RANKS and
# THREADS, OUT.h5's root attributes mpi_ranks/threads_per_rank record them. Exit 1 on a difference.
import sys

import h5py

def datasets(f):
    out = {}
    f.visititems(lambda name, obj: out.__setitem__(name, obj) if isinstance(obj, h5py.Dataset) else None)
    return out

ref, out = h5py.File(sys.argv[1], "r"), h5py.File(sys.argv[2], "r")
a, b = datasets(ref), datasets(out)
bad = []
if sorted(a) != sorted(b):
    bad.append("dataset names differ: %s" % sorted(set(a) ^ set(b)))
for name in sorted(set(a) & set(b)):
    x, y = a[name], b[name]
    if x.dtype != y.dtype or x.shape != y.shape:
        bad.append("%s: %s%s vs %s%s" % (name, x.dtype, x.shape, y.dtype, y.shape))
    elif x[()].tobytes() != y[()].tobytes():
        bad.append("%s: data differ" % name)
if len(sys.argv) > 4:
    for key, want in (("mpi_ranks", sys.argv[3]), ("threads_per_rank", sys.argv[4])):
        got = out.attrs.get(key)
        if got is None or int(got) != int(want):
            bad.append("attribute %s = %s, expected %s" % (key, got, want))
for line in bad:
    print("FAIL: %s vs %s: %s" % (sys.argv[1], sys.argv[2], line))
sys.exit(1 if bad else 0)
