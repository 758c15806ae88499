#include "loss.h"

#include <algorithm>
#include <cmath>

namespace np {

namespace {

bool isProbabilityHead(OutputHead head)
{
    return head == OutputHead::Sigmoid || head == OutputHead::OneVsRest || head == OutputHead::Softmax;
}

template <typename T>
Index argmax(const T *v, Index n)
{
    Index best = 0;
    for (Index j = 1; j < n; ++j) {
        if (v[j] > v[best])
            best = j;
    }
    return best;
}

// Perceptron (margin 0) and hinge (margin 1) losses on scores s; writes dLoss/ds into g.
template <typename T>
T marginLoss(T margin, bool perceptron, const ConstMatrixMap<T> &s, const ConstMatrixMap<T> &y,
             MatrixMap<T> *g)
{
    const Index k = s.rows();
    const Index n = s.cols();
    if (g)
        g->setZero();
    T total = 0;
    for (Index c = 0; c < n; ++c) {
        if (k == 1) {
            const T yc = y(0, c);
            const T m = yc * s(0, c);
            // At m == 0 (all-zero weights) the perceptron still counts a mistake, so it can start.
            const bool active = perceptron ? m <= T(0) : m < margin;
            if (active) {
                total += margin - m;
                if (g)
                    (*g)(0, c) = -yc;
            }
            continue;
        }
        const Index t = argmax(y.data() + c * k, k);
        if (perceptron) {
            const Index best = argmax(s.data() + c * k, k);
            if (best != t) {
                total += s(best, c) - s(t, c);
                if (g) {
                    (*g)(best, c) += T(1);
                    (*g)(t, c) -= T(1);
                }
            }
            continue;
        }
        for (Index j = 0; j < k; ++j) {
            if (j == t)
                continue;
            const T m = margin + s(j, c) - s(t, c);
            if (m > T(0)) {
                total += m;
                if (g) {
                    (*g)(j, c) += T(1);
                    (*g)(t, c) -= T(1);
                }
            }
        }
    }
    return total;
}

}  // namespace

template <typename T>
void encodeTarget(OutputHead head, Task task, int outputs, int label, double target, T *y)
{
    if (task == Task::Regression) {
        y[0] = static_cast<T>(target);
        return;
    }
    const T lo = isProbabilityHead(head) ? T(0) : T(-1);
    const T hi = T(1);
    if (outputs == 1) {
        y[0] = label == 1 ? hi : lo;
        return;
    }
    for (int j = 0; j < outputs; ++j)
        y[j] = j == label ? hi : lo;
}

template <typename T>
T outputLoss(OutputHead head, Loss loss, const ConstMatrixMap<T> &z, const ConstMatrixMap<T> &a,
             const ConstMatrixMap<T> &y, MatrixMap<T> *delta)
{
    const Index n = a.cols();
    if (n == 0)
        return T(0);
    const T invN = T(1) / static_cast<T>(n);

    switch (loss) {
    case Loss::BinaryCrossEntropy:
        if (head == OutputHead::Sigmoid || head == OutputHead::OneVsRest) {
            // -[y log s(z) + (1-y) log(1-s(z))] = softplus(z) - y z, without overflow.
            const auto zz = z.array();
            const T total = (zz.max(T(0)) - y.array() * zz + (-zz.abs()).exp().log1p()).sum();
            if (delta)
                delta->array() = (a.array() - y.array()) * invN;
            return total * invN;
        }
        break;
    case Loss::CategoricalCrossEntropy:
        if (head == OutputHead::Softmax) {
            // -sum_j y_j log a_j = (sum_j y_j) logsumexp(z) - y.z
            // a is the softmax of z, so log sum_j e^{z_j} = z_k - log a_k for any k; the largest
            // a_k (at least 1/K) keeps that well conditioned and costs one log per column.
            T total = 0;
            for (Index c = 0; c < n; ++c) {
                Index k = 0;
                a.col(c).maxCoeff(&k);
                const T lse = z(k, c) - std::log(a(k, c));
                total += lse * y.col(c).sum() - y.col(c).dot(z.col(c));
            }
            if (delta)
                delta->array() = (a.array() - y.array()) * invN;
            return total * invN;
        }
        break;
    default:
        break;
    }

    T total = 0;
    switch (loss) {
    case Loss::Squared:
        total = T(0.5) * (a - y).squaredNorm();
        if (delta)
            delta->noalias() = (a - y) * invN;
        break;
    case Loss::BinaryCrossEntropy: {
        // Only reached for heads validation rejects; clamp so it stays finite.
        const T eps = T(1e-7);
        const auto ac = a.array().max(eps).min(T(1) - eps);
        total = -(y.array() * ac.log() + (T(1) - y.array()) * (T(1) - ac).log()).sum();
        if (delta)
            delta->array() = (ac - y.array()) / (ac * (T(1) - ac)) * invN;
        break;
    }
    case Loss::CategoricalCrossEntropy: {
        const T eps = T(1e-7);
        total = -(y.array() * a.array().max(eps).log()).sum();
        if (delta)
            delta->array() = -y.array() / a.array().max(eps) * invN;
        break;
    }
    case Loss::Perceptron:
    case Loss::Hinge: {
        const bool perceptron = loss == Loss::Perceptron;
        const auto &s = head == OutputHead::Step ? z : a;
        total = marginLoss(perceptron ? T(0) : T(1), perceptron, s, y, delta);
        if (delta)
            *delta *= invN;
        if (head == OutputHead::Step)
            return total * invN;  // scored with z: delta is already dLoss/dz
        break;
    }
    }
    if (delta)
        applyHeadDerivative(head, z, a, *delta);
    return total * invN;
}

template <typename T>
void applyHeadDerivative(OutputHead head, const ConstMatrixMap<T> &z, const ConstMatrixMap<T> &a,
                         MatrixMap<T> delta)
{
    (void)z;
    switch (head) {
    case OutputHead::Sigmoid:
    case OutputHead::OneVsRest:
        delta.array() *= a.array() * (T(1) - a.array());
        break;
    case OutputHead::Tanh:
        delta.array() *= T(1) - a.array().square();
        break;
    case OutputHead::Softmax:
        for (Index c = 0; c < delta.cols(); ++c) {
            const T dot = a.col(c).dot(delta.col(c));
            delta.col(c).array() = a.col(c).array() * (delta.col(c).array() - dot);
        }
        break;
    case OutputHead::Linear:
    case OutputHead::Step:
        break;
    }
}

template <typename T>
int predictedClass(OutputHead head, const T *a, int outputs)
{
    if (outputs == 1) {
        const T threshold = (head == OutputHead::Sigmoid || head == OutputHead::Step) ? T(0.5) : T(0);
        return a[0] >= threshold ? 1 : 0;
    }
    return static_cast<int>(argmax(a, outputs));
}

#define NP_INSTANTIATE_LOSS(T)                                                                     \
    template void encodeTarget<T>(OutputHead, Task, int, int, double, T *);                        \
    template T outputLoss<T>(OutputHead, Loss, const ConstMatrixMap<T> &, const ConstMatrixMap<T> &, \
                             const ConstMatrixMap<T> &, MatrixMap<T> *);                           \
    template void applyHeadDerivative<T>(OutputHead, const ConstMatrixMap<T> &,                    \
                                         const ConstMatrixMap<T> &, MatrixMap<T>);                 \
    template int predictedClass<T>(OutputHead, const T *, int);

NP_INSTANTIATE_LOSS(float)
NP_INSTANTIATE_LOSS(double)

}  // namespace np
