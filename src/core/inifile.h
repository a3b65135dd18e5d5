/* inifile.h — INI files through inih, with the file:line of every entry so that every error can
 * name where it is; and loading a run's parameters onto the registry. */
#ifndef MN_INI_H
#define MN_INI_H

#include "error.h"

/* Called for each `key = value` (value trimmed, trailing " # comment" removed). Return 0 to go on,
 * -1 after filling err to stop. */
typedef int (*mn_ini_entry_fn)(void *user, const char *file, int line, const char *section,
                               const char *key, const char *value, mn_error *err);

/* Parse `path`, calling fn per entry. Malformed lines, over-long lines and unreadable files are
 * errors naming file:line. Returns 0 or -1 (err filled). */
int mn_ini_parse(const char *path, mn_ini_entry_fn fn, void *user, mn_error *err);

/* Apply every entry of a run INI file onto p (which holds defaults or earlier files' values).
 * Unknown sections or keys (with "did you mean"), bad values and duplicates are errors. */
int mn_ini_load_params(const char *path, double *p, mn_error *err);

/* Handle one entry as a parameter assignment (used by run files and by sweep files' base keys). */
int mn_ini_assign(double *p, int *seen, const char *file, int line, const char *section,
                  const char *key, const char *value, mn_error *err);

/* Load a run's parameters: defaults, then each INI file in order, then each `section.key=value`
 * assignment, then the cross-parameter validation. Returns 0 or -1 (err filled). */
int mn_load_run_params(double *p, const char *const *files, int n_files, char *const *sets,
                       int n_sets, mn_error *err);

#endif
