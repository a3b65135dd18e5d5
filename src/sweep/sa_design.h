/* sa_design.h — unit-cube designs for global sensitivity analysis (Saltelli, Morris), used by
 * the sweep engine to place the courses of `mnsim sensitivity`. */
#ifndef MN_SA_DESIGN_H
#define MN_SA_DESIGN_H

#include <stddef.h>

#include "error.h"

enum { MN_SALTELLI_MAX_D = 20 }; /* 2 d Sobol dimensions, gsl_qrng_sobol has at most 40 */

/* Saltelli layout: base sample j has d + 2 consecutive rows, row k of j is point j (d+2) + k:
 * k = 0 is A_j, k = 1 is B_j, k = 2 + i is A_j with column i taken from B_j (A_B^i).
 * ab holds the 2 d coordinates of Sobol point j (first d: A, last d: B); u gets row k (d values
 * in [0, 1]). */
void mn_saltelli_row(const double *ab, int d, int k, double *u);

/* The unit-cube Saltelli design of n base samples: n (d + 2) rows of d values (row-major).
 * Sobol points 1..n of the 2d-dimensional sequence (point 0, the origin, is skipped). */
int mn_saltelli_design(size_t n, int d, double *u, mn_error *err);

/* One Morris trajectory in the unit cube: d + 1 rows of d values, `levels` (even, >= 2) grid
 * levels, step delta = levels / (2 (levels - 1)). Random base point, directions and order from a
 * generator seeded with `seed`. */
void mn_morris_trajectory(unsigned long seed, int d, int levels, double *u);

#endif
