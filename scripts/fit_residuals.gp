# fit_residuals.gp — the weighted residuals (model - value) / sd of every data row of `mnsim fit`
# against the day, one colour per observable or metric, with the +-2 lines (about 95 % of the
# residuals of a good fit lie between them).
#
# Variables:
#   data    columns day residual quantity (1-based index into titles)             [required]
#   nq      number of quantities                                                 [required]
#   titles  their names, '|'-separated
#   stat    a line printed top left (chi-square and degrees of freedom)
#   out, term, title
# Example:
#   gnuplot -e "data='r.tsv'; nq=1; titles='treated collagen'; out='r.png'" scripts/fit_residuals.gp

here = ''; do for [i = strlen(ARG0):1:-1] { if (here eq '' && ARG0[i:i] eq '/') { here = ARG0[1:i] } }
load here.'style.gp'

if (!exists("titles")) titles = ''
if (!exists("stat")) stat = ''
if (exists("title")) set title title font font.',18' noenhanced
set xlabel 'day of the course [day]'
set ylabel '(model − data) / sd [1]'
stats data using 2 nooutput name 'R'
m = abs(R_min) > abs(R_max) ? abs(R_min) : abs(R_max)
m = m > 2.5 ? m : 2.5
stats data using 1 nooutput name 'D'
pad = D_max > D_min ? 0.05 * (D_max - D_min) : 1
set yrange [-1.15 * m : 1.15 * m]
set xrange [D_min - pad : D_max + pad]
set arrow 1 from graph 0, first 2 to graph 1, first 2 nohead lc rgb '#999999' dt 2 lw 1 back
set arrow 2 from graph 0, first -2 to graph 1, first -2 nohead lc rgb '#999999' dt 2 lw 1 back
set xzeroaxis lt -1 lw 1
if (stat ne '') { set label 1 stat at graph 0.02, graph 0.97 left front noenhanced font font.',13' }
set key outside right top noenhanced
ttl(i) = pipe_item(titles, i) ne '' ? pipe_item(titles, i) : sprintf('quantity %d', i)
plot for [i = 1:nq] data using 1:(column(3) == i ? column(2) : NaN) with points \
     lc rgb okabe(i) pt 7 ps 1.5 title ttl(i)
