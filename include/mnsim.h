/* mnsim.h — the public C API of libmnsim, the simulator of skin healing after microneedling.
 *
 * One header, C11, no other mnsim header needed. Link with -lmnsim (shared: libmnsim.so, or
 * static: libmnsim_core.a plus GSL, HDF5, inih, OpenMP). Documentation: docs/API.md.
 *
 * Objects are opaque and created/freed by the library:
 *   mnsim_params  a parameter set (every parameter of the registry; starts at the defaults),
 *   mnsim_result  one simulated course (time series, events, per-session outcomes, metrics).
 *
 * Errors: every call that can fail returns a status code (mnsim_status; 0 = success) or NULL,
 * and fills an mnsim_error the caller passes (may be NULL) with the code and the message the
 * mnsim program prints for the same input (file:line, the key, what was expected, "did you
 * mean"). The library never calls exit() and prints nothing.
 *
 * Threads: independent courses may run concurrently — each call uses only its own objects (no
 * hidden global or static buffers on that path). A parameter set or result may be read from
 * several threads at once but must not be modified while another thread uses it. The library
 * switches GSL's abort-on-error handler off for the whole process on first use (GSL status codes
 * are mapped to mnsim errors instead). Writing files (mnsim_result_write, mnsim_sweep) is safe
 * from any thread but serialised: one file is written at a time.
 *
 * Names: parameters are "section.key" as in INI files and `mnsim params`; series and metrics are
 * named as the datasets of the HDF5 run file (docs/FILE-FORMAT.md), e.g. "collagen_total" and
 * "collagen_gain_percent" (/metrics/collagen_gain_percent). Nothing about the biology is fixed by
 * this header: enumerate the registry (mnsim_param_count, mnsim_series_count, mnsim_metric_count).
 */
#ifndef MNSIM_H
#define MNSIM_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define MNSIM_API __attribute__((visibility("default")))
#else
#define MNSIM_API
#endif

/* ---- errors ---------------------------------------------------------------------------------
 */

/* Status codes. 1 and 2 are the mnsim program's exit statuses for the same failures. */
typedef enum {
    MNSIM_OK = 0,
    MNSIM_ERR_RUNTIME = 1,  /* solver failure, I/O error, out of memory */
    MNSIM_ERR_INPUT = 2,    /* bad parameter name or value, bad INI file, course that cannot run */
    MNSIM_ERR_ARGUMENT = 4, /* misuse of the API: NULL object, index out of range */
} mnsim_status;

/* Filled by a failing call: the code and a complete, human-readable message (no "mnsim: error:"
 * prefix). Zero-initialise it (`mnsim_error err = {0};`); a successful call leaves it alone. */
typedef struct {
    mnsim_status code;
    char message[2048];
} mnsim_error;

/* Version string of the library ("0.1.0"). */
MNSIM_API const char *mnsim_version(void);

/* ---- the parameter registry ----------------------------------------------------------------
 */

typedef enum { MNSIM_REAL = 0, MNSIM_INT = 1, MNSIM_BOOL = 2, MNSIM_ENUM = 3 } mnsim_kind;

/* One entry of the registry. Strings are static (valid for the life of the process). */
typedef struct {
    const char *section;     /* INI section, e.g. "schedule" */
    const char *key;         /* key inside it, e.g. "interval_days" */
    const char *unit;        /* "day", "1/day", "mm", "1" (dimensionless), ... */
    mnsim_kind kind;         /* every value is held as a double; enums hold the choice's index */
    double default_value;    /* default */
    double min, max;         /* inclusive bounds */
    const char *choices;     /* MNSIM_ENUM: "a|b|c" (value = index); NULL otherwise */
    const char *description; /* what it means */
    const char *source;      /* literature source or "modelling assumption: why" */
} mnsim_param_info;

/* Number of parameters; they are numbered 0 .. count-1 in registry (INI file) order. */
MNSIM_API int mnsim_param_count(void);
/* Fill *info for parameter `index`. MNSIM_ERR_ARGUMENT if out of range. */
MNSIM_API int mnsim_param_info_get(int index, mnsim_param_info *info);
/* Index of "section.key", or -1 if there is no such parameter. */
MNSIM_API int mnsim_param_index(const char *name);

/* ---- parameter sets ------------------------------------------------------------------------
 */

typedef struct mnsim_params mnsim_params;

/* A new parameter set holding every default. NULL only when out of memory. */
MNSIM_API mnsim_params *mnsim_params_new(void);
/* An independent copy. NULL when out of memory or p is NULL. */
MNSIM_API mnsim_params *mnsim_params_copy(const mnsim_params *p);
MNSIM_API void mnsim_params_free(mnsim_params *p); /* NULL is fine */

/* Apply every entry of a run INI file on top of the current values (as `mnsim run FILE.ini`
 * does; several files apply in order). Errors name file:line: unknown section or key (with
 * "did you mean"), bad or out-of-range values, duplicates, malformed lines. On error the set may
 * hold some of the file's values: discard it or reload. */
MNSIM_API int mnsim_params_load_ini(mnsim_params *p, const char *path, mnsim_error *err);

/* Set one parameter from text, exactly as `mnsim run --set name=value` would: numbers as text
 * (strtod), integers, booleans (0/1, true/false, yes/no, on/off), enum keywords. The message of
 * an error is the one the program prints ("--set name=value: ..."). Unchanged on error. */
