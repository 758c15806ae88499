#include "features.h"

#include <bit>
#include <cmath>

namespace np {

namespace {

constexpr Feature kAllFeatures[kFeatureCount] = {
    Feature::X1,    Feature::X2,    Feature::X1Squared, Feature::X2Squared, Feature::X1X2,
    Feature::SinX1, Feature::SinX2, Feature::Radius,    Feature::Angle,
};

double featureValue(Feature feature, double x1, double x2)
{
    switch (feature) {
    case Feature::X1:
        return x1;
    case Feature::X2:
        return x2;
    case Feature::X1Squared:
        return x1 * x1;
    case Feature::X2Squared:
        return x2 * x2;
    case Feature::X1X2:
        return x1 * x2;
    case Feature::SinX1:
        return std::sin(x1);
    case Feature::SinX2:
        return std::sin(x2);
    case Feature::Radius:
        return std::sqrt(x1 * x1 + x2 * x2);
    case Feature::Angle:
        return std::atan2(x2, x1);
    }
    return 0.0;
}

}  // namespace

const char *featureName(Feature feature)
{
    // UTF-8, as the labels appear in the UI and the legends of exported plots.
    switch (feature) {
    case Feature::X1:
        return "x1";
    case Feature::X2:
        return "x2";
    case Feature::X1Squared:
        return "x1²";
    case Feature::X2Squared:
        return "x2²";
    case Feature::X1X2:
        return "x1·x2";
    case Feature::SinX1:
        return "sin x1";
    case Feature::SinX2:
        return "sin x2";
    case Feature::Radius:
        return "r";
    case Feature::Angle:
        return "θ";
    }
    return "";
}

const char *featureKey(Feature feature)
{
    switch (feature) {
    case Feature::X1:
        return "x1";
    case Feature::X2:
        return "x2";
    case Feature::X1Squared:
        return "x1sq";
    case Feature::X2Squared:
        return "x2sq";
    case Feature::X1X2:
        return "x1x2";
    case Feature::SinX1:
        return "sinx1";
    case Feature::SinX2:
        return "sinx2";
    case Feature::Radius:
        return "r";
    case Feature::Angle:
        return "theta";
    }
    return "";
}

bool parseFeatureKey(const std::string &key, Feature &feature)
{
    for (Feature candidate : kAllFeatures) {
        if (key == featureKey(candidate)) {
            feature = candidate;
            return true;
        }
    }
    return false;
}

FeatureSet::FeatureSet(std::initializer_list<Feature> features)
{
    for (Feature feature : features)
        set(feature, true);
}

void FeatureSet::set(Feature feature, bool on)
{
    if (on)
        m_bits |= bit(feature);
    else
        m_bits &= ~bit(feature);
}

int FeatureSet::count() const
{
    return std::popcount(m_bits);
}

std::vector<Feature> FeatureSet::list() const
{
    std::vector<Feature> enabled;
    for (Feature feature : kAllFeatures) {
        if (has(feature))
            enabled.push_back(feature);
    }
    return enabled;
}

template <typename T>
void computeFeatures(const FeatureSet &set, double x1, double x2, T *out)
{
    int j = 0;
    for (Feature feature : kAllFeatures) {
        if (set.has(feature))
            out[j++] = static_cast<T>(featureValue(feature, x1, x2));
    }
}

template <typename T>
Matrix<T> featureMatrix(const FeatureSet &set, const std::vector<DataPoint> &points)
{
    Matrix<T> features(set.count(), static_cast<Index>(points.size()));  // features x points
    for (Index i = 0; i < features.cols(); ++i) {
        const DataPoint &p = points[static_cast<std::size_t>(i)];
        computeFeatures(set, p.x1, p.x2, features.col(i).data());
    }
    return features;
}

template void computeFeatures<float>(const FeatureSet &, double, double, float *);
template void computeFeatures<double>(const FeatureSet &, double, double, double *);
template Matrix<float> featureMatrix<float>(const FeatureSet &, const std::vector<DataPoint> &);
template Matrix<double> featureMatrix<double>(const FeatureSet &, const std::vector<DataPoint> &);

}  // namespace np
