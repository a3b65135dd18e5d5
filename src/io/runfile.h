/* runfile.h — one course as an HDF5 file: the sampled time series of every state and observable
 * on a `time` dimension, the events (state before/after), per-session outcomes, the metrics,
 * every parameter value and provenance. Layout: docs/FILE-FORMAT.md. */
#ifndef MN_RUNFILE_H
#define MN_RUNFILE_H

#include <stddef.h>

#include "error.h"
#include "runner.h"

/* A recorded trajectory: samples and events, filled through an mn_observer. */
typedef struct {
    size_t n, cap;
    double *t, *y, *obs; /* n, n x S_COUNT, n x O_COUNT */
    size_t n_events, cap_events;
    mn_event *events;
    double *before, *after; /* n_events x S_COUNT */
    int oom;
} mn_trace;

/* An observer that records into tr with the given sampling step. */
mn_observer mn_trace_observer(mn_trace *tr, double step_days);
void mn_trace_free(mn_trace *tr);
/* Index of the sample nearest to time t (0 for an empty trace). */
size_t mn_trace_nearest(const mn_trace *tr, double t);

/* Write the run to `path` via `path.partial` and rename. Returns 0 or -1 (err filled, nothing
 * left behind). input_path may be NULL. */
int mn_write_run_file(const char *path, const double *p, const mn_trace *tr, const mn_result *res,
                      const char *input_path, int argc, char **argv, mn_error *err);
/* The same, calling add(partial, user, err) on the closed `path.partial` before the rename, for
 * what goes into the same file (an ensemble's bands): a file named `path` always holds it. A
 * non-zero return (err filled) removes the partial file and returns -1. */
int mn_write_run_file_with(const char *path, const double *p, const mn_trace *tr,
                           const mn_result *res, const char *input_path, int argc, char **argv,
                           int (*add)(const char *partial, void *user, mn_error *err), void *user,
                           mn_error *err);

/* Write /parameters (one group attribute per parameter, by section) and the resolved INI text. */
int mn_h5_write_parameters(long file, const double *p);

#endif
