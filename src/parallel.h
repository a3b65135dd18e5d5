/* parallel.h — the one module that owns the difference between the serial and the MPI build:
 * how many ranks there are, which rank this is, and collective helpers. The serial build
 * (parallel_serial.c) is a single rank; the MPI build (parallel_mpi.c) wraps MPI. */
#ifndef MN_PARALLEL_H
#define MN_PARALLEL_H

int mn_par_init(int *argc, char ***argv);
void mn_par_finalize(void);
int mn_par_rank(void);
int mn_par_size(void);
int mn_par_is_mpi(void);
/* Logical OR / sum across ranks (identity in the serial build). */
int mn_par_any(int flag);
long mn_par_sum_long(long v);
void mn_par_barrier(void);

#endif
