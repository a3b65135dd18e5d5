# sweep_lines.gp — a family of lines from a 2-D (or 1-D) grid sweep: the outcome against the
# parameter on x, one line per value of the family parameter.
#
# Variables:
#   data    grid table from `mnsim export` whose FIRST axis is the family parameter (its blocks
#           are separated by blank lines); a 1-D grid is one block             [required]
#   x, y    names of the x and outcome columns                                  [required]
#   family  values of the family parameter in block order, space-separated (omit for 1-D)
#   famlabel  how to name the family in the legend (default 'value')
#   out, term, title, xlabel, ylabel, keypos (default 'outside right top')
# Example:
#   gnuplot -e "data='g.tsv'; x='interval_days'; y='collagen_gain_percent'; family='1 2 4'; famlabel='sessions'; out='l.png'" scripts/sweep_lines.gp

here = ''; do for [i = strlen(ARG0):1:-1] { if (here eq '' && ARG0[i:i] eq '/') { here = ARG0[1:i] } }
load here.'style.gp'

if (!exists("famlabel")) famlabel = 'value'
if (!exists("keypos")) keypos = 'outside right top'
if (exists("title")) set title title font font.',18'
set xlabel (exists("xlabel") ? xlabel : x)
set ylabel (exists("ylabel") ? ylabel : y)
eval('set key '.keypos)

if (!exists("family") || words(family) == 0) {
    unset key
    plot data using x:y with linespoints lc rgb okabe(1) notitle
} else {
    plot for [i = 1:words(family)] data using x:y every :::(i - 1)::(i - 1) with linespoints \
        lc rgb okabe(i) title sprintf('%s = %s', famlabel, word(family, i))
}
