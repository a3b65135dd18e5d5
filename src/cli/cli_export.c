/* cli_export.c — `mnsim export`: datasets of a run or sweep file as tab-separated columns. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "export.h"

int mn_cmd_export(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"dataset", required_argument, NULL, 'd'},
        {"group", required_argument, NULL, 'g'},
        {"tsv", no_argument, NULL, 't'},
        {"csv", no_argument, NULL, 'c'},
        {"output", required_argument, NULL, 'o'},
        {"quiet", no_argument, NULL, 'q'},
        {NULL, 0, NULL, 0}}; /* --set, --threads: refused by main.c (mn_refuse_common_flags) */
    const char **names = calloc((size_t)argc + 1, sizeof *names);
    if (!names) return mn_usage_error("export", "out of memory");
    int n_names = 0, quiet = 0;
    const char *group = "/", *path = NULL, *output = NULL;
    mn_table_format fmt = {0};
    optind = 1;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, "d:g:o:q", longopts, NULL)) != -1) {
        if (c == 'd')
            names[n_names++] = optarg;
        else if (c == 'g')
            group = optarg;
        else if (c == 't')
            fmt.tsv = 1;
        else if (c == 'c')
            fmt.csv = 1;
        else if (c == 'o')
            output = optarg;
        else if (c == 'q')
            quiet = 1; /* with -o: no "wrote" line */
        else {
            free(names);
            return mn_usage_error("export", "unknown option or missing value: '%s'",
                                  argv[optind - 1]);
        }
    }
    /* the file, then further dataset names as plain words (--dataset a b c) */
    path = mn_take_file_and_names(argc, argv, optind, names, &n_names);
    if (!path) {
        free(names);
        return mn_usage_error("export", "missing the HDF5 file");
    }
    if (fmt.tsv && fmt.csv) {
        free(names);
        return mn_usage_error("export", "use --tsv or --csv, not both");
    }
    const char *inputs[] = {path};
    int rc0 = output ? mn_check_output("export", output, 0, inputs, 1) : 0;
    if (rc0) {
        free(names);
        return rc0;
    }
    mn_error err = {{0}};
    long f = mn_export_open(path, NULL, 0, &err);
    mn_table t = {0};
    int rc = MN_EXIT_OK;
    if (f < 0) {
        rc = mn_input_error(&err);
    } else if (mn_export_load(f, group, names, n_names, &t, &err) != 0) {
        mn_fail_more(&err, " (file %s)", path);
        rc = mn_input_error(&err);
    } else if (output) {
        int existed = mn_output_exists(output);
        if (mn_table_save(output, &t, &fmt, &err) != 0)
            rc = mn_runtime_error(&err);
        else if (!quiet)
            mn_say_wrote(stdout, output, existed);
    } else if (mn_table_write(stdout, &t, &fmt) != 0 || fflush(stdout) != 0) {
        rc = mn_runtime_error(&(mn_error){"cannot write the table to standard output"});
    }
    mn_table_free(&t);
    mn_export_close(f);
    free(names);
    return rc;
}
