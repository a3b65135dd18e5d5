# heatmap.gp — an outcome over a 2-D grid of two parameters (e.g. interval x sessions), as a
# colour map with the value written in each cell when the grid is small.
# Used by `mnsim plot` on 2-D grid sweeps and by `mnsim gallery`.
#
# Variables:
#   data    grid table from `mnsim export` (blank line between blocks of the first axis)  [required]
#   x, y, z names of the x-axis, y-axis and value columns                                [required]
#   out, term, title, xlabel, ylabel, zlabel (colour-bar label)
#   dx, dy  half the spacing of the grid along x and y (default 0.5: integer steps)
#   xvalues, yvalues  grid coordinates, space-separated: tics exactly at the cells (optional)
#   cells   1 = write each value in its cell (default 1)
#   fmt     printf format of those values (default '%.3g')
#   mark_x, mark_y, mark_label   highlight one cell (e.g. the optimum) with a frame and a label
# Example:
#   mnsim export sweep.h5 --dataset collagen_gain_percent > g.tsv
#   gnuplot -e "data='g.tsv'; x='interval_days'; y='sessions'; z='collagen_gain_percent'; out='g.png'" scripts/heatmap.gp

here = ''; do for [i = strlen(ARG0):1:-1] { if (here eq '' && ARG0[i:i] eq '/') { here = ARG0[1:i] } }
load here.'style.gp'

if (!exists("cells")) cells = 1
if (!exists("dx")) dx = 0.5
if (!exists("dy")) dy = 0.5
if (!exists("fmt")) fmt = '%.3g'
if (exists("title")) set title title font font.',18'
set xlabel (exists("xlabel") ? xlabel : x)
set ylabel (exists("ylabel") ? ylabel : y)
set cblabel (exists("zlabel") ? zlabel : z)
set grid noxtics noytics
set border 15 lw 1 lc rgb '#333333'
set tics out nomirror
set colorbox vertical user origin graph 1.03, graph 0 size character 2, graph 1
set rmargin 14
unset key
if (exists("xvalues")) { set xtics (); do for [i = 1:words(xvalues)] { set xtics add (word(xvalues, i) word(xvalues, i) + 0) } }
if (exists("yvalues")) { set ytics (); do for [i = 1:words(yvalues)] { set ytics add (word(yvalues, i) word(yvalues, i) + 0) } }

# text colour chosen for contrast with the viridis cell colour
stats data using z nooutput
zmin = STATS_min; zmax = STATS_max
textcol(v) = ((zmax > zmin) && (v - zmin) / (zmax - zmin) > 0.6) ? 0x000000 : 0xFFFFFF
set autoscale fix
set offsets 0, 0, 0, 0
set cbrange [zmin:zmax]
if (exists("mark_x") && exists("mark_y")) {
    if (!exists("mark_label")) { mark_label = 'optimum' }
    # a thick frame around the marked cell, its label in the top of the cell
    set object 2 rect from first mark_x - dx, first mark_y - dy to first mark_x + dx, first mark_y + dy \
        front fs empty border rgb '#D55E00' lw 4
    set label 1 mark_label at first mark_x, first mark_y + 0.6 * dy center front \
        font font.',12' tc rgb (textcol(zmax) == 0 ? '#000000' : '#FFFFFF')
}
extra = ''
if (cells) {
    extra = extra.", data using x:y:(sprintf(fmt, column(z))):(textcol(column(z))) with labels tc rgb variable font font.',11'"
}
# each grid point is a filled box 2dx x 2dy; points without a value (NaN) stay blank
eval("plot data using x:y:(dx):(dy):z with boxxyerror fs solid 1.0 noborder lc palette".extra)
