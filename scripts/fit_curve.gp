# fit_curve.gp — one fitted series of `mnsim fit`: the observations with error bars (+-1 sd), the
# model at the estimate and its pointwise 95 % band (delta method from the covariance of the
# estimates), with the estimates and chi-square printed in the corner. `mnsim plot F.h5` writes
# the two tables and calls this script once per fitted series (state or observable and group).
#
# Variables:
#   data       observations: columns day value sd                                 [required]
#   curve      model: columns day model lo hi (lo/hi: the 95 % band)               [required]
#   estimates  lines "name = value ± se", '|'-separated (printed below the axes)
#   stat       one more line (chi-square and degrees of freedom)
#   out, term, title, ylabel (default 'value')
# Example:
#   gnuplot -e "data='obs.tsv'; curve='model.tsv'; ylabel='treated collagen'; out='f.png'" scripts/fit_curve.gp

here = ''; do for [i = strlen(ARG0):1:-1] { if (here eq '' && ARG0[i:i] eq '/') { here = ARG0[1:i] } }
load here.'style.gp'

if (!exists("ylabel")) ylabel = 'value'
if (!exists("estimates")) estimates = ''
if (!exists("stat")) stat = ''
if (exists("title")) set title title font font.',18' noenhanced
set xlabel 'day of the course [day]'
set ylabel ylabel noenhanced

# y range: the data (with their error bars) and the model; the band is shown within that range
# widened by half of it on each side, so a very wide band (a poorly determined parameter) does
# not flatten the data
stats data using ($2 - $3) nooutput name 'DLO'
stats data using ($2 + $3) nooutput name 'DHI'
stats curve using 2 nooutput name 'M'
stats curve using 3 nooutput name 'BLO'
stats curve using 4 nooutput name 'BHI'
a = DLO_min < M_min ? DLO_min : M_min
b = DHI_max > M_max ? DHI_max : M_max
span = b - a > 0 ? b - a : (abs(b) > 0 ? abs(b) : 1)
lo = BLO_min < a ? (BLO_min > a - 0.5 * span ? BLO_min : a - 0.5 * span) : a
hi = BHI_max > b ? (BHI_max < b + 0.5 * span ? BHI_max : b + 0.5 * span) : b
# x range: to the last day with a model value (a group's course may end before the grid does)
stats curve using 1:2 nooutput name 'T'
stats data using 1 nooutput name 'D'
xmax = D_max > T_max_x ? D_max : T_max_x
set yrange [lo - 0.08 * span : hi + 0.08 * span]
set xrange [0 : xmax * 1.025]   # a point on the last day stays whole

# the estimates and chi-square below the axes (never over the data), one per line
etext = ''
nl = 0
do for [i = 1:100] {
    item = pipe_item(estimates, i)
    if (item ne '') { etext = etext.(etext eq '' ? '' : "\n").item; nl = nl + 1 }
}
if (stat ne '') { etext = etext.(etext eq '' ? '' : "\n").stat; nl = nl + 1 }
set bmargin 4 + 1.3 * nl
set label 1 etext at screen 0.015, character 1.15 * nl + 0.3 left front noenhanced font font.',13'
set key outside right top   # never covers the data or the band

set style fill transparent solid 0.25 noborder
plot curve using 1:3:4 with filledcurves lc rgb okabe(1) title '95 % band (linearised)', \
     curve using 1:2 with lines lc rgb okabe(1) lw 2.5 title 'model at the estimate', \
     data using 1:2:3 with yerrorbars lc rgb okabe(2) pt 7 ps 1.3 lw 1.5 title 'data ± 1 sd'
