/* parallel_mpi.c — the MPI build's parallel module: wraps MPI (MPI_COMM_WORLD, FUNNELED: only
 * the main thread of a rank calls MPI) and parallel HDF5 (MPI-IO file access, collective
 * transfers). MPI is initialised only under a launcher (mpirun, mpiexec, srun: detected from the
 * environment it sets; MNSIM_MPI_INIT=1/0 forces it): run directly, or before mn_par_init (unit
 * tests), the program behaves exactly like the serial build, without a singleton MPI start-up
 * (its session files, its time and the allocations it never frees). */
#include <limits.h>
#include <mpi.h>
#include <stdlib.h>
#include <string.h>

#include "parallel.h"

static int inited = 0; /* we called MPI_Init_thread (and so must finalize) */

static int launched(void)
{
    const char *force = getenv("MNSIM_MPI_INIT");
    if (force && *force) return strcmp(force, "0") != 0;
    /* Open MPI's mpirun, PMIx (Open MPI, srun --mpi=pmix), PMI/PMI2 (MPICH/Hydra, srun) */
    static const char *vars[] = {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK", "PMI_FD", NULL};
    for (int i = 0; vars[i]; i++)
        if (getenv(vars[i])) return 1;
    return 0;
}

static int active(void)
{
    int on = 0, off = 0;
    MPI_Initialized(&on);
    MPI_Finalized(&off);
    return on && !off;
}

int mn_par_init(int *argc, char ***argv)
{
    if (active() || !launched()) return 0;
    int provided = 0;
    if (MPI_Init_thread(argc, argv, MPI_THREAD_FUNNELED, &provided) != MPI_SUCCESS) return -1;
    inited = 1;
    return 0;
}

void mn_par_finalize(void)
{
    if (inited && active()) MPI_Finalize();
    inited = 0;
}

int mn_par_rank(void)
{
    int r = 0;
    if (active()) MPI_Comm_rank(MPI_COMM_WORLD, &r);
    return r;
}

int mn_par_size(void)
{
    int n = 1;
    if (active()) MPI_Comm_size(MPI_COMM_WORLD, &n);
    return n;
}

int mn_par_is_mpi(void)
{
    return active();
}

int mn_par_any(int flag)
{
    int in = flag != 0, out = in;
    if (active()) MPI_Allreduce(&in, &out, 1, MPI_INT, MPI_LOR, MPI_COMM_WORLD);
    return out;
}

long mn_par_sum_long(long v)
{
    long out = v;
    if (active()) MPI_Allreduce(&v, &out, 1, MPI_LONG, MPI_SUM, MPI_COMM_WORLD);
    return out;
}

long mn_par_min_long(long v)
{
    long out = v;
    if (active()) MPI_Allreduce(&v, &out, 1, MPI_LONG, MPI_MIN, MPI_COMM_WORLD);
    return out;
}

void mn_par_bcast(void *buf, size_t bytes, int root)
{
    if (!active()) return;
    unsigned char *p = buf;
    while (bytes > 0) { /* MPI counts are int */
        int n = bytes > (size_t)INT_MAX ? INT_MAX : (int)bytes;
        MPI_Bcast(p, n, MPI_BYTE, root, MPI_COMM_WORLD);
        p += n;
        bytes -= (size_t)n;
    }
}

void mn_par_barrier(void)
{
    if (active()) MPI_Barrier(MPI_COMM_WORLD);
}

hid_t mn_par_file_access(void)
{
    if (!active()) return H5P_DEFAULT;
    hid_t fapl = H5Pcreate(H5P_FILE_ACCESS);
    if (fapl < 0) return -1;
    if (H5Pset_fapl_mpio(fapl, MPI_COMM_WORLD, MPI_INFO_NULL) < 0) {
        H5Pclose(fapl);
        return -1;
    }
    return fapl;
}

hid_t mn_par_transfer(void)
{
    if (!active()) return H5P_DEFAULT;
    hid_t dxpl = H5Pcreate(H5P_DATASET_XFER);
    if (dxpl < 0) return -1;
    if (H5Pset_dxpl_mpio(dxpl, H5FD_MPIO_COLLECTIVE) < 0) {
        H5Pclose(dxpl);
        return -1;
    }
    return dxpl;
}

void mn_par_plist_close(hid_t plist)
{
    if (plist >= 0 && plist != H5P_DEFAULT) H5Pclose(plist);
}
