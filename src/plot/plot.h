/* plot.h — rendering figures with gnuplot: locating gnuplot and the scripts/ *.gp files, handing
 * data over as temporary tab-separated files, running a script with variables, and the figures of
 * run and sweep files (`mnsim plot`). Also the help texts of export, plot and gallery. */
#ifndef MN_PLOT_H
#define MN_PLOT_H

#include <stddef.h>

#include "error.h"
#include "export.h"

#define MN_EXPORT_USAGE                                                                            \
    "usage: mnsim export FILE.h5 [--dataset NAME ...] [--group PATH] [--tsv | --csv]\n"            \
    "                    [-o OUT] [-q]\n"                                                          \
    "\n"                                                                                           \
    "Prints datasets of a run or sweep file as tab-separated columns: a header line of names,\n"   \
    "a '# units' comment line, then one row per index with the dimension's coordinate first\n"     \
    "(e.g. time). An N-D grid dataset (sweep) gives one row per grid point, every coordinate\n"    \
    "then the values, with a blank line whenever the first axis changes (gnuplot splot blocks).\n" \
    "Without --dataset: every dataset of the group on its main dimension (the one most\n"          \
    "datasets share). Datasets named together must share their dimensions.\n"                      \
    "\n"                                                                                           \
    "  -d, --dataset NAME   dataset to print (repeatable; further names may follow it)\n"          \
    "  -g, --group PATH     group to read (default /; e.g. events, sessions, metrics)\n"           \
    "      --tsv            plain TSV: one header line 'name[unit]', no comments, no blank "       \
    "lines\n"                                                                                      \
    "      --csv            the same with commas (CSV)\n"                                          \
    "  -o, --output OUT     write to OUT (complete or not at all) instead of standard output\n"    \
    "  -q, --quiet          with -o: no 'wrote' line\n"                                            \
    "\n"                                                                                           \
    "Exit status: 0 success; 2 missing file, not an mnsim file or unknown dataset.\n"

#define MN_PLOT_USAGE                                                                              \
    "usage: mnsim plot FILE.h5 [-o DIR] [--format png|svg|pdf] [--observable NAME ...]\n"          \
    "\n"                                                                                           \
    "Renders the figures of a run or sweep file with gnuplot into DIR (default: FILE without\n"    \
    ".h5). Run file: panels.EXT (redness with the visible threshold, collagen synthesis,\n"        \
    "collagen type I/III/total, scar, pigment, barrier and topical uptake; sessions as dashed\n"   \
    "lines) and redness.EXT, plus NAME.EXT for each --observable. Sweep file: for each metric\n"   \
    "(--observable, default a few key metrics) a heat map for a 2-D grid (and a family of lines\n" \
    "if one axis has few values), lines for a 1-D grid, a scatter per swept parameter for\n"       \
    "lhs/sobol/random designs. Sensitivity file: sobol_METRIC.EXT (S1 and ST bars with their\n"    \
    "intervals) or morris_METRIC.EXT (mu* and sigma) per metric. Fit file: fit_NAME.EXT per\n"     \
    "fitted series (data with error bars, model at the estimate, 95 % band) and\n"                 \
    "fit_residuals.EXT. The gnuplot scripts are\n"                                                 \
    "scripts/NAME.gp (docs/PLOTS.md).\n"                                                           \
    "\n"                                                                                           \
    "  -o, --output DIR        directory for the figures (created)\n"                              \
    "  -f, --format FMT        png (1200x800, default), svg or pdf\n"                              \
    "  -O, --observable NAME   dataset/metric to plot (repeatable; further names may follow)\n"    \
    "  -q, --quiet             print nothing but errors\n"                                         \
    "\n"                                                                                           \
    "Environment: MNSIM_GNUPLOT (gnuplot program), MNSIM_SCRIPTS_DIR (directory of the .gp).\n"    \
    "Exit status: 0 success; 2 bad usage or input; 1 gnuplot missing or failing.\n"

