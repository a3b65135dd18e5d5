/* h5util.h — small HDF5 helpers shared by every file mnsim writes: UTF-8 string attributes,
 * numeric attributes, 1-D/N-D datasets with units and descriptions, dimension scales, provenance,
 * and the write-to-temporary-then-rename discipline. All return 0 or -1 (HDF5 errors silenced;
 * the caller reports). */
#ifndef MN_H5UTIL_H
#define MN_H5UTIL_H

#include <hdf5.h>
#include <stddef.h>

int mn_h5_attr_str(hid_t loc, const char *name, const char *value);
int mn_h5_attr_double(hid_t loc, const char *name, double value);
int mn_h5_attr_long(hid_t loc, const char *name, long value);
/* Read a string attribute into buf (truncated to size). */
int mn_h5_read_attr_str(hid_t loc, const char *name, char *buf, size_t size);
/* The strings of the 1-D variable-length string dataset `name` at loc (as mnsim writes them;
 * "." with a dataset as loc: that dataset) as a NULL-terminated array of *n copies, or NULL;
 * free with mn_h5_free_strings. */
char **mn_h5_read_strings(hid_t loc, const char *name, size_t *n);
void mn_h5_free_strings(char **s, size_t n);
/* Read a whole string attribute (malloc'd; caller frees), NULL if missing. */
char *mn_h5_read_attr_str_alloc(hid_t loc, const char *name);

/* Units, long_name and description attributes of a variable. */
int mn_h5_describe(hid_t dset, const char *units, const char *long_name, const char *description);

/* The `long_name` of variable `name` (xarray's axis label, wrapped at 30 characters: at most two
 * lines with its unit): a short name for the few whose description is long, else the text of the
 * description before the first ", ", ": " or " (" ("erythema index: inflammation plus ..." gives
 * "erythema index"). */
void mn_h5_long_name(const char *name, const char *description, char *buf, size_t size);

/* A 1-D int32 dataset (index and flag variables: event, session, kind, status). */
hid_t mn_h5_dataset_1d_int(hid_t loc, const char *name, size_t n, const int *data);
/* A 1-D dataset of n UTF-8 strings (names along a dimension: parameter, metric); -1 on error. */
hid_t mn_h5_dataset_1d_str(hid_t loc, const char *name, size_t n, const char *const *vals);
/* An int32 array attribute (CF flag_values). */
int mn_h5_attr_ints(hid_t loc, const char *name, const int *values, size_t n);

/* Create a 1-D double dataset of length n from data (data may be NULL to create only). */
hid_t mn_h5_dataset_1d(hid_t loc, const char *name, size_t n, const double *data);
/* Make dset a dimension scale named `dim_name` (netCDF/xarray dimension). */
int mn_h5_make_scale(hid_t dset, const char *dim_name);
int mn_h5_attach(hid_t dset, hid_t scale, unsigned axis);

/* Provenance root attributes: mnsim version, git commit, build, libraries, command line, UTC time,
 * CF Conventions/title/source/history. kind = "run", "sweep", "plan"... */
int mn_h5_provenance(hid_t file, const char *kind, const char *title, int argc, char **argv);

/* Command line as one string (quoted where needed). */
void mn_command_line(int argc, char **argv, char *buf, size_t size);

/* Temporary name "<path>.partial" beside the target. */
void mn_partial_name(const char *path, char *buf, size_t size);

/* Silence HDF5's automatic error stack printing (we report errors ourselves). */
void mn_h5_quiet(void);

/* Library lifetime for programs: mn_h5_start() first (before any other HDF5 call) replaces HDF5's
 * atexit shutdown by mn_h5_finish(), which shuts the library down unless a file failed to close
 * (HDF5's cleanup would then crash). Close files with mn_h5_close_file (or report a failed
 * H5Fclose with mn_h5_mark_failed_close). */
void mn_h5_start(void);
int mn_h5_close_file(hid_t file);
void mn_h5_mark_failed_close(void);
void mn_h5_finish(void);

/* Why writing `path` failed, for a message: "the disk is full (N bytes free on DIR)" when errnum is
 * ENOSPC/EDQUOT, or when errnum is 0 (unknown, e.g. an HDF5 error) and DIR is on a real file system
 * (not proc/sysfs: f_blocks > 0) with under 1 MiB free; else `otherwise`, followed by
 * strerror(errnum) when errnum is set and `otherwise` does not already say it. A static buffer. */
const char *mn_io_reason(const char *path, int errnum, const char *otherwise);

#endif
