/* cli_claims.c — `mnsim claims`: runs every claim of the source document on the simulator and
 * prints one line per claim (id, measured, target, pass/FAIL); optionally a Markdown table. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "claims.h"
#include "cli.h"
#include "outfile.h"
#include "params.h"
#include "robustness.h"

/* `mnsim claims --robustness [N]`: C14 under a joint +-20 % Latin hypercube of the ten most
 * influential rates (robustness.c). */
static int robustness(int n_samples)
{
    mn_c14_robustness r;
    mn_error err;
    printf("C14 robustness: %d-sample Latin hypercube, the %d rates that move the C14 curve most "
           "varied jointly by +-20 %%\n",
           n_samples, MN_ROBUST_RATES);
    fflush(stdout);
    if (mn_c14_robustness_run(n_samples, 0.2, 20261201UL, &r, &err) != 0)
        return mn_runtime_error(&err);
    char name[160];
    for (int j = 0; j < MN_ROBUST_RATES; j++)
        printf("  %-40s max change of the normalised C14 curve at +-20 %%: %.3f\n",
               mn_param_name(r.rate[j], name, sizeof name), r.influence[j]);
    printf("samples meeting C14: %d of %d (%.1f %%; target >= 90 %%)\n", r.n_pass, r.n_samples,
           100.0 * r.n_pass / r.n_samples);
    printf("best D percentiles 5/50/95 %%: %.0f/%.0f/%.0f days (range %d-%d)\n",
           r.best_d_percentile[0], r.best_d_percentile[1], r.best_d_percentile[2], r.best_d_min,
           r.best_d_max);
    return 100 * r.n_pass >= 90 * r.n_samples ? MN_EXIT_OK : MN_EXIT_RUNTIME;
}

int mn_cmd_claims(int argc, char **argv)
{
    const char *md_path = NULL;
    int only[64], n_only = 0, quiet = 0, robust = 0;
    for (int i = 1; i < argc; i++) {
        if ((strcmp(argv[i], "-o") == 0 || strcmp(argv[i], "--output") == 0) && i + 1 < argc)
            md_path = argv[++i];
        else if (strcmp(argv[i], "--robustness") == 0) {
            robust = 200;
            if (i + 1 < argc && argv[i + 1][0] != '-') { /* the sample count, if given */
                char *end;
                long v = strtol(argv[i + 1], &end, 10);
                if (*end != '\0' || v < 2 || v > 100000)
                    return mn_usage_error("claims",
                                          "--robustness: '%s' is not a sample count (expected an "
                                          "integer in 2..100000)",
                                          argv[i + 1]);
                robust = (int)v;
                i++;
            }
        } else if (strcmp(argv[i], "-q") == 0 || strcmp(argv[i], "--quiet") == 0)
            quiet = 1;
        else if (mn_claim_find(argv[i]) >= 0 && n_only < 64)
            only[n_only++] = mn_claim_find(argv[i]);
        else
            return mn_usage_error(
                "claims",
                "unknown argument '%s' (expected -o FILE.md, --quiet, --robustness [N] or a claim "
                "id C1..C16 or L1..L6)",
                argv[i]);
    }
    if (robust && (md_path || n_only))
        return mn_usage_error("claims", "--robustness takes neither -o nor claim ids");
    if (robust) return robustness(robust);
    if (md_path) {
        int rc = mn_check_output("claims", md_path, 0, NULL, 0);
        if (rc) return rc;
    }
    FILE *md = NULL;
    int md_existed = md_path && mn_output_exists(md_path);
    mn_outfile omd; /* MD.partial, renamed when complete */
    mn_error err = {{0}};
    if (md_path && !(md = mn_outfile_open(&omd, md_path, "w"))) {
        mn_outfile_close(&omd, &err);
        fprintf(stderr, "mnsim: error: %s\n", err.msg);
        return MN_EXIT_RUNTIME;
    }
    if (md)
        fprintf(md, "| claim | the source says | target | measured | result |\n"
                    "|---|---|---|---|---|\n");
    int failed = 0, n = n_only ? n_only : mn_claims_count();
    for (int k = 0; k < n; k++) {
        mn_claim_result r;
        mn_claim_run(n_only ? only[k] : k, &r);
        failed += !r.pass;
        if (!quiet || !r.pass)
            printf("%-4s %-4s %s\n     target: %s\n", r.id, r.pass ? "pass" : "FAIL", r.measured,
                   r.target);
        if (md)
            fprintf(md, "| %s | %s | %s | %s | %s |\n", r.id, r.statement, r.target, r.measured,
                    r.pass ? "pass" : "**FAIL**");
    }
    printf("%d of %d claims and literature targets pass\n", n - failed, n);
    if (md && mn_outfile_close(&omd, &err) != 0) {
        fprintf(stderr, "mnsim: error: %s\n", err.msg);
        return MN_EXIT_RUNTIME;
    }
    if (md && !quiet) mn_say_wrote(stdout, md_path, md_existed);
    return failed ? MN_EXIT_RUNTIME : MN_EXIT_OK;
}
