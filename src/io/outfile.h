/* outfile.h — text and figure outputs written under a temporary name beside the target
 * ("PATH.partial") and renamed only when complete and checked, so that no file under its final name
 * is ever half-written (full disk, crash, failing gnuplot). */
#ifndef MN_OUTFILE_H
#define MN_OUTFILE_H

#include <stddef.h>
#include <stdio.h>

#include "error.h"

typedef struct {
    FILE *fp;
    char path[4096]; /* final name */
    char tmp[4200];  /* PATH.partial, written first */
    int errnum;      /* errno of the first failure (0 if none) */
} mn_outfile;

/* Open PATH.partial for writing (mode "w" or "wb"). Returns the stream, or NULL with o->errnum set
 * (o can still be passed to mn_outfile_close, which reports the failure). */
FILE *mn_outfile_open(mn_outfile *o, const char *path, const char *mode);

/* Flush, check for write errors, fsync, close and rename PATH.partial to PATH. On any failure the
 * .partial is removed, nothing is left under PATH's name, and err (may be NULL) says
 * "PATH: cannot write the file: <reason>" where the reason says when the disk is full. Returns 0 or
 * -1. */
int mn_outfile_close(mn_outfile *o, mn_error *err);

/* Give up: close and remove PATH.partial. */
void mn_outfile_abort(mn_outfile *o);

/* Rename a file produced by another program (tmp, complete and checked) to path after fsync.
 * Returns 0, or -1 with err set (tmp removed). */
int mn_outfile_commit(const char *tmp, const char *path, mn_error *err);

/* 1 if path holds a complete figure of format ext (png: ends with the IEND chunk; svg: ends with
 * </svg>; pdf: has %%EOF in its last 1 KiB), else 0. */
int mn_figure_complete(const char *path, const char *ext);

#endif
