# lines.gp — a family of curves y(x) from one tab-separated table (e.g. time series, or an
# outcome against a parameter). Used by `mnsim plot` (single observables), `mnsim gallery`.
#
# Variables (set with gnuplot -e "name='value'; ..."):
#   data    table written by `mnsim export` (first line: column names)        [required]
#   x       name of the x column                                              [required]
#   ycols   names of the y columns, space-separated                           [required]
#   titles  legend titles, '|'-separated (default: the column names)
#   colors  Okabe-Ito colour index per curve, space-separated (default 1 2 3 ...)
#   dashes  dash type per curve, space-separated (1 solid, 2 dashed; default 1)
#   out, term (pngcairo|svg|pdfcairo), title, xlabel, ylabel
#   vlines  x positions of thin grey dashed vertical lines (session days), space-separated
#   threshold, threshold_title   horizontal dashed line; each curve's part above it shaded
#   shade_n  shade only the first shade_n curves above the threshold (overlaid curves)
#   mark_x, mark_y, mark_label   a highlighted point with a label (e.g. an optimum)
#   xrange, yrange   e.g. '[0:21]' (default: automatic)
#   logy    1 = logarithmic y axis
#   style   'lines' (default) or 'linespoints'
#   keypos  gnuplot key position (default 'outside right top': never covers the data)
# Example:
#   mnsim export run.h5 --dataset redness > r.tsv
#   gnuplot -e "data='r.tsv'; x='time'; ycols='redness'; out='r.png'" scripts/lines.gp

here = ''; do for [i = strlen(ARG0):1:-1] { if (here eq '' && ARG0[i:i] eq '/') { here = ARG0[1:i] } }
load here.'style.gp'

if (!exists("titles")) titles = ''
if (!exists("colors")) colors = ''
if (!exists("dashes")) dashes = ''
if (!exists("style")) style = 'lines'
if (!exists("keypos")) keypos = 'outside right top'
n = words(ycols)

if (exists("title")) set title title font font.',18'
if (exists("xlabel")) set xlabel xlabel
if (exists("ylabel")) set ylabel ylabel
if (exists("xrange")) eval('set xrange '.xrange)
if (exists("yrange")) eval('set yrange '.yrange)
if (exists("logy")) { if (logy) { set logscale y } }

# session days (or any x positions) as grey dashed lines behind the data
if (exists("vlines")) {
    do for [i = 1:words(vlines)] {
        set arrow from first word(vlines, i) + 0, graph 0 to first word(vlines, i) + 0, graph 1 \
            nohead back lc rgb '#999999' lw 1 dt 2
    }
}
# threshold: a black dashed line; each curve's excess above it shaded in the curve's colour
if (exists("threshold")) {
    if (!exists("threshold_title")) { threshold_title = 'threshold' }
}
if (exists("mark_x") && exists("mark_y")) {
    if (!exists("mark_label")) { mark_label = '' }
    set label 1 mark_label at first mark_x, first mark_y offset 1.2, 1.2 front font font.',13'
}
if (n == 1 && !exists("threshold") && !exists("mark_x")) { unset key } else { eval('set key '.keypos) }

ttl(i) = (pipe_item(titles, i) ne '') ? pipe_item(titles, i) : word(ycols, i)
lcol(i) = (words(colors) >= i) ? int(word(colors, i)) : i
ldash(i) = (words(dashes) >= i) ? int(word(dashes, i)) : 1

# extra elements after the curves: the threshold line and the marked point
extra = ''
if (exists("threshold")) {
    extra = extra.", threshold with lines lc rgb '#000000' lw 1.5 dt 2 title threshold_title"
}
if (exists("mark_x") && exists("mark_y")) {
    extra = extra.", '+' using (mark_x):(mark_y) every ::0::0 with points pt 7 ps 2.2 lc rgb '#000000' title 'optimum'"
}
shade = ''
if (!exists("shade_n")) shade_n = n
if (exists("threshold") && shade_n > 0) {
    above(v) = v > threshold ? v : threshold
    shade = "for [i = 1:shade_n] data using x:(threshold):(above(column(word(ycols, i)))) with filledcurves".\
            " fc rgb okabe(lcol(i)) fs transparent solid 0.2 noborder notitle, "
}
eval("plot ".shade."for [i = 1:n] data using x:word(ycols, i) with ".style. \
     " lc rgb okabe(lcol(i)) dt ldash(i) title ttl(i)".extra)
