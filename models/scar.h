/* scar.h — an existing scar (Goodman-Baron-like visual grade) remodelled by the local wound-matrix
 * response where the needles reach it, with a floor for large/deep scars; and scar formation
 * when inflammation is intense and prolonged (deep peels), which microneedling does not reach. */
#ifndef MN_SCAR_H
#define MN_SCAR_H

#define scar_STATES(S) S(scar_severity, "1", "scar severity grade (0 = none, 4 = severe)")
#define scar_OBSERVABLES(O)
#define scar_PARAMS(P)                                                                             \
    P(scar, remodel_per_day, "1/day", MN_REAL, 2.0, 0, 100, NULL,                                  \
      "remodelling rate per unit fibroblast activation for a narrow scar fully reached",           \
      "calibrated: small scars may disappear after one session (seed; claims C8)")                 \
    P(scar, width_scale_mm, "mm", MN_REAL, 1.5, 0.01, 100, NULL,                                   \
      "scars wider than this remodel proportionally slower (more matrix to replace)",              \
      "calibrated: large scars need repeated visits (seed; Majid 2009)")                           \
    P(scar, floor_depth_mm, "mm", MN_REAL, 1.0, 0.01, 10, NULL,                                    \
      "depth at which half of the maximal irreducible fraction remains",                           \
      "modelling assumption: deep tethered scars keep a residue (seed: may not disappear)")        \
    P(scar, floor_max, "1", MN_REAL, 0.4, 0, 1, NULL,                                              \
      "largest irreducible fraction of a scar's initial grade",                                    \
      "calibrated: large scars fade dramatically but not fully (claims C8)")                       \
    P(scar, formation_threshold, "1", MN_REAL, 4.0, 0, 100, NULL,                                  \
      "inflammation above which new scar tissue forms",                                            \
      "modelling assumption: scarring needs intense, prolonged dermal inflammation")               \
    P(scar, formation_per_day, "1/day", MN_REAL, 0.02, 0, 10, NULL,                                \
      "scar formation per (inflammation above threshold)^2 per day", "modelling assumption")

#endif
