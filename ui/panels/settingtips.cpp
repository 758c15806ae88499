#include "settingtips.h"

#include <QObject>

namespace np {

QString featureTip(Feature feature)
{
    switch (feature) {
    case Feature::X1:
        return QObject::tr("The point's first coordinate x1 as an input.");
    case Feature::X2:
        return QObject::tr("The point's second coordinate x2 as an input.");
    case Feature::X1Squared:
        return QObject::tr("x1² as an input, so even one layer can curve its boundary along x1 (a circle with x2²).");
    case Feature::X2Squared:
        return QObject::tr("x2² as an input, so even one layer can curve its boundary along x2 (a circle with x1²).");
    case Feature::X1X2:
        return QObject::tr("The product x1·x2 as an input: its sign tells the quadrants apart, which makes XOR linear.");
    case Feature::SinX1:
        return QObject::tr("sin x1 as an input, a wave along x1 that repeats every 2π ≈ 6.3 plane units.");
    case Feature::SinX2:
        return QObject::tr("sin x2 as an input, a wave along x2 that repeats every 2π ≈ 6.3 plane units.");
    case Feature::Radius:
        return QObject::tr("r = √(x1² + x2²), the distance from the origin: in r a circle is a straight line.");
    case Feature::Angle:
        return QObject::tr("θ = atan2(x2, x1), the angle around the origin in (−π, π]: with r, spirals unroll.");
    }
    return {};
}

QString headTip(OutputHead head)
{
    switch (head) {
    case OutputHead::Sigmoid:
        return QObject::tr("One unit a = σ(z) = 1/(1 + e^−z), the probability of the second class.");
    case OutputHead::Softmax:
        return QObject::tr("K units a_k = e^z_k / Σ_j e^z_j, probabilities of the K classes that sum to 1.");
    case OutputHead::OneVsRest:
        return QObject::tr("K independent sigmoids a_k = σ(z_k), each telling its class from all the others.");
    case OutputHead::Linear:
        return QObject::tr("a = z: the regression value, or class scores trained towards ±1.");
    case OutputHead::Tanh:
        return QObject::tr("a = tanh z in (−1, 1), trained towards ±1 targets as in TensorFlow Playground.");
    case OutputHead::Step:
        return QObject::tr("The perceptron's threshold unit a = [z > 0], trained with the perceptron loss.");
    }
    return {};
}

QString lossTip(Loss loss)
{
    switch (loss) {
    case Loss::Squared:
        return QObject::tr("L = ½‖a − y‖², half the squared distance between output and target.");
    case Loss::BinaryCrossEntropy:
        return QObject::tr("L = −Σ [y log a + (1 − y) log(1 − a)], the negative log-likelihood of sigmoid outputs.");
    case Loss::CategoricalCrossEntropy:
        return QObject::tr("L = −Σ y_k log a_k, the negative log-likelihood of the softmax probabilities.");
    case Loss::Perceptron:
        return QObject::tr("L = max(0, −y·s): zero as soon as a point is on its side, however close to the boundary.");
    case Loss::Hinge:
        return QObject::tr("L = max(0, 1 − y·s): like the perceptron loss but asks for a margin of 1, as an SVM does.");
    }
    return {};
}

QString initTip(InitScheme scheme)
{
    switch (scheme) {
    case InitScheme::Glorot:
        return QObject::tr("Weights from U(±√(6/(n+m))), n = fan-in, m = fan-out (Glorot & Bengio), for tanh and sigmoid.");
    case InitScheme::He:
        return QObject::tr("Weights from N(0, 2/n), n = fan-in, so ReLU activations keep their size from layer to layer.");
    case InitScheme::LeCun:
        return QObject::tr("Weights from N(0, 1/n), n = fan-in.");
    case InitScheme::SmallUniform:
        return QObject::tr("Weights from U(±scale); TensorFlow Playground uses scale 0.5.");
    case InitScheme::Zero:
        return QObject::tr("Every weight 0: the units of a layer stay identical forever (the symmetry problem).");
    case InitScheme::Sparse:
        return QObject::tr("Each unit gets k nonzero N(0, scale²) incoming weights and 0 for the rest (Martens 2010).");
    }
    return {};
}

QString activationTip(Activation activation)
{
    return QObject::tr("%1: the nonlinearity every unit of this layer applies to its z = w·a + b.")
        .arg(QString::fromUtf8(activationInfo(activation).formula));
}

QString alphaTip(Activation activation)
{
    if (activation == Activation::ELU)
        return QObject::tr("Scale α of the negative part: g(z) = z if z > 0 else α·(e^z − 1).");
    return QObject::tr("Slope α for negative z, which keeps the unit learning: g(z) = z if z > 0 else α·z.");
}

QString optimizerTip(OptimizerKind kind)
{
    switch (kind) {
    case OptimizerKind::SGD:
        return QObject::tr("Plain gradient descent, θ ← θ − η∇L.");
    case OptimizerKind::Momentum:
        return QObject::tr("Momentum: v ← μv − η∇L; θ ← θ + v, so steps build up along steady directions.");
    case OptimizerKind::Nesterov:
        return QObject::tr("Nesterov momentum: like momentum, but the gradient is taken at the look-ahead point θ + μv.");
    case OptimizerKind::Adagrad:
        return QObject::tr("Adagrad: G ← G + g²; θ ← θ − η·g/(√G + ε), so often-updated weights slow down.");
    case OptimizerKind::RMSProp:
        return QObject::tr("RMSProp: E[g²] ← ρ·E[g²] + (1 − ρ)·g²; θ ← θ − η·g/(√E[g²] + ε).");
    case OptimizerKind::Adam:
        return QObject::tr("Adam: running means m of g and v of g², bias-corrected; θ ← θ − η·m̂/(√v̂ + ε).");
    case OptimizerKind::AdamW:
        return QObject::tr("AdamW: Adam plus a weight decay θ ← θ − ηλθ kept apart from the gradient.");
    }
    return {};
}

QString scheduleTip(ScheduleKind kind)
{
    switch (kind) {
    case ScheduleKind::Constant:
        return QObject::tr("η stays at its starting value η₀.");
    case ScheduleKind::Linear:
        return QObject::tr("η_k = (1 − k/τ)·η₀ + (k/τ)·η_τ until step τ, then η_τ, as in the notes.");
    case ScheduleKind::Step:
        return QObject::tr("η_k = η₀·γ^⌊k/s⌋: η drops by the factor γ every s steps.");
    case ScheduleKind::Exponential:
        return QObject::tr("η_k = η₀·γ^(k/s): η shrinks smoothly by the factor γ every s steps.");
    case ScheduleKind::Cosine:
        return QObject::tr("η_k = η_τ + (η₀ − η_τ)·(1 + cos(πk/τ))/2 until step τ, then η_τ.");
    }
    return {};
}

}  // namespace np
