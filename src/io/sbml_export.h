/* sbml_export.h — the model and one course's schedule as an SBML Level 3 Version 2 document
 * (libSBML C API), for COPASI, Tellurium/libRoadRunner and other SBML tools. docs/SBML.md says what
 * is exported and how. */
#ifndef MN_SBML_EXPORT_H
#define MN_SBML_EXPORT_H

#include "error.h"

/* Where the document came from (written into the model's notes). */
typedef struct {
    const char *const *ini_files; /* the INI files of the course, in order */
    int n_ini_files;
    int argc; /* the command line (0: none) */
    char **argv;
} mn_sbml_provenance;

/* The SBML text of the course described by p (its parameters, schedule and aftercare). Returns a
 * malloc'd NUL-terminated string, or NULL with err set. */
char *mn_sbml_text(const double *p, const mn_sbml_provenance *prov, mn_error *err);

/* Write it to path (as PATH.partial, renamed when complete: no partial file on failure).
 * Returns 0 or -1 with err set. */
int mn_sbml_write(const char *path, const double *p, const mn_sbml_provenance *prov, mn_error *err);

#endif
