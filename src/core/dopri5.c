/* dopri5.c — Dormand-Prince 5(4) pair as a gsl_odeiv2_step_type (see dopri5.h). The step
 * advances with the 5th-order solution (local extrapolation) and reports the difference to the
 * embedded 4th-order one as its error; GSL's standard control turns that into the next step size.
 * First same as last: the 7th stage is f at the step end. The stepper remembers f at the start and
 * at the end of its last attempt, keyed by (t, y), so the next step (from the end) and a retry
 * after a rejection (from the start) need no extra evaluation; gsl_odeiv2_step_reset (called by
 * gsl_odeiv2_driver_reset at every event) forgets both, since the right-hand side may change
 * there. Coefficients: Dormand & Prince (1980), Hairer, Norsett & Wanner, Solving ODEs I, Table
 * II.5.2. */
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "dopri5.h"

static const double c2 = 1.0 / 5, c3 = 3.0 / 10, c4 = 4.0 / 5, c5 = 8.0 / 9;
static const double a21 = 1.0 / 5;
static const double a31 = 3.0 / 40, a32 = 9.0 / 40;
static const double a41 = 44.0 / 45, a42 = -56.0 / 15, a43 = 32.0 / 9;
static const double a51 = 19372.0 / 6561, a52 = -25360.0 / 2187, a53 = 64448.0 / 6561,
                    a54 = -212.0 / 729;
static const double a61 = 9017.0 / 3168, a62 = -355.0 / 33, a63 = 46732.0 / 5247, a64 = 49.0 / 176,
                    a65 = -5103.0 / 18656;
/* 5th-order weights (= the 7th stage's row) */
static const double b1 = 35.0 / 384, b3 = 500.0 / 1113, b4 = 125.0 / 192, b5 = -2187.0 / 6784,
                    b6 = 11.0 / 84;
/* 5th- minus 4th-order weights: the error estimate */
static const double e1 = 71.0 / 57600, e3 = -71.0 / 16695, e4 = 71.0 / 1920, e5 = -17253.0 / 339200,
                    e6 = 22.0 / 525, e7 = -1.0 / 40;

/* f at one (t, y) of the last attempt */
typedef struct {
    int valid;
    double t;
    double *y, *f;
} point;

typedef struct {
    double *k[7], *ytmp, *yout;
    point start, end; /* the last attempt's two ends */
    mn_dopri5_stage_hook *hook;
    void *hook_ctx;
} dopri5_state;

static void *dopri5_alloc(size_t dim)
{
    dopri5_state *s = calloc(1, sizeof *s);
    double *block = s ? calloc(13 * dim, sizeof *block) : NULL;
    if (!block) {
        free(s);
        GSL_ERROR_NULL("failed to allocate the dopri5 stepper", GSL_ENOMEM);
    }
    for (int i = 0; i < 7; i++)
        s->k[i] = block + (size_t)i * dim;
    s->ytmp = block + 7 * dim;
    s->yout = block + 8 * dim;
    s->start.y = block + 9 * dim, s->start.f = block + 10 * dim;
    s->end.y = block + 11 * dim, s->end.f = block + 12 * dim;
    return s;
}

static int known(const point *p, double t, const double *y, size_t dim)
{
    return p->valid && p->t == t && memcmp(p->y, y, dim * sizeof *y) == 0;
}

static void remember(point *p, double t, const double *y, const double *f, size_t dim)
{
    p->valid = 1;
    p->t = t;
    memcpy(p->y, y, dim * sizeof *y);
    memcpy(p->f, f, dim * sizeof *f);
}

#define EVAL(tt, yy, ff)                                                                           \
    do {                                                                                           \
        if (GSL_ODEIV_FN_EVAL(sys, tt, yy, ff) != GSL_SUCCESS) return GSL_EBADFUNC;                \
    } while (0)

