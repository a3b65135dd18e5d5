/* submodels.h — THE table of sub-models. Adding a sub-model = its header and .c file + one include
 * and one M(name) entry below. Everything else (enums, name tables, registry, CLI listing, HDF5
 * attributes, shared tests) is generated from this list. */
#ifndef MN_SUBMODELS_H
#define MN_SUBMODELS_H

#include "engine_params.h"
#include "procedure.h"
#include "patient.h"
#include "epidermis.h"
#include "inflammation.h"
#include "growth_factor.h"
#include "vasculature.h"
#include "fibroblast.h"
#include "collagen.h"
#include "treated_layer.h"
#include "quality.h"
#include "scar.h"
#include "pigment.h"
#include "topical.h"

#define MN_SUBMODELS(M)                                                                            \
    M(procedure)                                                                                   \
    M(patient)                                                                                     \
    M(epidermis)                                                                                   \
    M(inflammation)                                                                                \
    M(growth_factor)                                                                               \
    M(vasculature)                                                                                 \
    M(fibroblast)                                                                                  \
    M(collagen)                                                                                    \
    M(treated_layer)                                                                               \
    M(quality)                                                                                     \
    M(scar)                                                                                        \
    M(pigment)                                                                                     \
    M(topical)

#endif
