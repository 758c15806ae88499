#include "prediction.h"

#include <algorithm>

namespace np {

Matrix<Scalar> modelInputs(const Model &model, const Matrix<double> &points)
{
    Matrix<double> f(model.features.count(), points.cols());
    for (Index c = 0; c < points.cols(); ++c)
        computeFeatures<double>(model.features, points(0, c), points(1, c), f.col(c).data());
    if (!model.standardizer.isEmpty())
        model.standardizer.apply<double>(f);
    return f.cast<Scalar>();
}

Matrix<Scalar> predict(const Model &model, const Matrix<double> &points)
{
    constexpr Index kChunk = 4096;
    const Matrix<Scalar> x = modelInputs(model, points);
    Network<Scalar> net = model.instantiate();
    Matrix<Scalar> out(model.outputs, x.cols());
    for (Index start = 0; start < x.cols(); start += kChunk) {
        const Index n = std::min(kChunk, x.cols() - start);
        net.forward(ConstMatrixMap<Scalar>(x.data() + start * x.rows(), x.rows(), n), Mode::Eval);
        out.middleCols(start, n) = net.output();
    }
    return out;
}

Matrix<Scalar> classProbabilities(const Model &model, const Matrix<Scalar> &outputs)
{
    if (model.task != Task::Classification)
        return {};
    switch (model.network.head) {
    case OutputHead::Sigmoid: {
        Matrix<Scalar> p(2, outputs.cols());
        p.row(0) = (Scalar(1) - outputs.row(0).array()).matrix();
        p.row(1) = outputs.row(0);
        return p;
    }
    case OutputHead::Softmax:
        return outputs;
    case OutputHead::OneVsRest: {
        Matrix<Scalar> p = outputs;
        for (Index c = 0; c < p.cols(); ++c) {
            const Scalar sum = p.col(c).sum();
            if (sum > Scalar(0))
                p.col(c) /= sum;
        }
        return p;
    }
    case OutputHead::Linear:
    case OutputHead::Tanh:
    case OutputHead::Step:
        break;
    }
    return {};
}

}  // namespace np
