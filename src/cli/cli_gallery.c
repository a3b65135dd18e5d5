/* cli_gallery.c — `mnsim gallery`: example scenarios simulated and rendered (src/gallery.c). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "gallery.h"
#include "outfile.h"

int mn_cmd_gallery(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"output", required_argument, NULL, 'o'},
        {"format", required_argument, NULL, 'f'},
        {"only", required_argument, NULL, 'n'},
        {"quiet", no_argument, NULL, 'q'},
        {NULL, 0, NULL, 0}}; /* --set, --threads: refused by main.c (mn_refuse_common_flags) */
    const char **only = calloc((size_t)argc + 1, sizeof *only);
    if (!only) return mn_usage_error("gallery", "out of memory");
    int n_only = 0, quiet = 0;
    const char *outdir = NULL, *format = "png";
    optind = 1;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, "o:f:q", longopts, NULL)) != -1) {
        if (c == 'o')
            outdir = optarg;
        else if (c == 'f')
            format = optarg;
        else if (c == 'n')
            only[n_only++] = optarg;
        else if (c == 'q')
            quiet = 1;
        else {
            free(only);
            return mn_usage_error("gallery", "unknown option or missing value: '%s'",
                                  argv[optind - 1]);
        }
    }
    int rc;
    char dir[4096];
    if (outdir)
        mn_trim_slashes(outdir, dir, sizeof dir);
    else /* default: results/gallery */
        snprintf(dir, sizeof dir, "results/gallery");
    if (optind < argc)
        rc = mn_usage_error("gallery", "unexpected argument '%s'", argv[optind]);
    else if ((rc = mn_check_output("gallery", dir, 1, NULL, 0)) != 0)
        ;
    else if (strcmp(format, "png") != 0 && strcmp(format, "svg") != 0 && strcmp(format, "pdf") != 0)
        rc = mn_usage_error("gallery", "unknown format '%s' (expected png, svg or pdf)", format);
    else {
        mn_error err = {{0}};
        /* a failed gallery (a full disk...) takes back the figures it wrote: DIR holds a whole
         * gallery or none of this run's files */
        mn_dir_snapshot snap;
        mn_dir_snapshot_take(&snap, dir);
        rc = mn_gallery(dir, format, only, n_only, quiet, &err);
        if (rc)
            mn_dir_take_back(&snap, dir);
        else
            mn_dir_snapshot_free(&snap);
        if (rc == MN_EXIT_INPUT)
            mn_input_error(&err);
        else if (rc)
            mn_runtime_error(&err);
    }
    free(only);
    return rc;
}
