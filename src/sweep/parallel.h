/* parallel.h — the one module that owns the difference between the serial and the MPI build:
 * how many ranks there are, which rank this is, collective helpers and the HDF5 property lists
 * for a file shared by every rank. The serial build (parallel_serial.c) is a single rank; the MPI
 * build (parallel_mpi.c) wraps MPI. A program that never called mn_par_init (unit tests) or runs
 * a serial build behaves as one rank with plain HDF5 I/O. */
#ifndef MN_PARALLEL_H
#define MN_PARALLEL_H

#include <hdf5.h>
#include <stddef.h>

/* Initialise / finalise (MPI_Init_thread FUNNELED in the MPI build). 0 or -1. */
int mn_par_init(int *argc, char ***argv);
void mn_par_finalize(void);
int mn_par_rank(void);
int mn_par_size(void);
/* 1 when MPI is initialised: files shared by ranks are opened with MPI-IO. */
int mn_par_is_mpi(void);
/* Logical OR / sum / minimum across ranks (identity in the serial build). */
int mn_par_any(int flag);
long mn_par_sum_long(long v);
long mn_par_min_long(long v);
/* Broadcast `bytes` bytes of buf from rank `root` to every rank. */
void mn_par_bcast(void *buf, size_t bytes, int root);
void mn_par_barrier(void);

/* HDF5 file-access property list for a file opened by every rank: an MPI-IO list when MPI is
 * initialised, H5P_DEFAULT otherwise. Release with mn_par_plist_close. */
hid_t mn_par_file_access(void);
/* HDF5 data-transfer property list for writes every rank makes together (collective MPI-IO;
 * H5P_DEFAULT otherwise). Release with mn_par_plist_close. */
hid_t mn_par_transfer(void);
void mn_par_plist_close(hid_t plist);

#endif
