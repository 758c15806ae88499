#include "standardizer.h"

#include <cmath>

namespace np {

namespace {

// Below this the feature is constant up to rounding; dividing would only amplify noise.
constexpr double kMinScale = 1e-12;

}  // namespace

Standardizer Standardizer::identity(Index n)
{
    Standardizer s;
    s.mean = Vector<double>::Zero(n);
    s.scale = Vector<double>::Ones(n);
    return s;
}

template <typename T>
Standardizer Standardizer::fit(const Matrix<T> &features)
{
    const Index rows = features.rows();
    const Index n = features.cols();
    Standardizer s = identity(rows);
    if (n == 0)
        return s;
    // Two passes in double, column by column (the storage order), so a float engine still
    // gets accurate statistics without a double copy of the whole matrix.
    Vector<double> sum = Vector<double>::Zero(rows);
    for (Index i = 0; i < n; ++i)
        sum += features.col(i).template cast<double>();
    s.mean = sum / static_cast<double>(n);
    Vector<double> squares = Vector<double>::Zero(rows);
    for (Index i = 0; i < n; ++i)
        squares += (features.col(i).template cast<double>() - s.mean).array().square().matrix();
    for (Index f = 0; f < rows; ++f) {
        const double sd = std::sqrt(squares(f) / static_cast<double>(n));
        s.scale(f) = sd >= kMinScale ? sd : 1.0;
    }
    return s;
}

template <typename T>
void Standardizer::apply(Eigen::Ref<Matrix<T>> features) const
{
    const auto mu = mean.template cast<T>().eval();
    const auto sigma = scale.template cast<T>().eval();
    for (Index i = 0; i < features.cols(); ++i)
        features.col(i) = ((features.col(i) - mu).array() / sigma.array()).matrix();
}

template Standardizer Standardizer::fit<float>(const Matrix<float> &);
template Standardizer Standardizer::fit<double>(const Matrix<double> &);
template void Standardizer::apply<float>(Eigen::Ref<Matrix<float>>) const;
template void Standardizer::apply<double>(Eigen::Ref<Matrix<double>>) const;

}  // namespace np
