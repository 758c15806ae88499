// TensorFlow Playground's partial batch (its playground.ts oneStep): it updates the weights after
// every batchSize-th point of an epoch, counting from each epoch's first point, and its update
// divides the accumulated derivatives by how many points they hold. When the training set is not
// a multiple of the batch size, the last r points of an epoch thus make no update: their
// derivatives stay accumulated and the next epoch's first update averages over batchSize + r
// points, all taken at the same weights.
#include "trainer.h"

#include <algorithm>

namespace np {

bool Trainer::carriesBatch(Index count) const
{
    if (!m_config.training.carryPartialBatch || m_config.training.algorithm != Algorithm::GradientDescent
        || m_config.training.batchSize <= 0)
        return false;
    return count < m_config.training.batchSize && m_xTrain.cols() > m_config.training.batchSize;
}

void Trainer::carryGradient(Index count)
{
    const std::span<const Scalar> g = m_net.gradients();
    for (std::size_t i = 0; i < m_carriedGradients.size(); ++i)
        m_carriedGradients[i] += double(count) * double(g[i]);
    m_carriedCount += count;
}

void Trainer::mergeCarriedGradient(Index count)
{
    if (m_carriedCount == 0)
        return;
    const std::span<Scalar> g = m_net.gradients();
    const double total = double(count + m_carriedCount);
    for (std::size_t i = 0; i < m_carriedGradients.size(); ++i)
        g[i] = Scalar((m_carriedGradients[i] + double(count) * double(g[i])) / total);
    dropCarriedGradient();
}

void Trainer::dropCarriedGradient()
{
    std::fill(m_carriedGradients.begin(), m_carriedGradients.end(), 0.0);
    m_carriedCount = 0;
}

}  // namespace np
