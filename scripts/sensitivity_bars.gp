# sensitivity_bars.gp — sensitivity indices of one metric as grouped bars with their bootstrap
# intervals: Sobol' first-order S1 and total ST per parameter (saltelli), or Morris mu* and
# sigma (morris). `mnsim plot S.h5` writes the table and calls this script once per metric.
#
# Variables:
#   data    table with an index column (0 .. d-1) and columns Y1, Y1_lo, Y1_hi, Y2, Y2_lo, Y2_hi
#   labels  parameter names in index order, space-separated                    [required]
#   y1, y2  column names of the two bar series (default S1, ST)
#   t1, t2  their legend titles (default 'first order S_1', 'total effect S_T')
#   out, term, title, ylabel
# Example:
#   gnuplot -e "data='s.tsv'; labels='interval_days depth_mm'; out='s.png'" scripts/sensitivity_bars.gp

here = ''; do for [i = strlen(ARG0):1:-1] { if (here eq '' && ARG0[i:i] eq '/') { here = ARG0[1:i] } }
load here.'style.gp'

if (!exists("y1")) y1 = 'S1'
if (!exists("y2")) y2 = 'ST'
if (!exists("t1")) t1 = 'first order S_1'
if (!exists("t2")) t2 = 'total effect S_T'
if (!exists("ylabel")) ylabel = 'Sobol'' index (share of the variance)'
if (exists("title")) set title title font font.',16' noenhanced

set style data histogram
set style histogram errorbars gap 1.5 lw 1.5
set style fill solid 0.85 border -1
set boxwidth 0.9
set grid noxtics ytics
set xtics rotate by (words(labels) > 8 ? -45 : -25) left scale 0 noenhanced font font.",12"
set xrange [-0.6:words(labels) - 0.4]
set ylabel ylabel
set key top right
# room below the axis (and right of it, for the last rotated label) for the longest name:
# a label rotated by 45 degrees in the 12-point tic font needs about 0.28 line heights per character
longest = 0
do for [i = 1:words(labels)] { longest = strlen(word(labels, i)) > longest ? strlen(word(labels, i)) : longest }
set bmargin (words(labels) > 8 ? 0.28 : 0.2) * longest + 2
set rmargin (words(labels) > 8 ? 0.45 : 0.7) * strlen(word(labels, words(labels))) + 1
stats data using y2.'_hi' nooutput
ymax = STATS_max
stats data using y1.'_hi' nooutput
ymax = (STATS_max > ymax ? STATS_max : ymax)
ymax = ymax > 0 ? ymax * 1.1 : 1
stats data using y1.'_lo' nooutput
ymin = STATS_min < 0 ? STATS_min * 1.1 : 0
set yrange [ymin:ymax]
set xzeroaxis lt -1 lw 1
label(i) = word(labels, int(i) + 1)
plot data using y1:y1.'_lo':y1.'_hi':xtic(label(column(1))) title t1 lc rgb okabe(1), \
     ''   using y2:y2.'_lo':y2.'_hi' title t2 lc rgb okabe(2)
