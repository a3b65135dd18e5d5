/* sensitivity_io.h — `mnsim sensitivity`: the [sensitivity] section of a sensitivity file (which
 * metrics, bootstrap resamples, interval level), and the analysis of a finished saltelli/morris
 * sweep file: its metrics are read back, the indices computed (sensitivity.h) and written into the
 * same file on (metric, parameter) dimensions. */
#ifndef MN_SENSITIVITY_IO_H
#define MN_SENSITIVITY_IO_H

#include <stddef.h>

#include "error.h"
#include "metrics.h"
#include "sweep.h"

typedef struct {
    int n_metrics;           /* 0 until checked: then the chosen metrics (default: all) */
    int metric[M_COUNT];     /* metric ids */
    size_t n_boot;           /* bootstrap resamples (default 200) */
    double level;            /* interval level (default 0.95) */
    unsigned long boot_seed; /* bootstrap seed (default: the sweep seed) */
    int line_metrics, line_boot, line_level, line_seed;
    int have_seed;
} mn_sens_spec;

/* An mn_ini_entry_fn for [sensitivity] (user = mn_sens_spec, zero-initialised before loading). */
int mn_sens_entry(void *user, const char *file, int line, const char *section, const char *key,
                  const char *value, mn_error *err);

/* Load SPEC.ini: a sweep file with design saltelli or morris plus an optional [sensitivity]
 * section. Every error names file:line. Returns 0 or -1. */
int mn_sens_load(const char *path, mn_sweep *s, mn_sens_spec *sp, mn_error *err);

/* Compute and write the indices into the finished sweep file `path`, and mark it as a
 * sensitivity file (mnsim_file_kind = "sensitivity"). Returns 0 or -1. */
int mn_sens_analyse(const char *path, const mn_sweep *s, const mn_sens_spec *sp, mn_error *err);

#endif
