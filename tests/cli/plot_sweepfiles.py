# plot_sweepfiles.py — small synthetic sweep files (grid 2-D, grid 1-D, large 2-D grid, lhs) in the
# layout of `mnsim sweep` for the plot/export tests: python3 plot_sweepfiles.py DIR
import sys, h5py, numpy as np
def attrs(d, units, ln):
    d.attrs['units'] = units; d.attrs['long_name'] = ln
def grid(path, axes):
    with h5py.File(path, 'w') as f:
        f.attrs['mnsim_file_kind'] = 'sweep'; f.attrs['design'] = 'grid'
        f.attrs['swept'] = ' '.join(a[0] for a in axes)
        scales = []
        for name, units, vals in axes:
            d = f.create_dataset(name, data=np.asarray(vals, float)); attrs(d, units, name)
            d.make_scale(name); scales.append(d)
        shape = tuple(len(a[2]) for a in axes)
        g = np.meshgrid(*[np.asarray(a[2], float) for a in axes], indexing='ij')
        vals = {'collagen_gain_percent': ('%', 2 + np.sin(g[0] / 9.0) * (g[-1] if len(g) > 1 else 1) - 0.01 * g[0]),
                'redness_visible_days': ('day', 3.0 * (g[-1] if len(g) > 1 else 1) + 0 * g[0]),
                'peak_synthesis_ratio': ('1', 1.5 + 0 * g[0]),
                'pigment_peak': ('1', 0.01 * g[0])}
        status = np.ones(shape, dtype=np.int32)
        if len(shape) == 2: status[-1, -1] = 2
        for m, (u, v) in vals.items():
            v = v.copy()
            if len(shape) == 2: v[-1, -1] = np.nan
            d = f.create_dataset(m, data=v); attrs(d, u, m)
            for k, s in enumerate(scales): d.dims[k].attach_scale(s)
        d = f.create_dataset('status', data=status)
        for k, s in enumerate(scales): d.dims[k].attach_scale(s)
def sampled(path, design, n=40):
    rng = np.random.default_rng(1)
    with h5py.File(path, 'w') as f:
        f.attrs['mnsim_file_kind'] = 'sweep'; f.attrs['design'] = design
        f.attrs['swept'] = 'interval_days patient.age_years'.replace('patient.', '')
        p = f.create_dataset('point', data=np.arange(n, dtype=float)); attrs(p, '1', 'point'); p.make_scale('point')
        cols = {'interval_days': ('day', rng.uniform(7, 56, n)), 'age_years': ('year', rng.uniform(20, 70, n))}
        cols['collagen_gain_percent'] = ('%', 3 - 0.02 * cols['interval_days'][1] - 0.03 * cols['age_years'][1])
        cols['redness_visible_days'] = ('day', rng.uniform(2, 5, n))
        cols['status'] = ('1', np.ones(n))
        for m, (u, v) in cols.items():
            d = f.create_dataset(m, data=v); attrs(d, u, m); d.dims[0].attach_scale(p)
grid(sys.argv[1] + '/grid2.h5', [('interval_days', 'day', [14, 21, 28, 35, 42]), ('sessions', '1', [1, 2, 3, 4, 5, 6, 7, 8])])
grid(sys.argv[1] + '/grid1.h5', [('interval_days', 'day', list(range(7, 57, 7)))])
grid(sys.argv[1] + '/grid2big.h5', [('interval_days', 'day', list(range(7, 57))), ('sessions', '1', [1, 2, 3])])
sampled(sys.argv[1] + '/lhs.h5', 'lhs')
