/* sweep_progress.c — the progress display of a sweep: bar on a terminal, 10 % lines otherwise. */
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "sweep_progress.h"

double mn_sweep_now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

void mn_sweep_progress_start(mn_sweep_progress *pg, int enabled, size_t total, size_t base)
{
    *pg = (mn_sweep_progress){.enabled = enabled,
                              .tty = isatty(2),
                              .t0 = mn_sweep_now_s(),
                              .total = total,
                              .base = base,
                              .last_decile =
                                  (int)(10.0 * (double)base / (double)(total ? total : 1))};
}

void mn_sweep_progress_show(mn_sweep_progress *pg, size_t done_now, int final)
{
    if (!pg->enabled) return;
    double t = mn_sweep_now_s(), el = t - pg->t0;
    size_t done = pg->base + done_now;
    double frac = pg->total ? (double)done / (double)pg->total : 1.0;
    double rate = el > 0 ? (double)done_now / el : 0.0;
    double eta = rate > 0 ? (double)(pg->total - done) / rate : 0.0;
    if (pg->tty) {
        if (!final && t - pg->last < 0.2) return;
        pg->last = t;
        char bar[41];
        int fill = (int)(frac * 40);
        for (int i = 0; i < 40; i++)
            bar[i] = i < fill ? '#' : '.';
        bar[40] = '\0';
        fprintf(stderr, "\r[%s] %5.1f%% %zu/%zu  %.0f courses/s  ETA %.0f s  ", bar, 100 * frac,
                done, pg->total, rate, eta);
        if (final) fputc('\n', stderr);
        fflush(stderr);
    } else {
        int decile = (int)(frac * 10);
        /* 100 % only from the final call: after the last write, at the summary's time */
        if (decile > pg->last_decile && (decile < 10 || final)) {
            pg->last_decile = decile;
            fprintf(stderr, "sweep: %3d%% (%zu/%zu points, %.0f courses/s, ETA %.0f s)\n",
                    decile * 10, done, pg->total, rate, eta);
        }
    }
}
