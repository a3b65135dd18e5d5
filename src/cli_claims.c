/* cli_claims.c — `mnsim claims`: runs every claim of the source document on the simulator and
 * prints one line per claim (id, measured, target, pass/FAIL); optionally a Markdown table. */
#include <stdio.h>
#include <string.h>

#include "claims.h"
#include "cli.h"

int mn_cmd_claims(int argc, char **argv)
{
    const char *md_path = NULL;
    int only[64], n_only = 0, quiet = 0;
    for (int i = 1; i < argc; i++) {
        if ((strcmp(argv[i], "-o") == 0 || strcmp(argv[i], "--output") == 0) && i + 1 < argc)
            md_path = argv[++i];
        else if (strcmp(argv[i], "-q") == 0 || strcmp(argv[i], "--quiet") == 0)
            quiet = 1;
        else if (strcmp(argv[i], "-s") == 0 || strncmp(argv[i], "--set", 5) == 0)
            return mn_usage_error("claims",
                                  "--set: claims runs fixed scenarios (--set applies to run, "
                                  "check, sweep, plan and params)");
        else if (mn_claim_find(argv[i]) >= 0 && n_only < 64)
            only[n_only++] = mn_claim_find(argv[i]);
        else
            return mn_usage_error("claims",
                                  "unknown argument '%s' (expected -o FILE.md, --quiet or a "
                                  "claim id C1..C%d)",
                                  argv[i], mn_claims_count());
    }
    if (md_path) {
        int rc = mn_check_output("claims", md_path, 0, NULL, 0);
        if (rc) return rc;
    }
    FILE *md = NULL;
    if (md_path && !(md = fopen(md_path, "w"))) {
        fprintf(stderr, "mnsim: error: %s: cannot create the file\n", md_path);
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
    printf("%d of %d claims pass\n", n - failed, n);
    if (md && fclose(md) != 0) return MN_EXIT_RUNTIME;
    return failed ? MN_EXIT_RUNTIME : MN_EXIT_OK;
}
