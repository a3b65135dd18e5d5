/* test_l05.c — literature target L5 of docs/CLAIMS.md, checked on the simulator's output through
 * the same scenario and target as `mnsim claims L5` (src/analysis/claims.c). */
#include "claims.h"
#include "testutil.h"

static void claim_holds(void **state)
{
    (void)state;
    mn_claim_result r;
    int i = mn_claim_find("L5");
    assert_true(i >= 0);
    assert_int_equal(mn_claim_run(i, &r), 0);
    print_message("L5: %s\n  target: %s\n", r.measured, r.target);
    if (!r.pass) fail_msg("L5 does not hold: %s (target: %s)", r.measured, r.target);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(claim_holds)};
    return cmocka_run_group_tests_name("claim L5", tests, NULL, NULL);
}
