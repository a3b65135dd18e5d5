/* sweep_space.h — disk space of a sweep (internal to src/sweep): the bytes a point adds to the
 * file, the check before a sweep starts (refused, with the figures, when the file system cannot
 * hold it), the check before each block (stop with the file resumable) and the "disk is full" hint
 * of write failures. */
#ifndef MN_SWEEP_SPACE_H
#define MN_SWEEP_SPACE_H

#include <stddef.h>

#include "error.h"
#include "sweep.h"
#include "sweep_file.h"

/* Bytes of file per point: an upper bound for an uninterrupted sweep with the chunk layout of f
 * (formula in sweep_space.c). */
double mn_sweep_bytes_per_point(const mn_sweep *s, const mn_sweep_file *f);
/* The whole sweep (`points` still to do) must fit on the file system of dir. 0 or -1 (err). */
int mn_sweep_check_space(const char *dir, size_t points, double per_point, mn_error *err);
/* The next block (twice its estimate) must fit. 0 or -1 (err: "the disk is full ... --resume"). */
int mn_sweep_check_block_space(const char *dir, size_t points, double per_point, mn_error *err);
/* ": the disk is full (N bytes free on DIR)" (mn_io_reason's wording) when the file system of dir
 * is (nearly) full, else "". A static buffer. */
const char *mn_sweep_disk_hint(const char *dir);

#endif
