/* parallel_serial.c — the serial build's parallel module: one rank, collectives are identities. */
#include "parallel.h"

int mn_par_init(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    return 0;
}
void mn_par_finalize(void) {}
int mn_par_rank(void) { return 0; }
int mn_par_size(void) { return 1; }
int mn_par_is_mpi(void) { return 0; }
int mn_par_any(int flag) { return flag; }
long mn_par_sum_long(long v) { return v; }
void mn_par_barrier(void) {}
