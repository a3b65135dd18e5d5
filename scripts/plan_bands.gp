# plan_bands.gp — `mnsim plan`: the outcomes of every candidate interval with their 10-90 % bands
# of the uncertainty ensemble (shaded), the equivalent intervals (light blue columns) and the best interval
# (dashed line). Three panels: matured new collagen, PIH risk (pigment peak / visible level, with its
# warning level), score.
#
# Variables: data (TSV with columns interval gain gain_lo gain_hi pih pih_lo pih_hi score
#   score_lo score_hi red red_lo red_hi), best, equiv (the equivalent intervals, space-separated), pih_warn, out, term.
here = ''; do for [i = strlen(ARG0):1:-1] { if (here eq '' && ARG0[i:i] eq '/') { here = ARG0[1:i] } }
load here.'style.gp'
set datafile separator tab
set key autotitle columnhead
unset key
set multiplot layout 1,3 title sprintf("Candidate intervals: nominal (line) and 10-90 %% band; best %g days", best) font font.',16'
set xlabel 'interval between sessions [days]'
stats data using 1 nooutput
xstep = ceil((STATS_max - STATS_min) / 6.0)
if (xstep < 1) { xstep = 1 }
set xtics xstep
set xrange [STATS_min - 0.5 : STATS_max + 0.5]
set grid ytics lc rgb '#dddddd'
set style fill transparent solid 0.30 noborder
do for [i = 1:words(equiv)] {
    e = real(word(equiv, i))
    set obj i rect from e - 0.5, graph 0 to e + 0.5, graph 1 fc rgb '#cfe6f5' fs solid 0.6 noborder behind
}
set arrow 1 from best, graph 0 to best, graph 1 nohead lc rgb '#0072B2' dt 2 lw 2 front

set title 'matured new collagen [%]'
plot data using 1:3:4 with filledcurves lc rgb '#009E73' notitle, \
     '' using 1:2 with linespoints lc rgb '#009E73' lw 2 pt 7 ps 0.6 notitle

set title 'PIH risk: pigment peak / visible level (>= warning level: visible PIH)'
# the y range always includes the warning level, so the line is drawn even when every candidate
# is far below it
stats data using 7 nooutput name 'PIH'
pih_top = (PIH_max > pih_warn ? PIH_max : pih_warn) * 1.15
set yrange [0:pih_top]
set arrow 2 from graph 0, first pih_warn to graph 1, first pih_warn nohead lc rgb '#D55E00' dt 3 lw 1.5 front
set label 2 sprintf('PIH warning level %g (visible PIH)', pih_warn) at graph 0.03, first pih_warn offset 0, 0.7 left tc rgb '#D55E00' front
plot data using 1:6:7 with filledcurves lc rgb '#D55E00' notitle, \
     '' using 1:5 with linespoints lc rgb '#D55E00' lw 2 pt 7 ps 0.6 notitle
unset arrow 2
unset label 2
set autoscale y

set title 'score (higher is better)'
plot data using 1:9:10 with filledcurves lc rgb '#0072B2' notitle, \
     '' using 1:8 with linespoints lc rgb '#0072B2' lw 2 pt 7 ps 0.6 notitle
unset multiplot
