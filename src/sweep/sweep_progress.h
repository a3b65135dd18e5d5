/* sweep_progress.h — the progress display of a sweep (internal to src/sweep), on stderr: a bar
 * redrawn at most 5 times a second on a terminal, one line per 10 % otherwise; rate and ETA. */
#ifndef MN_SWEEP_PROGRESS_H
#define MN_SWEEP_PROGRESS_H

#include <stddef.h>

typedef struct {
    int enabled, tty;
    double t0, last;
    size_t total, base; /* points in the file / done before this execution */
    int last_decile;
} mn_sweep_progress;

/* Monotonic clock, seconds. */
double mn_sweep_now_s(void);
/* Progress `enabled` (else silent) of a sweep of `total` points, `base` of them done before this
 * execution; the clock starts now. */
void mn_sweep_progress_start(mn_sweep_progress *pg, int enabled, size_t total, size_t base);
/* Show done_now points simulated by this execution; `final` ends the display. */
void mn_sweep_progress_show(mn_sweep_progress *pg, size_t done_now, int final);

#endif
