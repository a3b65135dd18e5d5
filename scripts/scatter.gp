# scatter.gp — an outcome against each swept parameter of a sampled sweep (lhs, sobol, random):
# one panel per parameter, one point per simulated course.
#
# Variables:
#   data    point table from `mnsim export` (one row per point)               [required]
#   params  names of the parameter columns, space-separated                    [required]
#   z       name of the outcome column                                         [required]
#   plabels axis labels of the parameters, '|'-separated (default: the names)
#   out, term, title, zlabel
# Example:
#   gnuplot -e "data='p.tsv'; params='interval_days sessions'; z='collagen_gain_percent'; out='s.png'" scripts/scatter.gp

here = ''; do for [i = strlen(ARG0):1:-1] { if (here eq '' && ARG0[i:i] eq '/') { here = ARG0[1:i] } }
load here.'style.gp'

if (!exists("plabels")) plabels = ''
if (!exists("zlabel")) zlabel = z
n = words(params)
ncol = (n <= 3) ? n : ceil(sqrt(n))
nrow = ceil(n * 1.0 / ncol)
plabel(i) = (pipe_item(plabels, i) ne '') ? pipe_item(plabels, i) : word(params, i)
unset key
set autoscale x      # not xfix: keep the points off the frame
set offsets graph 0.04, graph 0.04, graph 0.06, graph 0.06
set ylabel zlabel
if (exists("title")) {
    set multiplot layout nrow, ncol title title font font.',18' margins 0.09, 0.98, 0.12, 0.88 spacing 0.11, 0.14
} else {
    set multiplot layout nrow, ncol margins 0.09, 0.98, 0.12, 0.92 spacing 0.11, 0.14
}
# about four tics per panel at round steps (1, 2, 5 x 10^k)
nicestep(r) = (r <= 0) ? 1 : nicestep2(r / 4.0, 10**floor(log10(r / 4.0)))
nicestep2(raw, mag) = mag * ((raw / mag < 1.5) ? 1 : (raw / mag < 3) ? 2 : (raw / mag < 7) ? 5 : 10)
do for [i = 1:n] {
    stats data using word(params, i) nooutput
    set xtics nicestep(STATS_max - STATS_min)
    set xlabel plabel(i)
    plot data using word(params, i):z with points pt 7 ps 0.9 lc rgb okabe(i) notitle
}
unset multiplot
