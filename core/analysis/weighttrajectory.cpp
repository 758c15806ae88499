#include "weighttrajectory.h"

#include <algorithm>

namespace np {

WeightTrajectory::WeightTrajectory(std::size_t capacity)
    : m_capacity(std::max<std::size_t>(capacity, 4))
{
}

void WeightTrajectory::clear()
{
    m_steps.clear();
    m_parameters.clear();
    m_spacing = 1;
    m_newestIsProvisional = false;
}

void WeightTrajectory::record(std::int64_t step, std::span<const Scalar> parameters)
{
    if (!m_steps.empty() && (step < m_steps.back() || parameters.size() != m_parameters.back().size())) {
        clear();  // a new run, or a different network: start over
    } else if (!m_steps.empty() && step == m_steps.back()) {
        std::copy(parameters.begin(), parameters.end(), m_parameters.back().begin());  // weights edited
        return;
    }
    // The newest entry always holds the current weights; it becomes permanent once it is at
    // least the spacing past the entry before it. Until then each snapshot overwrites it in
    // place (no allocation per frame). A provisional entry always has one before it.
    if (m_newestIsProvisional) {
        m_steps.back() = step;
        std::copy(parameters.begin(), parameters.end(), m_parameters.back().begin());
        m_newestIsProvisional = step - m_steps[m_steps.size() - 2] < m_spacing;
        return;
    }
    const bool spaced = m_steps.empty() || step - m_steps.back() >= m_spacing;
    m_steps.push_back(step);
    m_parameters.emplace_back(parameters.begin(), parameters.end());
    m_newestIsProvisional = !spaced;
    if (m_steps.size() > m_capacity)
        thin();
}

void WeightTrajectory::thin()
{
    // Keep entries 0, 2, 4, … and the newest; the spacing doubles.
    const std::size_t newest = m_steps.size() - 1;
    std::size_t kept = 0;
    for (std::size_t i = 0; i < newest; i += 2, ++kept) {
        m_steps[kept] = m_steps[i];
        m_parameters[kept] = std::move(m_parameters[i]);
    }
    m_steps[kept] = m_steps[newest];
    m_parameters[kept] = std::move(m_parameters[newest]);
    m_steps.resize(kept + 1);
    m_parameters.resize(kept + 1);
    m_spacing *= 2;
    m_newestIsProvisional = m_steps.size() >= 2 && m_steps.back() - m_steps[m_steps.size() - 2] < m_spacing;
}

}  // namespace np
