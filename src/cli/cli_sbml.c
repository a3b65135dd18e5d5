/* cli_sbml.c — `mnsim sbml`: the model and the course of an INI file as SBML Level 3 Version 2
 * (src/io/sbml_export.c; docs/SBML.md). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "inifile.h"
#include "model.h"
#include "sbml_export.h"

int mn_cmd_sbml(int argc, char **argv)
{
    static const struct option longopts[] = {{"output", required_argument, NULL, 'o'},
                                             {"set", required_argument, NULL, 's'},
                                             {"quiet", no_argument, NULL, 'q'},
                                             {NULL, 0, NULL, 0}};
    const char **files = calloc((size_t)argc + 1, sizeof *files);
    char **sets = calloc((size_t)argc + 1, sizeof *sets);
    int n_files = 0, n_sets = 0, quiet = 0, rc = 0;
    const char *output = NULL;
    if (!files || !sets) rc = mn_usage_error("sbml", "out of memory");
    optind = 1;
    opterr = 0;
    int c;
    while (rc == 0 && (c = getopt_long(argc, argv, "o:s:q", longopts, NULL)) != -1) {
        if (c == 'o')
            output = optarg;
        else if (c == 's')
            sets[n_sets++] = optarg;
        else if (c == 'q')
            quiet = 1;
        else
            rc = mn_usage_error("sbml", "unknown option or missing value: '%s'", argv[optind - 1]);
    }
    while (rc == 0 && optind < argc)
        files[n_files++] = argv[optind++];
    if (rc == 0 && n_files == 0) rc = mn_usage_error("sbml", "missing the INI file");
    char out[4096];
    if (rc == 0) {
        if (output)
            snprintf(out, sizeof out, "%s", output);
        else
            mn_default_output(files[0], ".xml", out, sizeof out);
        rc = mn_check_output("sbml", out, 0, files, n_files);
    }
    double p[P_COUNT];
    mn_error err = {{0}};
    if (rc == 0 && mn_load_run_params(p, files, n_files, sets, n_sets, &err) != 0)
        rc = mn_input_error(&err);
    if (rc == 0) {
        int replaced = mn_output_exists(out);
        mn_sbml_provenance prov = {files, n_files, mn_argc, mn_argv};
        if (mn_make_parent_dir(out, &err) != 0 || mn_sbml_write(out, p, &prov, &err) != 0)
            rc = mn_runtime_error(&err);
        else if (!quiet)
            mn_say_wrote(stdout, out, replaced);
    }
    free(files);
    free(sets);
    return rc;
}
