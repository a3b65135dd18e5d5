# style.gp — the look shared by every mnsim figure; loaded by the other scripts/*.gp.
# Terminal from the variables `term` (pngcairo | svg | pdfcairo, default pngcairo) and `out`
# (output file; default: the terminal's default, i.e. the screen or stdout).
# Colours: the Okabe-Ito palette (colour-blind safe), lines 1..8; font DejaVu Sans.

if (!exists("term")) term = 'pngcairo'
if (term eq 'png') term = 'pngcairo'
if (term eq 'pdf') term = 'pdfcairo'
font = 'DejaVu Sans'
if (term eq 'pngcairo') {
    set terminal pngcairo size 1200,800 enhanced font font.',14' linewidth 2 background rgb 'white'
} else {
    if (term eq 'svg') {
        set terminal svg size 1200,800 dynamic enhanced font font.',14' linewidth 2 background rgb 'white'
    } else {
        if (term eq 'pdfcairo') {
            set terminal pdfcairo size 9in,6in enhanced font font.',10' linewidth 2
        } else {
            set terminal term
        }
    }
}
if (exists("out")) set output out

# Okabe-Ito: blue, vermillion, bluish green, orange, sky blue, reddish purple, black, yellow
set linetype 1 lc rgb '#0072B2' lw 2 pt 7 ps 1.2 dt 1
set linetype 2 lc rgb '#D55E00' lw 2 pt 5 ps 1.2 dt 1
set linetype 3 lc rgb '#009E73' lw 2 pt 9 ps 1.2 dt 1
set linetype 4 lc rgb '#E69F00' lw 2 pt 11 ps 1.2 dt 1
set linetype 5 lc rgb '#56B4E9' lw 2 pt 13 ps 1.2 dt 1
set linetype 6 lc rgb '#CC79A7' lw 2 pt 15 ps 1.2 dt 1
set linetype 7 lc rgb '#000000' lw 2 pt 3 ps 1.2 dt 1
set linetype 8 lc rgb '#F0E442' lw 2 pt 2 ps 1.2 dt 1
set linetype cycle 8
okabe(i) = word('#0072B2 #D55E00 #009E73 #E69F00 #56B4E9 #CC79A7 #000000 #F0E442', (int(i) - 1) % 8 + 1)

# Heat maps: viridis (perceptually uniform, colour-blind safe)
set palette defined (0 '#440154', 1 '#3B528B', 2 '#21908C', 3 '#5DC863', 4 '#FDE725')

set border 3 lw 1 lc rgb '#333333'
set tics nomirror out
set autoscale xfix   # the x axis ends where the data end
set grid lc rgb '#DDDDDD' lw 1 dt 1
set key opaque box lt 1 lc rgb '#BBBBBB' lw 0.5 samplen 2.5 spacing 1.1
set datafile separator "\t"
set datafile missing "NaN"
set encoding utf8

# Column-name lists ("a b c") and title lists ("first|second|third") given as variables.
nth(list, i) = word(list, i)
# i-th item of a '|'-separated list
pipe_item(s, i) = (i <= 1) ? (strstrt(s, '|') ? s[1:strstrt(s, '|') - 1] : s) \
                           : (strstrt(s, '|') ? pipe_item(s[strstrt(s, '|') + 1:], i - 1) : '')
