/* sweep.h — parameter sweeps: the sweep file (a [sweep] section naming a base run INI, a design
 * and the swept parameters), the points of the design, and running every point into one
 * xarray-ready HDF5 file (grid dims or a `point` dim) with resume after interruption.
 * Work is split into contiguous point-index ranges [lo, hi) so ranks/threads can take slices. */
#ifndef MN_SWEEP_H
#define MN_SWEEP_H

#include <signal.h>
#include <stddef.h>

#include "error.h"
#include "inifile.h"
#include "model.h"

enum { MN_SWEEP_MAX_AXES = 40 }; /* gsl_qrng_sobol supports at most 40 dimensions */

/* saltelli and morris are the sensitivity designs (sensitivity.h): `points` base samples give
 * points x (d + 2) courses (saltelli), `points` trajectories give points x (d + 1) (morris). */
typedef enum {
    MN_DESIGN_GRID,
    MN_DESIGN_LHS,
    MN_DESIGN_SOBOL,
    MN_DESIGN_RANDOM,
    MN_DESIGN_SALTELLI,
    MN_DESIGN_MORRIS
} mn_design;

typedef struct {
    int id;          /* parameter id */
    int line;        /* line of the sweep file that sweeps it */
    char dim[160];   /* dimension / variable name in the output (key, or section_key) */
    size_t n_values; /* grid: number of values */
    double *values;  /* grid: the values (malloc'd) */
    double lo, hi;   /* non-grid: inclusive bounds */
    int log_scale;   /* non-grid: `lo .. hi log` samples log(value) uniformly */
} mn_sweep_axis;

typedef struct {
    char path[4096];      /* the sweep file */
    char base_path[4096]; /* resolved base run INI ("" = defaults) */
    char *text;           /* the sweep file's text (malloc'd) */
    char *base_text;      /* the base INI's text (malloc'd; "" without a base) */
    mn_design design;
    int design_line; /* line of `design` in the file (0: absent, grid) */
    long points;     /* requested points (non-grid), -1 if absent */
    int levels;      /* morris: grid levels (even, default 4) */
    unsigned long seed;
    int n_axes;
    mn_sweep_axis axes[MN_SWEEP_MAX_AXES];
    double base[P_COUNT]; /* defaults + base INI */
    size_t n_points;      /* total points (grid: product of the axis lengths) */
} mn_sweep;

/* Read and check a sweep file. Every error names file:line and the key. Returns 0 or -1. */
int mn_sweep_load(const char *path, mn_sweep *s, mn_error *err);
/* The same, also accepting one more section (e.g. [sensitivity]) whose entries go to `fn`. */
int mn_sweep_load_with(const char *path, mn_sweep *s, const char *section, mn_ini_entry_fn fn,
                       void *user, mn_error *err);
/* Position in [0, 1] of value v on axis ax (log axes: of log v): the inverse of the design's
 * scaling. */
double mn_sweep_axis_unit(const mn_sweep_axis *ax, double v);
void mn_sweep_free(mn_sweep *s);
const char *mn_design_name(mn_design d);

/* Grid: the parameter values of point i (base + swept values). */
void mn_sweep_grid_point(const mn_sweep *s, size_t i, double *p);

/* Non-grid designs: values of the swept parameters for points [lo, hi), row-major
 * (hi - lo) x n_axes. A pure function of (design, seed, bounds, index): never of threads.
 * `state` carries a generator between consecutive calls (pass the same pointer; NULL-init it;
 * free with mn_sweep_design_free). LHS strata come from a keyed permutation evaluated per index. */
typedef struct mn_design_state mn_design_state;
int mn_sweep_design(const mn_sweep *s, size_t lo, size_t hi, double *out, mn_design_state **state,
                    mn_error *err);
void mn_sweep_design_free(mn_design_state *state);

/* Options of one sweep execution. */
typedef struct {
    const char *output;          /* OUT.h5 (written as OUT.h5.partial, renamed when complete) */
    int threads;                 /* <= 0: omp_get_max_threads() */
    int resume;                  /* continue OUT.h5.partial */
    int trajectories;            /* also store traj_<observable> on the output.step_days grid */
    int quiet;                   /* no progress */
    int no_write;                /* benchmark: integrate only, write nothing */
    size_t block_points;         /* points per block (0: automatic) */
    volatile sig_atomic_t *stop; /* set asynchronously to stop after the courses in flight */
    int argc;                    /* command line for provenance */
    char **argv;
    /* Optional: called on rank 0 once every point is done and the file is closed, before it is
     * renamed, to add what is computed from the whole file (sensitivity indices), so a complete-
     * looking OUT.h5 always holds it. Non-zero (err filled) fails the run and keeps
     * OUT.h5.partial; --resume runs it again. */
    int (*finalise)(const char *partial, void *user, mn_error *err);
    void *finalise_user;
} mn_sweep_options;

typedef struct {
    size_t total, done_before, done_now, pending; /* pending = still status 0 at the end */
    size_t ok, invalid, failed;                   /* over the whole file */
    double seconds;
    int threads;
    int interrupted;
    char first_failure[512]; /* message of the first invalid/failed point of this execution */
} mn_sweep_summary;

/* Run every pending point. Returns 0 (complete or interrupted: see sum->interrupted), -1 with
 * err filled on a run-time failure, or -2 with err filled for an input problem (exit 2: bad
 * resume, existing .partial, trajectories over a swept course length). */
int mn_sweep_run(const mn_sweep *s, const mn_sweep_options *o, mn_sweep_summary *sum,
                 mn_error *err);

#endif
