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

/* Rename a complete, closed file (written by another program, or an HDF5 file) tmp to path after
 * fsync, then fsync the directory.
 * Returns 0, or -1 with err set (tmp removed). */
int mn_outfile_commit(const char *tmp, const char *path, mn_error *err);
/* The same, but tmp is kept when it fails (a sweep's .partial holds hours of resumable work). */
int mn_outfile_commit_keep(const char *tmp, const char *path, mn_error *err);

/* 1 if path holds a complete figure of format ext (png: ends with the IEND chunk; svg: ends with
 * </svg>; pdf: has %%EOF in its last 1 KiB), else 0. */
int mn_figure_complete(const char *path, const char *ext);

/* The files of an output directory before a command writes into it, so that a failed command can
 * take back what it wrote (a plan or gallery directory holds complete outputs or none of this
 * run's). A file is identified by device, inode and modification time: a file written or renamed
 * into place by this run is new even if an older file of the same name was there. */
typedef struct {
    unsigned long long dev, ino;
    long long mtime_s, mtime_ns;
} mn_dir_entry;

typedef struct {
    size_t n, cap;
    mn_dir_entry *e;
    int existed; /* the directory itself existed (-1: snapshot incomplete, take back nothing) */
} mn_dir_snapshot;

/* Record every file and subdirectory under dir (3 levels deep). A missing dir is an empty
 * snapshot. Returns 0, or -1 when out of memory (then mn_dir_take_back does nothing). */
int mn_dir_snapshot_take(mn_dir_snapshot *s, const char *dir);

/* Remove every file and (empty) subdirectory under dir that is not in the snapshot, and dir
 * itself if it did not exist and is now empty. Frees the snapshot. */
void mn_dir_take_back(mn_dir_snapshot *s, const char *dir);

/* Free the snapshot (the command succeeded). */
void mn_dir_snapshot_free(mn_dir_snapshot *s);

#endif
