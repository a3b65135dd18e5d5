/* treated_layer.h — the needled zone as its own compartment: the papillary and upper reticular
 * dermis down to the needle depth and the epidermis above it. New matrix laid down there by the
 * activated fibroblasts (immature, type III rich), its maturation over weeks and slow turnover over
 * a year, and the epidermal thickness it supports. Values are relative to the same patient's
 * day 0 (= 1). */
#ifndef MN_TREATED_LAYER_H
#define MN_TREATED_LAYER_H

#define treated_layer_STATES(S)                                                                    \
    S(layer_immature, "1",                                                                         \
      "immature new matrix in the treated layer (fraction of the layer's day-0 collagen)")         \
    S(layer_mature, "1",                                                                           \
      "matured new collagen in the treated layer (fraction of the layer's day-0 collagen)")        \
    S(epidermal_excess, "1", "epidermal thickening over day 0 (fraction of day-0 thickness)")
#define treated_layer_OBSERVABLES(O)                                                               \
    O(treated_collagen, "1",                                                                       \
      "collagen density of the treated layer relative to the same patient's day 0 (= 1)")          \
    O(treated_collagen_matured, "1",                                                               \
      "1 + matured new collagen of the treated layer (relative to its day-0 collagen)")            \
    O(epidermal_thickness, "1", "epidermal thickness relative to the same patient's day 0 (= 1)")
#define treated_layer_PARAMS(P)                                                                    \
    P(treated_layer, synthesis_per_day, "1/day", MN_REAL, 0.19, 0, 20, NULL,                       \
      "new matrix laid down in the treated layer per day per unit fibroblast activation "          \
      "(fraction of the layer's collagen)",                                                        \
      "calibrated: papillary collagen +53 % after 5 monthly sessions (Lotfi et al. 2013); ~"       \
      "tens of times the layer's own turnover, as activated fibroblasts concentrate in the "       \
      "needled zone")                                                                              \
    P(treated_layer, turnover_days, "day", MN_REAL, 365, 10, 36500, NULL,                          \
      "time constant of turnover of the layer's matured new collagen",                             \
      "modelling assumption: new matrix remodels over months to two years (wound-healing texts); " \
      "considerable new collagen still at 6 months (Aust et al. 2008)")                            \
    P(treated_layer, epidermal_support, "1", MN_REAL, 1.0, 0, 10, NULL,                            \
      "epidermal thickening per unit new collagen in the layer below it",                          \
      "calibrated: epidermis +50 % with papillary collagen +53 % (Lotfi et al. 2013); stratum "    \
      "spinosum +40 % at 1 year (Aust et al. 2008)")                                               \
    P(treated_layer, epidermal_days, "day", MN_REAL, 28, 1, 365, NULL,                             \
      "time constant with which epidermal thickness follows its dermal support",                   \
      "epidermal transit time ~4 weeks (standard dermatology texts)")

#endif
