/* claims.h — the claims of the source document (C1-C16 and the literature targets L1-L6 of
 * docs/CLAIMS.md) as scenarios run on the simulator, each with what is measured, its target and
 * pass/fail. Used by `mnsim claims` and by tests/claims (the same code, so the table and the tests
 * cannot disagree). */
#ifndef MN_CLAIMS_H
#define MN_CLAIMS_H

typedef struct {
    const char *id;        /* "C1" ... "C16", "L1" ... "L6" */
    const char *statement; /* what the source says */
    const char *target;    /* the behaviour checked */
    char measured[640];    /* what the simulator gave */
    int pass;
} mn_claim_result;

int mn_claims_count(void);
/* Run claim i (0-based). Returns 0, or -1 if a simulation failed (r->pass = 0, reason in measured).
 */
int mn_claim_run(int i, mn_claim_result *r);
/* Index of claim "C7" etc., or -1. */
int mn_claim_find(const char *id);

#endif
