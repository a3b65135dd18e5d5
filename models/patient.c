/* patient.c — the patient profile sub-model: parameters only (age, skin type, sensitivity, sun,
 * scar, conditions); other sub-models read them. */
#include "model.h"

const mn_submodel patient_submodel = {
    .name = "patient",
    .description = "Patient profile: age, Fitzpatrick type, sensitivity, sun exposure, scar and "
                   "the conditions screened before planning.",
    .reference = "Seed document (contraindications); Fitzpatrick 1988",
};