#define MN_GALLERY_USAGE                                                                           \
    "usage: mnsim gallery -o DIR [--format png|svg|pdf] [--only NAME ...] [--quiet]\n"             \
    "\n"                                                                                           \
    "Simulates example scenarios and renders one figure each into DIR, with DIR/index.md and\n"    \
    "DIR/index.html (title and one-line caption per figure): redness of microneedling vs\n"        \
    "peels, collagen synthesis by age, small vs large scar, collagen gain vs interval, pigment\n"  \
    "with and without sunscreen, topical uptake with and without dermaplaning, a full course\n"    \
    "and an interval x sessions heat map. Curves follow the current model calibration.\n"          \
    "\n"                                                                                           \
    "  -o, --output DIR     output directory (required; created)\n"                                \
    "  -f, --format FMT     png (default), svg or pdf\n"                                           \
    "      --only NAME      render only this figure (repeatable), e.g. redness_peels\n"            \
    "  -q, --quiet          print nothing but errors\n"

typedef struct {
    char gnuplot[1024]; /* program to run */
    char scripts[1024]; /* directory of the .gp scripts */
    char ext[8];        /* png | svg | pdf */
    char term[16];      /* pngcairo | svg | pdfcairo */
    char tmpdir[1024];  /* temporary directory for data files (removed by mn_plotter_done) */
    int n_data;
} mn_plotter;

/* Find gnuplot (MNSIM_GNUPLOT or PATH) and the scripts (MNSIM_SCRIPTS_DIR or the source tree),
 * create the temporary directory. format: "png", "svg" or "pdf" (NULL = png). A missing gnuplot
 * is not an error here (mn_plot_run reports it, naming the script). */
int mn_plotter_init(mn_plotter *pl, const char *format, mn_error *err);
/* Remove the temporary files and directory. */
void mn_plotter_done(mn_plotter *pl);

/* Write t into a new temporary file; its path goes to path. */
int mn_plot_data(mn_plotter *pl, const mn_table *t, const mn_table_format *fmt, char *path,
                 size_t size, mn_error *err);

/* Append a gnuplot assignment to a variable list: name='value' (quoted) or name=number. */
void mn_gp_str(char *vars, size_t size, const char *name, const char *value);
void mn_gp_num(char *vars, size_t size, const char *name, double value);

/* Run `gnuplot -e "VARS; term=...; out=..." SCRIPTS/script` writing `out`. A missing or
 * failing gnuplot (or no output written) is an error naming the script with gnuplot's stderr. */
int mn_plot_run(const mn_plotter *pl, const char *script, const char *vars, const char *out,
                mn_error *err);

/* Make a directory and its parents (like mkdir -p). */
int mn_mkdir_p(const char *dir, mn_error *err);

/* Half the smallest spacing between n coordinates (half-width of a heat-map cell; 0.5 if n < 2). */
double mn_half_spacing(const mn_col *axis, size_t n);

/* "name [unit]" axis label of a column. */
void mn_axis_label(const mn_col *c, char *buf, size_t size);

/* The figures of a run or sweep file into outdir; names: observables/metrics to plot (may be
 * empty). Prints the written files unless quiet. Returns an exit code (0, 1 runtime, 2 input);
 * on failure err says why. */
int mn_plot_file(const char *path, const char *outdir, const char *format, const char *const *names,
                 int n_names, int quiet, mn_error *err);

/* The bar charts of a sensitivity file (plot_sensitivity.c): one per metric into outdir. Returns
 * an exit code. */
int mn_plot_sensitivity(mn_plotter *pl, long file, const char *path, const char *outdir, int quiet,
                        mn_error *err);

/* The figures of a fit file (plot_fit.c): per fitted curve the data with error bars, the model
 * at the estimate and its 95 % band; and the weighted residuals. Returns an exit code. */
int mn_plot_fit(mn_plotter *pl, long file, const char *path, const char *outdir, int quiet,
                mn_error *err);

/* A 1-D string dataset of an open file as n malloc'd strings (NULL if missing), and its release;
 * a numeric dataset read whole into buf (0 or -1). */
int mn_plot_read_doubles(long file, const char *name, double *buf);

#endif
