/* parallel_serial.c — the serial build's parallel module: one rank, collectives are identities,
 * HDF5 files use the default (sec2) driver. */
#include "parallel.h"

int mn_par_init(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    return 0;
}
void mn_par_finalize(void) {}
int mn_par_rank(void)
{
    return 0;
}
int mn_par_size(void)
{
    return 1;
}
int mn_par_is_mpi(void)
{
    return 0;
}
int mn_par_any(int flag)
{
    return flag;
}
long mn_par_sum_long(long v)
{
    return v;
}
long mn_par_min_long(long v)
{
    return v;
}
void mn_par_bcast(void *buf, size_t bytes, int root)
{
    (void)buf, (void)bytes, (void)root;
}
void mn_par_barrier(void) {}
hid_t mn_par_file_access(void)
{
    return H5P_DEFAULT;
}
hid_t mn_par_transfer(void)
{
    return H5P_DEFAULT;
}
void mn_par_plist_close(hid_t plist)
{
    (void)plist;
}
