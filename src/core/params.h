/* params.h — the parameter registry: lookup by full name ("section.key"), value parsing and
 * validation (kind, finiteness, bounds), formatting, defaults and a resolved-INI dump. */
#ifndef MN_PARAMS_H
#define MN_PARAMS_H

#include <stdio.h>

#include "error.h"
#include "model.h"

/* Fill p[P_COUNT] with every default value. */
void mn_params_default(double *p);

/* Index of "section.key", or -1. */
int mn_param_find(const char *full_name);
/* Index of a (section, key) pair, or -1. */
int mn_param_find2(const char *section, const char *key);
/* Is `section` the section of at least one parameter? */
int mn_section_exists(const char *section);
/* Nearest known full name to `full_name` (edit distance), for "did you mean" hints. */
const char *mn_param_suggest(const char *section, const char *key);
/* The name among names[0..n) closest to word (edit distance, case-insensitive), or NULL when
 * none is close enough to be a likely misspelling: for "did you mean" hints. */
const char *mn_closest_name(const char *word, const char *const *names, size_t n);
const char *mn_section_suggest(const char *section);

/* Parse text for parameter id: real (strtod, whole string), integer, boolean (0/1, true/false,
 * yes/no, on/off) or enum keyword; then check it is finite and within bounds. On failure writes
 * the problem and what was expected to `why` (no location; the caller adds it). */
int mn_param_parse(int id, const char *text, double *value, char *why, size_t why_size);

/* Format a value the way an INI file would hold it (enum as keyword; numbers as the shortest
 * text that reads back to the same double). */
void mn_param_format(int id, double value, char *buf, size_t size);
/* The shortest of %.15g, %.16g, %.17g that strtod reads back to exactly `value`. */
void mn_format_double(double value, char *buf, size_t size);

/* "section.key" of id into buf. */
const char *mn_param_name(int id, char *buf, size_t size);

/* Write every parameter as a complete INI file (sections in registry order). */
void mn_params_write_ini(FILE *out, const double *p);

/* Apply "section.key=value" (from --set). Errors name `--set` and the key. */
int mn_param_set_arg(double *p, const char *assignment, mn_error *err);

#endif
