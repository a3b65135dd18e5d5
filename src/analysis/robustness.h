/* robustness.h — the C14 interval scan (shared by `mnsim claims` and the robustness check) and
 * the robustness of its optimum: the biological rates that move the C14 curve most, varied jointly
 * by +-spread in a Latin hypercube; the fraction of samples that keep C14 and the percentiles of
 * the best interval. */
#ifndef MN_ROBUSTNESS_H
#define MN_ROBUSTNESS_H

#include "error.h"
#include "model.h"

enum { MN_SCAN_MIN_D = 7, MN_SCAN_MAX_D = 56, MN_ROBUST_RATES = 10 };

/* The C14 scan of p: a 182-day course from day 0 with a session every D days (as many as fit),
 * D = 7..56; gain[D] = matured new collagen of the treated layer at day 182 (%). *best is the
 * argmax, *best_in the best value for D in 21-28. Returns 1 if C14 holds (argmax in 21-28, best of
 * 21-28 within 2 % of the max and >= 10 % above D = 7 and D = 56), 0 if not, -1 on a failed
 * course (reason in err). */
int mn_c14_scan(const double *p, double gain[MN_SCAN_MAX_D + 1], int *best, double *best_in,
                mn_error *err);

typedef struct {
    int n_samples, n_pass;
    double spread;                     /* joint relative variation (0.2 = +-20 %) */
    int rate[MN_ROBUST_RATES];         /* parameter ids of the most influential rates */
    double influence[MN_ROBUST_RATES]; /* their one-at-a-time effect on the C14 curve */
    double best_d_percentile[3];       /* 5, 50, 95 % percentiles of the best D */
    int best_d_min, best_d_max;
} mn_c14_robustness;

/* Rank every biological rate (units day, 1/day, or a per-unit rate) by the largest change of the
 * normalised C14 curve under a +-spread change, keep the top MN_ROBUST_RATES, draw n_samples
 * Latin-hypercube points with all of them scaled jointly by factors in [1 - spread, 1 + spread]
 * (seeded: deterministic) and count the samples that keep C14. Returns 0 or -1 (err). */
int mn_c14_robustness_run(int n_samples, double spread, unsigned long seed, mn_c14_robustness *out,
                          mn_error *err);

#endif