static int dopri5_apply(void *vstate, size_t dim, double t, double h, double y[], double yerr[],
                        const double dydt_in[], double dydt_out[], const gsl_odeiv2_system *sys)
{
    dopri5_state *s = vstate;
    double **k = s->k, *yt = s->ytmp;
    (void)dydt_in; /* can_use_dydt_in = 0: GSL passes NULL */
    if (known(&s->end, t, y, dim))
        memcpy(k[0], s->end.f, dim * sizeof *y);
    else if (known(&s->start, t, y, dim))
        memcpy(k[0], s->start.f, dim * sizeof *y);
    else
        EVAL(t, y, k[0]);
    remember(&s->start, t, y, k[0], dim);
    s->end.valid = 0;
    const double ts[5] = {t + c2 * h, t + c3 * h, t + c4 * h, t + c5 * h, t + h};
    if (s->hook) s->hook(s->hook_ctx, t, h, ts);

    for (size_t i = 0; i < dim; i++)
        yt[i] = y[i] + h * a21 * k[0][i];
    EVAL(ts[0], yt, k[1]);
    for (size_t i = 0; i < dim; i++)
        yt[i] = y[i] + h * (a31 * k[0][i] + a32 * k[1][i]);
    EVAL(ts[1], yt, k[2]);
    for (size_t i = 0; i < dim; i++)
        yt[i] = y[i] + h * (a41 * k[0][i] + a42 * k[1][i] + a43 * k[2][i]);
    EVAL(ts[2], yt, k[3]);
    for (size_t i = 0; i < dim; i++)
        yt[i] = y[i] + h * (a51 * k[0][i] + a52 * k[1][i] + a53 * k[2][i] + a54 * k[3][i]);
    EVAL(ts[3], yt, k[4]);
    for (size_t i = 0; i < dim; i++)
        yt[i] = y[i] +
                h * (a61 * k[0][i] + a62 * k[1][i] + a63 * k[2][i] + a64 * k[3][i] + a65 * k[4][i]);
    EVAL(ts[4], yt, k[5]);
    for (size_t i = 0; i < dim; i++)
        s->yout[i] =
            y[i] + h * (b1 * k[0][i] + b3 * k[2][i] + b4 * k[3][i] + b5 * k[4][i] + b6 * k[5][i]);
    EVAL(ts[4], s->yout, k[6]);
    for (size_t i = 0; i < dim; i++)
        yerr[i] = h * (e1 * k[0][i] + e3 * k[2][i] + e4 * k[3][i] + e5 * k[4][i] + e6 * k[5][i] +
                       e7 * k[6][i]);
    memcpy(y, s->yout, dim * sizeof *y);
    if (dydt_out) memcpy(dydt_out, k[6], dim * sizeof *y);
    remember(&s->end, ts[4], y, k[6], dim);
    return GSL_SUCCESS;
}

static int dopri5_set_driver(void *vstate, const gsl_odeiv2_driver *d)
{
    (void)vstate, (void)d;
    return GSL_SUCCESS;
}

static int dopri5_reset(void *vstate, size_t dim)
{
    dopri5_state *s = vstate;
    (void)dim;
    s->start.valid = s->end.valid = 0;
    return GSL_SUCCESS;
}

static unsigned int dopri5_order(void *vstate)
{
    (void)vstate;
    return 5;
}

static void dopri5_free(void *vstate)
{
    dopri5_state *s = vstate;
    free(s->k[0]);
    free(s);
}

static const gsl_odeiv2_step_type dopri5_type = {
    "dopri5",     0,          1, dopri5_alloc, dopri5_apply, dopri5_set_driver, dopri5_reset,
    dopri5_order, dopri5_free};

const gsl_odeiv2_step_type *mn_step_dopri5 = &dopri5_type;

const double *mn_dopri5_dydt_start(const gsl_odeiv2_step *s)
{
    const dopri5_state *st = s->state;
    return st->k[0];
}

void mn_dopri5_set_stage_hook(gsl_odeiv2_step *s, mn_dopri5_stage_hook *hook, void *ctx)
{
    dopri5_state *st = s->state;
    st->hook = hook, st->hook_ctx = ctx;
}
