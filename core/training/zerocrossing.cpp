// TensorFlow Playground's L1 rule (its nn.ts updateWeights): the gradient step first, then the
// L1 step lr * lambda1 * sign(w) with the sign of the weight before the update; a weight that
// this L1 step would carry across zero becomes 0 and is frozen there (its link is "dead").
#include "trainer.h"

namespace np {

bool Trainer::l1StopsAtZero() const
{
    return m_config.training.l1StopsAtZero && m_config.training.penalty.l1 != 0.0;
}

Penalty Trainer::gradientPenalty() const
{
    Penalty penalty = m_config.training.penalty;
    if (l1StopsAtZero())
        penalty.l1 = 0.0;
    return penalty;
}

void Trainer::rememberWeightsBeforeStep()
{
    if (!l1StopsAtZero())
        return;
    const std::span<const Scalar> theta = m_net.parameters();
    std::copy(theta.begin(), theta.end(), m_weightsBeforeStep.begin());
}

void Trainer::applyL1StopsAtZero(double eta)
{
    if (!l1StopsAtZero())
        return;
    const Scalar step = Scalar(eta * m_config.training.penalty.l1);
    const std::span<Scalar> theta = m_net.parameters();
    for (int l = 0; l < m_net.layerCount(); ++l) {
        const LayerShape &shape = m_net.layer(l);
        const Index begin = shape.weight;
        const Index end = begin + Index(shape.rows) * shape.in;
        for (Index k = begin; k < end; ++k) {
            const auto i = static_cast<std::size_t>(k);
            if (m_deadWeights[i]) {
                theta[i] = Scalar(0);
                continue;
            }
            const Scalar before = m_weightsBeforeStep[i];
            const Scalar sign = before < 0 ? Scalar(-1) : (before > 0 ? Scalar(1) : Scalar(0));
            const Scalar w = theta[i];          // after the gradient (and any L2) step
            const Scalar shrunk = w - step * sign;
            if (w * shrunk < 0) {
                theta[i] = Scalar(0);
                m_deadWeights[i] = 1;
            } else {
                theta[i] = shrunk;
            }
        }
    }
}

}  // namespace np
