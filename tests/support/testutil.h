/* testutil.h — helpers shared by the cmocka tests: default parameters, running a course with a
 * recorded trajectory, and reading series back. */
#ifndef MN_TESTUTIL_H
#define MN_TESTUTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "params.h"
#include "runfile.h"
#include "runner.h"

/* Run the course p, recording samples every step_days into tr. Fails the test on error. */
void tu_run(const double *p, double step_days, mn_trace *tr, mn_result *res);
/* Value of observable o / state s at sample time closest to t. */
double tu_obs_at(const mn_trace *tr, int o, double t);
double tu_state_at(const mn_trace *tr, int s, double t);
/* Path under the source tree. */
const char *tu_source_path(const char *rel, char *buf, size_t size);

#endif
