/* testutil.c — helpers shared by the cmocka tests. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "testutil.h"

static mn_runner *shared_runner;

static void free_shared_runner(void)
{
    mn_runner_free(shared_runner);
}

/* One runner for the whole test program, so res->sessions (owned by the runner) stays valid
 * until the next tu_run. */
void tu_run(const double *p, double step_days, mn_trace *tr, mn_result *res)
{
    if (!shared_runner) {
        shared_runner = mn_runner_new();
        atexit(free_shared_runner);
    }
    assert_non_null(shared_runner);
    mn_observer ob = mn_trace_observer(tr, step_days);
    int rc = mn_run_course(shared_runner, p, &ob, res);
    if (rc != 0) fail_msg("course failed: %s", res->message);
    assert_false(tr->oom);
}

double tu_obs_at(const mn_trace *tr, int o, double t)
{
    return tr->obs[mn_trace_nearest(tr, t) * O_COUNT + (size_t)o];
}

double tu_state_at(const mn_trace *tr, int s, double t)
{
    return tr->y[mn_trace_nearest(tr, t) * S_COUNT + (size_t)s];
}

const char *tu_source_path(const char *rel, char *buf, size_t size)
{
    const char *root = getenv("MNSIM_SOURCE_DIR");
    snprintf(buf, size, "%s/%s", root ? root : MNSIM_SOURCE_DIR, rel);
    return buf;
}
