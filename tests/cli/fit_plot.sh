#!/usr/bin/env bash
# tests/cli/fit_plot.sh — `mnsim plot F.h5` on a fit file: fit_treated_collagen.png (data with error
# bars, model curve and its band) and fit_residuals.png are written and are real figures
# (plot_check.py); the tables handed to gnuplot (captured by a wrapper around gnuplot) hold the 7
# data rows with their sd, the model curve on the fit's day grid with lo <= model <= hi, and one
# residual per row.
source "$(dirname "$0")/lib.sh"
base=$MNSIM_SOURCE_DIR/params/default.ini
"$MNSIM" run "$base" --set treated_layer.synthesis_per_day=0.13 -o "$WORK/truth.h5" -q ||
    fail "truth run"
"$MNSIM" export "$WORK/truth.h5" --dataset treated_collagen |
    awk 'BEGIN { OFS = "\t"; print "day", "observable", "value", "sd" }
         /^[0-9]/ && $1 % 30 == 0 && $1 > 0 && $1 <= 210 {
             n++; print $1, "treated_collagen", $2 + (n % 2 ? 0.005 : -0.005), 0.01 }' \
        >"$WORK/data.tsv"
[ "$(wc -l <"$WORK/data.tsv")" -eq 8 ] || fail "expected 7 data rows: $(cat "$WORK/data.tsv")"
printf '[fit]\nbase = %s\ndata = data.tsv\nstarts = 2\ntreated_layer.synthesis_per_day = 0.05 .. 0.5 log\n' \
    "$base" >"$WORK/fit.ini"
run_mnsim fit "$WORK/fit.ini" -o "$WORK/f.h5" -q
expect_rc 0 "fit"

# a gnuplot wrapper keeps a copy of every table it is handed (data='...', curve='...')
mkdir "$WORK/cap"
cat >"$WORK/gp" <<GP
#!/usr/bin/env bash
n=\$(ls "$WORK/cap" | wc -l)
s=\$(basename "\$3" .gp)
for v in data curve; do
    f=\$(sed -n "s/.*\\<\$v='\\([^']*\\)'.*/\\1/p" <<<"\$2")
    [ -n "\$f" ] && cp "\$f" "$WORK/cap/\${n}_\${s}_\$v.tsv"
done
exec gnuplot "\$@"
GP
chmod +x "$WORK/gp"
MNSIM_GNUPLOT="$WORK/gp" run_mnsim plot "$WORK/f.h5" -o "$WORK/plots"
expect_rc 0 "plot of a fit file"
for f in fit_treated_collagen fit_residuals; do
    [ -f "$WORK/plots/$f.png" ] || fail "no $f.png: $OUT"
    grep -q "wrote $WORK/plots/$f.png" <<<"$OUT" || fail "$f.png not announced: $OUT"
done
"$PY" "$MNSIM_SOURCE_DIR/tests/cli/plot_check.py" "$WORK/plots/fit_treated_collagen.png"
"$PY" "$MNSIM_SOURCE_DIR/tests/cli/plot_check.py" --quick "$WORK/plots/fit_residuals.png"
"$PY" - "$WORK" <<'PYEOF' || fail "tables handed to gnuplot"
import glob, sys
import h5py, numpy as np
w = sys.argv[1]
def table(pattern):
    (path,) = glob.glob(w + "/cap/" + pattern)
    lines = [l for l in open(path) if l.strip() and not l.startswith("#")]
    head = lines[0].split("\t")
    return {h.strip(): np.array([float(l.split("\t")[i]) for l in lines[1:]]) for i, h in enumerate(head)}
obs = table("*_fit_curve_data.tsv")
assert len(obs["day"]) == 7, obs
assert list(obs["day"]) == [30, 60, 90, 120, 150, 180, 210], obs["day"]
assert np.allclose(obs["sd"], 0.01)
cur = table("*_fit_curve_curve.tsv")
f = h5py.File(w + "/f.h5", "r")
assert len(cur["day"]) == f["curve_day"].shape[0] > 100, len(cur["day"])
ok = np.isfinite(cur["model"])
assert ok.sum() > 100
assert (cur["lo"][ok] <= cur["model"][ok] + 1e-12).all() and (cur["model"][ok] <= cur["hi"][ok] + 1e-12).all()
assert (cur["hi"][ok] - cur["lo"][ok]).max() > 0, "no band"
res = table("*_fit_residuals_data.tsv")
assert len(res["day"]) == 7 and np.allclose(res["residual"], f["residual"][:]), res
assert set(res["quantity"]) == {1.0}
print("ok")
PYEOF
# a fit file without its observations is refused as input (exit 2)
"$PY" -c "
import h5py, shutil, sys
shutil.copy('$WORK/f.h5', '$WORK/g.h5')
with h5py.File('$WORK/g.h5', 'a') as f: del f['obs_name']
"
run_mnsim plot "$WORK/g.h5" -o "$WORK/gplots"
expect_rc 2 "incomplete fit file"
expect_err_contains "not a complete fit file" "incomplete fit file"
echo "fit_plot: figures written, 7 rows and the band handed to gnuplot"
