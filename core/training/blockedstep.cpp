// A long step in row blocks, so that it can be cut short between them (the worker answers
// Pause within a block's time) and resumed where it stopped, with the same result.

#include "trainer.h"

#include <algorithm>
#include <cmath>

namespace np {

Index Trainer::blockColumns(Index count) const
{
    // Batch normalisation needs the whole batch's statistics at once: such a step is one block.
    const long long parameters = std::max<long long>(static_cast<long long>(m_net.parameters().size()), 1);
    bool batchNorm = false;
    for (int l = 0; l < m_net.layerCount(); ++l)
        batchNorm = batchNorm || m_net.layer(l).batchNorm;
    if (batchNorm || static_cast<long long>(count) * parameters <= kBlockWork)
        return std::max<Index>(count, 1);
    return std::max<Index>(static_cast<Index>(kBlockWork / parameters), 4);
}

void Trainer::addPenaltyGradient()
{
    const Penalty penalty = gradientPenalty();
    if (penalty.isZero())
        return;
    const std::span<Scalar> gradients = m_net.gradients();
    for (int l = 0; l < m_net.layerCount(); ++l) {
        const LayerShape &shape = m_net.layer(l);
        MatrixMap<Scalar> dW(gradients.data() + shape.weight, shape.rows, shape.in);
        const auto w = m_net.W(l).array();
        if (penalty.l1 != 0.0)
            dW.array() += Scalar(penalty.l1) * w.sign();
        if (penalty.l2 != 0.0)
            dW.array() += Scalar(penalty.l2) * w;
    }
}

double Trainer::stepFraction() const
{
    return m_partial.active && m_partial.blocks > 0 ? double(m_partial.blocksDone) / double(m_partial.blocks) : 0.0;
}

double Trainer::epochFraction() const
{
    const Index n = m_xTrain.cols();
    if (n == 0)
        return 0.0;
    const Index batch = m_config.training.batchSize == 0 ? n : std::min<Index>(m_config.training.batchSize, n);
    const Index count = std::min<Index>(batch, n - m_progress.cursor);
    return std::clamp((double(m_progress.cursor) + stepFraction() * double(count)) / double(n), 0.0, 1.0);
}

void Trainer::dropPartialStep()
{
    if (m_partial.active)
        m_rng.setState(m_partial.rngAtStart);
    m_partial.active = false;
    m_partial.blocksDone = 0;
    m_epochEnd.stage = EpochEnd::Start;  // an epoch end cut short evaluates afresh
    m_interrupted = false;
}

Trainer::StepResult Trainer::blockedGradientStep(Index count, Index block)
{
    // The batch's objective is the mean over its columns, so its gradient is the sum over the
    // row blocks of (block columns / batch columns) x the block's mean gradient; the penalty's
    // gradient is added once, at the end.
    const std::size_t parameters = m_net.parameters().size();
    if (!m_partial.active) {
        m_partial.active = true;
        m_partial.blocksDone = 0;
        m_partial.blocks = (count + block - 1) / block;
        m_partial.gradients.assign(parameters, 0.0);
        m_partial.loss = 0.0;
        m_partial.rngAtStart = m_rng.state();
    }
    const Index firstBlock = m_partial.blocksDone;
    for (Index k = firstBlock; k < m_partial.blocks; ++k) {
        // Asked only after a block of this call: every call makes progress.
        if (k > firstBlock && m_interruption && m_interruption(double(k) / double(m_partial.blocks)))
            return StepResult::Interrupted;
        const Index start = k * block;
        const Index columns = std::min(block, count - start);
        const ConstMatrixMap<Scalar> x(m_xBatch.data() + start * m_xBatch.rows(), m_xBatch.rows(), columns);
        const ConstMatrixMap<Scalar> y(m_yBatch.data() + start * m_yBatch.rows(), m_yBatch.rows(), columns);
        m_net.forward(x, Mode::Train, &m_rng);
        const Scalar loss = m_net.loss(y, true);
        if (!std::isfinite(loss)) {
            m_partial.active = false;
            m_lastBatchLoss = loss;
            diverge("step");
            return StepResult::Diverged;
        }
        m_net.backward(x, Penalty{});
        const Scalar share = Scalar(columns) / Scalar(count);
        const std::span<const Scalar> g = m_net.gradients();
        for (std::size_t i = 0; i < parameters; ++i)
            m_partial.gradients[i] += double(share) * double(g[i]);
        m_partial.loss += double(share) * double(loss);
        m_partial.blocksDone = k + 1;
    }
    m_partial.active = false;
    m_partial.blocksDone = 0;

    const std::span<Scalar> gradients = m_net.gradients();
    std::transform(m_partial.gradients.begin(), m_partial.gradients.end(), gradients.begin(),
                   [](double v) { return Scalar(v); });
    m_lastBatchLoss = m_partial.loss;
    if (carriesBatch(count)) {
        carryGradient(count);
        return StepResult::Carried;
    }
    mergeCarriedGradient(count);
    addPenaltyGradient();
    m_health.addStep(m_net);
    const double eta = learningRate();
    rememberWeightsBeforeStep();
    m_optimizer->step(m_net.paddedParameters(), m_net.paddedGradients(), eta);
    applyL1StopsAtZero(eta);
    return StepResult::Done;
}

}  // namespace np
