/* example.c — the 20-line program of docs/API.md: one course through include/mnsim.h only. */
#include <mnsim.h>
#include <stdio.h>

int main(void)
{
    mnsim_error err = {0};
    mnsim_params *p = mnsim_params_new();
    if (mnsim_params_set(p, "schedule.sessions", "3", &err) != MNSIM_OK) goto fail;
    mnsim_result *r = mnsim_run(p, &err);
    if (!r) goto fail;
    double gain = mnsim_result_metric(r, "collagen_gain_percent");
    printf("collagen gain after 3 sessions: %+.4f %%\n", gain);
    mnsim_result_free(r);
    mnsim_params_free(p);
    return gain > 0 ? 0 : 1; /* the course must build collagen */
fail:
    fprintf(stderr, "error %d: %s\n", err.code, err.message);
    mnsim_params_free(p);
    return 2;
}
