# run_panels.gp — the overview of one simulated course: six panels of time series on a shared
# day axis, session days as grey dashed lines.
#   redness (visible threshold drawn, visible redness shaded) | collagen synthesis rate
#   treated layer: collagen, matured new collagen, epidermis  | scar severity
#   (change since day 0 [%])
#   pigment (PIH index)                                       | barrier and topical uptake
#
# Variables:
#   data       table from `mnsim export RUN.h5` (columns time, redness, collagen_synthesis_rate,
#              treated_collagen, treated_collagen_matured, epidermal_thickness, scar_severity,
#              pigment, barrier, topical_uptake)                                [required]
#   sessions   session days, space-separated (default: none)
#   threshold  visible-redness threshold (inflammation.visible_threshold)
#   pigment_threshold   visible-pigment threshold (pigment.visible_threshold)
#   bands      members of an ensemble (`mnsim run --ensemble N`): the table then also has
#              NAME_q10 and NAME_q90 columns, drawn as a shaded 10-90 % band under each series
#   out, term, title, xrange (e.g. '[0:60]')
# Example:
#   mnsim export run.h5 > run.tsv
#   gnuplot -e "data='run.tsv'; sessions='0 28 56'; threshold=0.12; out='panels.png'" scripts/run_panels.gp

here = ''; do for [i = strlen(ARG0):1:-1] { if (here eq '' && ARG0[i:i] eq '/') { here = ARG0[1:i] } }
load here.'style.gp'
if (term eq 'pngcairo') { set terminal pngcairo size 1200,800 enhanced font font.',11' linewidth 1.6 }
if (term eq 'svg') { set terminal svg size 1200,800 dynamic enhanced font font.',11' linewidth 1.6 }
if (exists("out")) set output out

if (!exists("sessions")) sessions = ''
if (!exists("bands")) bands = 0
# the 10-90 % band of series c (columns c_q10, c_q90); without an ensemble a band of zero height
# on the series: nothing drawn, and no "no valid points" warning as NaN would give
lo(c) = bands ? column(c.'_q10') : column(c)
hi(c) = bands ? column(c.'_q90') : column(c)
bandtitle = bands ? sprintf('10-90 %% of %d members', bands) : ''
BAND = 'with filledcurves fs transparent solid 0.25 noborder'
if (!exists("title")) title = 'mnsim course'
if (exists("xrange")) eval('set xrange '.xrange)
unset xlabel  # only the bottom row names the shared day axis
set key top right horizontal samplen 1.5 spacing 1 font font.',10'
set key noopaque nobox
do for [i = 1:words(sessions)] {
    set arrow from first word(sessions, i) + 0, graph 0 to first word(sessions, i) + 0, graph 1 \
        nohead back lc rgb '#AAAAAA' lw 0.8 dt 2
}

set multiplot layout 3, 2 title title font font.',16' margins 0.07, 0.93, 0.08, 0.91 spacing 0.09, 0.11

# 1. redness against the visible threshold
set title 'Redness' font font.',12'
set ylabel 'erythema index [1]'
set yrange [0:*]
set offsets 0, 0, graph 0.25, 0
if (exists("threshold")) {
    # shade only the visible redness: between the threshold and the curve, where it is above
    plot data using "time":(lo("redness")):(hi("redness")) @BAND lc rgb okabe(2) title bandtitle, \
         data using "time":(threshold):(column("redness") > threshold ? column("redness") : threshold) \
             with filledcurves fc rgb okabe(2) fs transparent solid 0.25 noborder title 'visible', \
         data using "time":"redness" with lines lc rgb okabe(2) title 'redness', \
         threshold with lines lc rgb '#000000' lw 1 dt 2 title 'visible above'
} else {
    plot data using "time":(lo("redness")):(hi("redness")) @BAND lc rgb okabe(2) title bandtitle, \
         data using "time":"redness" with lines lc rgb okabe(2) title 'redness'
}

# 2. collagen synthesis
set title 'Collagen synthesis'
set ylabel 'rate [25-year baseline = 1]'
set yrange [0:*]
plot data using "time":(lo("collagen_synthesis_rate")):(hi("collagen_synthesis_rate")) @BAND lc rgb okabe(1) title bandtitle, \
     data using "time":"collagen_synthesis_rate" with lines lc rgb okabe(1) title 'synthesis rate'

# 3. the treated (needled) layer, each relative to the same patient's day 0 (= 1), as the change
#    in %: the layer's collagen density (new matrix, immature and matured), its matured new
#    collagen, and the epidermal thickness it supports.
set title 'Treated layer: change since day 0'
set ylabel 'change [% of day 0]'
set yrange [0:*]
plot data using "time":(100*(lo("treated_collagen")-1)):(100*(hi("treated_collagen")-1)) @BAND lc rgb okabe(7) title bandtitle, \
     data using "time":(100*(column("treated_collagen")-1)) with lines lc rgb okabe(7) title 'collagen', \
     data using "time":(100*(column("treated_collagen_matured")-1)) with lines lc rgb okabe(1) title 'matured new collagen', \
     data using "time":(100*(column("epidermal_thickness")-1)) with lines lc rgb okabe(4) title 'epidermis'

# 4. scar
set title 'Scar severity'
set ylabel 'grade [0-4]'
set yrange [0:*]
plot data using "time":(lo("scar_severity")):(hi("scar_severity")) @BAND lc rgb okabe(6) title bandtitle, \
     data using "time":"scar_severity" with lines lc rgb okabe(6) title 'scar severity'

# 5. pigment
set xlabel 'time [day]' offset 0, 0.5
set title 'Post-inflammatory hyperpigmentation'
set ylabel 'PIH index [1]'
set yrange [0:*]
if (exists("pigment_threshold")) {
    plot data using "time":(lo("pigment")):(hi("pigment")) @BAND lc rgb okabe(3) title bandtitle, \
         data using "time":"pigment" with lines lc rgb okabe(3) title 'pigment', \
         pigment_threshold with lines lc rgb '#000000' lw 1 dt 2 title 'visible above'
} else {
    plot data using "time":(lo("pigment")):(hi("pigment")) @BAND lc rgb okabe(3) title bandtitle, \
         data using "time":"pigment" with lines lc rgb okabe(3) title 'pigment'
}

# 6. barrier (left axis) and topical uptake (right axis, logarithmic)
set title 'Barrier and topical uptake'
set ylabel 'barrier integrity [1]'
set yrange [0:1.3]
set ytics 0, 0.25, 1 nomirror
set y2label 'uptake [intact skin = 1]'
set logscale y2
set y2tics 2 nomirror  # factors of 2: 1, 2, 4, 8 (a log axis would label only 1 and 10)
set autoscale y2
set offsets 0, 0, 0, 0
plot data using "time":(lo("barrier")):(hi("barrier")) @BAND lc rgb okabe(5) title bandtitle, \
     data using "time":"barrier" with lines lc rgb okabe(5) title 'barrier', \
     data using "time":"topical_uptake" axes x1y2 with lines lc rgb okabe(4) title 'topical uptake'
unset multiplot
