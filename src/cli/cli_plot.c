/* cli_plot.c — `mnsim plot`: the figures of a run or sweep file, rendered with gnuplot. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "plot.h"

int mn_cmd_plot(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"output", required_argument, NULL, 'o'},
        {"format", required_argument, NULL, 'f'},
        {"observable", required_argument, NULL, 'O'},
        {"quiet", no_argument, NULL, 'q'},
        {NULL, 0, NULL, 0}}; /* --set, --threads: refused by main.c (mn_refuse_common_flags) */
    const char **names = calloc((size_t)argc + 1, sizeof *names);
    if (!names) return mn_usage_error("plot", "out of memory");
    int n_names = 0, quiet = 0;
    const char *path = NULL, *outdir = NULL, *format = "png";
    optind = 1;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, "o:f:O:q", longopts, NULL)) != -1) {
        if (c == 'o')
            outdir = optarg;
        else if (c == 'f')
            format = optarg;
        else if (c == 'O')
            names[n_names++] = optarg;
        else if (c == 'q')
            quiet = 1;
        else {
            free(names);
            return mn_usage_error("plot", "unknown option or missing value: '%s'",
                                  argv[optind - 1]);
        }
    }
    /* the file, then further observable names as plain words (--observable a b c) */
    path = mn_take_file_and_names(argc, argv, optind, names, &n_names);
    if (!path) {
        free(names);
        return mn_usage_error("plot", "missing the HDF5 file");
    }
    if (strcmp(format, "png") != 0 && strcmp(format, "svg") != 0 && strcmp(format, "pdf") != 0) {
        free(names);
        return mn_usage_error("plot", "unknown format '%s' (expected png, svg or pdf)", format);
    }
    char dflt[4096];
    if (!outdir) {
        snprintf(dflt, sizeof dflt, "%s", path);
        size_t n = strlen(dflt);
        if (n > 3 && strcmp(dflt + n - 3, ".h5") == 0)
            dflt[n - 3] = '\0';
        else
            snprintf(dflt + n, sizeof dflt - n, ".plots");
        outdir = dflt;
    }
    char trimmed[4096];
    mn_trim_slashes(outdir, trimmed, sizeof trimmed);
    const char *inputs[] = {path};
    int rc = mn_check_output("plot", trimmed, 1, inputs, 1);
    if (rc == 0) {
        mn_error err = {{0}};
        rc = mn_plot_file(path, trimmed, format, names, n_names, quiet, &err);
        if (rc == MN_EXIT_INPUT)
            mn_input_error(&err);
        else if (rc)
            mn_runtime_error(&err);
    }
    free(names);
    return rc;
}
