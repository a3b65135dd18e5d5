/* inifile.h — INI files through inih, with the file:line of every entry so that every error can
 * name where it is; and loading a run's parameters onto the registry. */
#ifndef MN_INI_H
#define MN_INI_H

#include <stddef.h>

#include "error.h"

/* Called for each `key = value` (value trimmed, trailing " # comment" removed). Return 0 to go on,
 * -1 after filling err to stop. */
typedef int (*mn_ini_entry_fn)(void *user, const char *file, int line, const char *section,
                               const char *key, const char *value, mn_error *err);

/* Parse `path`, calling fn per entry. Malformed lines, over-long lines and unreadable files are
 * errors naming file:line. Returns 0 or -1 (err filled). */
int mn_ini_parse(const char *path, mn_ini_entry_fn fn, void *user, mn_error *err);

/* mn_ini_parse on text in memory (size bytes, no terminator needed); name stands for the file in
 * messages ("NAME:LINE: ..."). The same checks as a file's text (NUL bytes, size). */
int mn_ini_parse_text(const char *name, const char *text, size_t size, mn_ini_entry_fn fn,
                      void *user, mn_error *err);

/* Every problem of a file, for `mnsim check` (which reports them all, in line order). */
typedef struct {
    int line; /* 0: not tied to a line (unreadable file, --set) */
    char msg[1024];
} mn_ini_error;
typedef struct {
    mn_ini_error *items;
    int n, cap;
} mn_ini_errors;
int mn_ini_errors_add(mn_ini_errors *e, int line, const char *msg); /* drops exact repeats */
void mn_ini_errors_sort(mn_ini_errors *e);                          /* by line, stable */
void mn_ini_errors_free(mn_ini_errors *e);

/* Like mn_ini_parse, but goes on after every problem (malformed, indented or over-long lines and
 * every entry fn rejects), appending each to `all`. Returns the number of problems added. */
int mn_ini_parse_all(const char *path, mn_ini_entry_fn fn, void *user, mn_ini_errors *all);

/* While a file is parsed: the line of the current section's [header] (0 otherwise). */
int mn_ini_section_line(void);

/* Apply every entry of a run INI file onto p (which holds defaults or earlier files' values).
 * Unknown sections or keys (with "did you mean"), bad values and duplicates are errors. */
int mn_ini_load_params(const char *path, double *p, mn_error *err);

/* mn_ini_load_params on text in memory (see mn_ini_parse_text). */
int mn_ini_load_params_text(const char *name, const char *text, size_t size, double *p,
                            mn_error *err);

/* mn_ini_load_params in collect mode. Returns the number of problems added to `all`. */
int mn_ini_load_params_all(const char *path, double *p, mn_ini_errors *all);

/* Handle one entry as a parameter assignment (used by run files and by sweep files' base keys). */
int mn_ini_assign(double *p, int *seen, const char *file, int line, const char *section,
                  const char *key, const char *value, mn_error *err);

/* Load a run's parameters: defaults, then each INI file in order, then each `section.key=value`
 * assignment, then the cross-parameter validation. Returns 0 or -1 (err filled). */
int mn_load_run_params(double *p, const char *const *files, int n_files, char *const *sets,
                       int n_sets, mn_error *err);

#endif
