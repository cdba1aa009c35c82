#pragma once

#include <QString>
#include <optional>

namespace ms::core {

// The outcome of a kappa (Cohen's or Fleiss'): kappa = (P_o - P_e) / (1 - P_e).
struct KappaResult
{
    std::optional<double> kappa;  // nullopt when not applicable or undefined
    bool applicable = true;       // false: the data does not fit the statistic
    QString reason;               // why kappa is missing
    double observedAgreement = 0; // P_o (Fleiss: P-bar)
    double expectedAgreement = 0; // P_e (Fleiss: P-bar_e)
    int units = 0;                // the units it was computed on
};

} // namespace ms::core