MNSIM_API int mnsim_params_set(mnsim_params *p, const char *name, const char *value,
                               mnsim_error *err);
/* Set one parameter from a double, with the same bound and kind checks. */
MNSIM_API int mnsim_params_set_double(mnsim_params *p, const char *name, double value,
                                      mnsim_error *err);
/* Read the value of "section.key" (enums: the choice's index). */
MNSIM_API int mnsim_params_get(const mnsim_params *p, const char *name, double *value,
                               mnsim_error *err);
/* Read parameter `index` as a double (NAN if p is NULL or index out of range). */
MNSIM_API double mnsim_params_value(const mnsim_params *p, int index);
/* The value as an INI file holds it (enum keyword, or %.17g) into buf. */
MNSIM_API int mnsim_params_format(const mnsim_params *p, const char *name, char *buf, size_t size,
                                  mnsim_error *err);
/* The whole set as a complete INI file (malloc'd text; release with mnsim_free). NULL on OOM. */
MNSIM_API char *mnsim_params_to_ini(const mnsim_params *p);
/* The checks across parameters that `mnsim check` makes (the sessions fit in the course, ...).
 * mnsim_run makes them too. */
MNSIM_API int mnsim_params_check(const mnsim_params *p, mnsim_error *err);

/* Release memory the library returned (mnsim_params_to_ini). */
MNSIM_API void mnsim_free(void *ptr);

/* ---- one course ----------------------------------------------------------------------------
 */

typedef struct mnsim_result mnsim_result;

/* Simulate the course described by p, sampling every output.step_days days. Returns NULL on
 * failure: MNSIM_ERR_INPUT when the parameters describe no valid course (e.g. the sessions do not
 * fit), MNSIM_ERR_RUNTIME when the integration fails (the message names the day and state). The
 * numbers are those `mnsim run` writes, bit for bit. */
MNSIM_API mnsim_result *mnsim_run(const mnsim_params *p, mnsim_error *err);
MNSIM_API void mnsim_result_free(mnsim_result *r); /* NULL is fine */

/* Names of the series (states, then observables) and of the metrics every result holds, in the
 * run file's order. count: how many; name: static string, NULL if index is out of range. */
MNSIM_API int mnsim_series_count(void);
MNSIM_API const char *mnsim_series_name(int index);
MNSIM_API int mnsim_metric_count(void);
MNSIM_API const char *mnsim_metric_name(int index);

/* Convenience accessors. Pointers stay valid until mnsim_result_free. */
/* Sample times [day]; *n receives the number of samples. */
MNSIM_API const double *mnsim_result_time(const mnsim_result *r, size_t *n);
/* A state or observable sampled at those times ("collagen_total"); NULL if unknown. */
MNSIM_API const double *mnsim_result_series(const mnsim_result *r, const char *name, size_t *n);
/* A metric by name ("collagen_gain_percent"); NAN if unknown (or NaN by definition, e.g.
 * scar_reduction_percent without a scar: see the metric's description). */
MNSIM_API double mnsim_result_metric(const mnsim_result *r, const char *name);

/* Events of the course in time order. kind: 0 = session, 1 = serum, 2 = acid. */
typedef struct {
    double day;
    int kind;
    int session; /* index of the session the event belongs to */
} mnsim_event;
MNSIM_API size_t mnsim_result_event_count(const mnsim_result *r);
MNSIM_API int mnsim_result_event(const mnsim_result *r, size_t i, mnsim_event *ev);

/* Write the result as an HDF5 run file (the layout of `mnsim run`, docs/FILE-FORMAT.md: every
 * series, event, session outcome, metric, parameter and attribute; written as PATH.partial and
 * renamed). command_line (may be NULL) is recorded as provenance (attributes command_line and
 * history; its blank-separated words, each quoted if it holds a quote or '$'). This is the one
 * description of the whole result: read the file (e.g. with HDF5 or the Python package) for more
 * than the accessors above give. */
MNSIM_API int mnsim_result_write(const mnsim_result *r, const char *path, const char *command_line,
                                 mnsim_error *err);

/* ---- sweeps --------------------------------------------------------------------------------
 */

typedef struct {
    int threads;      /* <= 0: OpenMP's default */
    int resume;       /* continue OUT.h5.partial */
    int trajectories; /* also store traj_<observable> series */
} mnsim_sweep_options;

typedef struct {
    size_t total, ok, invalid, failed; /* points in the file, by status */
    double seconds;                    /* wall time of this execution */
    char first_failure[512];           /* first invalid or failed point, "" if none */
} mnsim_sweep_summary;

/* Run the sweep file sweep_ini (see `mnsim help sweep`) into out_h5, as `mnsim sweep` does.
 * options and summary may be NULL. MNSIM_ERR_INPUT for a bad sweep file (file:line) or an
 * existing OUT.h5.partial without resume; MNSIM_ERR_RUNTIME for I/O failures. Failing points
 * are not errors: they are recorded in the file and counted in the summary. */
MNSIM_API int mnsim_sweep(const char *sweep_ini, const char *out_h5,
                          const mnsim_sweep_options *options, mnsim_sweep_summary *summary,
                          mnsim_error *err);

#ifdef __cplusplus
}
#endif

#endif
