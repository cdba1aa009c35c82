#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <optional>
#include <vector>

namespace ms::core {

// Krippendorff's "reliability data": a matrix of units (clips) by coders
// (annotators), each cell a value or missing (Krippendorff, "Computing
// Krippendorff's Alpha-Reliability", 2011, section C). Values are numbers so
// one matrix serves every metric: nominal compares them for equality, ordinal
// uses their order, interval their differences. Stored flat, row by unit,
// because the bootstrap copies whole matrices a thousand times.
class ReliabilityData
{
public:
    explicit ReliabilityData(QStringList coders = {});

    const QStringList &coders() const { return m_coders; }
    int coderCount() const { return int(m_coders.size()); }
    int unitCount() const { return m_units; }

    // One value per coder, nullopt where the coder gave none. Throws
    // std::invalid_argument when the count is not coderCount().
    void addUnit(const std::vector<std::optional<double>> &values);
    const std::optional<double> &value(int unit, int coder) const
    {
        return m_cells[size_t(unit) * size_t(m_coders.size()) + size_t(coder)];
    }
    // The values present in a unit, in coder order.
    std::vector<double> unitValues(int unit) const;
    int valueCount(int unit) const;

    // The units with at least two values: the only ones that tell anything
    // about agreement (Krippendorff's "pairable" units).
    ReliabilityData pairableUnits() const;
    // Coders a and b alone, on the units both coded (Cohen's kappa's data).
    ReliabilityData coderPair(int a, int b) const;
    // The given units, in the given order, repeats allowed (a bootstrap draw).
    ReliabilityData withUnits(const std::vector<int> &units) const;

private:
    QStringList m_coders;
    int m_units = 0;
    std::vector<std::optional<double>> m_cells;
};

} // namespace ms::core
