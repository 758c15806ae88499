#include "gradienthealth.h"

#include <algorithm>
#include <cmath>

namespace np {

void GradientHealth::resize(const Network<Scalar> &net)
{
    m_gradientSquares.assign(static_cast<std::size_t>(net.layerCount()), 0.0);
    m_gradientSteps = 0;
    m_unitOffsets.resize(static_cast<std::size_t>(net.layerCount()));
    std::size_t units = 0;
    for (int l = 0; l < net.layerCount(); ++l) {
        m_unitOffsets[static_cast<std::size_t>(l)] = units;
        units += static_cast<std::size_t>(net.layer(l).units);
    }
    m_unitCounts.assign(units, 0);
}

void GradientHealth::startEpoch()
{
    std::fill(m_gradientSquares.begin(), m_gradientSquares.end(), 0.0);
    m_gradientSteps = 0;
}

void GradientHealth::addStep(const Network<Scalar> &net)
{
    for (int l = 0; l < net.layerCount(); ++l)
        m_gradientSquares[static_cast<std::size_t>(l)] += double(net.dW(l).squaredNorm());
    ++m_gradientSteps;
}

void GradientHealth::clearUnitCounts()
{
    std::fill(m_unitCounts.begin(), m_unitCounts.end(), 0);
}

void GradientHealth::countUnits(const Network<Scalar> &net)
{
    for (int l = 0; l + 1 < net.layerCount(); ++l) {
        const LayerShape &shape = net.layer(l);
        int *counts = m_unitCounts.data() + m_unitOffsets[static_cast<std::size_t>(l)];
        const auto a = net.a(l);
        switch (shape.activation) {
        case Activation::ReLU:
            for (Index c = 0; c < a.cols(); ++c)
                for (Index u = 0; u < a.rows(); ++u)
                    counts[u] += a(u, c) > Scalar(0);
            break;
        case Activation::Sigmoid:
            for (Index c = 0; c < a.cols(); ++c)
                for (Index u = 0; u < a.rows(); ++u)
                    counts[u] += a(u, c) < Scalar(0.03) || a(u, c) > Scalar(0.97);
            break;
        case Activation::Tanh:
            for (Index c = 0; c < a.cols(); ++c)
                for (Index u = 0; u < a.rows(); ++u)
                    counts[u] += std::abs(a(u, c)) > Scalar(0.97);
            break;
        default:
            break;
        }
    }
}

void GradientHealth::describe(const Network<Scalar> &net, int points, HistoryRecord &r) const
{
    r.healthLayers = std::min(net.layerCount(), kMaxHealthLayers);
    const double n = double(points);
    for (int l = 0; l < r.healthLayers; ++l) {
        LayerHealth &h = r.health[static_cast<std::size_t>(l)];
        if (m_gradientSteps > 0)
            h.gradientNorm = float(std::sqrt(m_gradientSquares[static_cast<std::size_t>(l)] / double(m_gradientSteps)));
        if (l + 1 == net.layerCount() || n == 0)
            continue;
        const LayerShape &shape = net.layer(l);
        const int *counts = m_unitCounts.data() + m_unitOffsets[static_cast<std::size_t>(l)];
        int flagged = 0;
        if (shape.activation == Activation::ReLU) {
            for (int u = 0; u < shape.units; ++u)
                flagged += counts[u] == 0;
            h.deadShare = float(flagged) / float(shape.units);
        } else if (shape.activation == Activation::Sigmoid || shape.activation == Activation::Tanh) {
            for (int u = 0; u < shape.units; ++u)
                flagged += counts[u] >= 0.95 * n;
            h.saturatedShare = float(flagged) / float(shape.units);
        }
    }
}

void GradientHealth::restoreSums(const std::vector<double> &squares, std::int64_t steps)
{
    if (!squares.empty())
        m_gradientSquares = squares;
    m_gradientSteps = steps;
}

}  // namespace np
