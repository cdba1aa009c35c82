#include "core/reliabilitydata.h"

#include <stdexcept>

namespace ms::core {

ReliabilityData::ReliabilityData(QStringList coders) : m_coders(std::move(coders)) {}

void ReliabilityData::addUnit(const std::vector<std::optional<double>> &values)
{
    if (values.size() != size_t(m_coders.size()))
        throw std::invalid_argument("ReliabilityData::addUnit: one value per coder expected");
    m_cells.insert(m_cells.end(), values.begin(), values.end());
    ++m_units;
}

std::vector<double> ReliabilityData::unitValues(int unit) const
{
    std::vector<double> out;
    for (int c = 0; c < coderCount(); ++c)
        if (const auto &v = value(unit, c))
            out.push_back(*v);
    return out;
}

int ReliabilityData::valueCount(int unit) const
{
    int n = 0;
    for (int c = 0; c < coderCount(); ++c)
        n += value(unit, c).has_value() ? 1 : 0;
    return n;
}

ReliabilityData ReliabilityData::pairableUnits() const
{
    std::vector<int> keep;
    for (int u = 0; u < m_units; ++u)
        if (valueCount(u) >= 2)
            keep.push_back(u);
    return withUnits(keep);
}

ReliabilityData ReliabilityData::coderPair(int a, int b) const
{
    ReliabilityData out({m_coders.at(a), m_coders.at(b)});
    for (int u = 0; u < m_units; ++u)
        if (value(u, a) && value(u, b))
            out.addUnit({value(u, a), value(u, b)});
    return out;
}

ReliabilityData ReliabilityData::withUnits(const std::vector<int> &units) const
{
    ReliabilityData out(m_coders);
    const size_t width = size_t(m_coders.size());
    out.m_cells.reserve(units.size() * width);
    for (int u : units) {
        const auto first = m_cells.begin() + std::ptrdiff_t(size_t(u) * width);
        out.m_cells.insert(out.m_cells.end(), first, first + std::ptrdiff_t(width));
    }
    out.m_units = int(units.size());
    return out;
}

} // namespace ms::core
