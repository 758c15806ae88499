#include "features.h"

#include "../common/enumtable.h"

#include <bit>
#include <cmath>

namespace np {

namespace {

// Keys are stable JSON keys; titles are UTF-8, as the labels appear in the UI and the legends of
// exported plots.
constexpr auto kFeatures = enumNames<Feature>({
    {Feature::X1, "x1", "x1"},
    {Feature::X2, "x2", "x2"},
    {Feature::X1Squared, "x1sq", "x1²"},
    {Feature::X2Squared, "x2sq", "x2²"},
    {Feature::X1X2, "x1x2", "x1·x2"},
    {Feature::SinX1, "sinx1", "sin x1"},
    {Feature::SinX2, "sinx2", "sin x2"},
    {Feature::Radius, "r", "r"},
    {Feature::Angle, "theta", "θ"},
});
static_assert(kFeatures.size() == kFeatureCount);

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
    const EnumName<Feature> *row = kFeatures.find(feature);
    return row ? row->title : "";
}

const char *featureKey(Feature feature)
{
    const EnumName<Feature> *row = kFeatures.find(feature);
    return row ? row->key : "";
}

bool parseFeatureKey(const std::string &key, Feature &feature) { return kFeatures.parse(key, feature); }

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
    for (const EnumName<Feature> &row : kFeatures.rows()) {
        if (has(row.value))
            enabled.push_back(row.value);
    }
    return enabled;
}

template <typename T>
void computeFeatures(const FeatureSet &set, double x1, double x2, T *out)
{
    int j = 0;
    for (const EnumName<Feature> &row : kFeatures.rows()) {
        if (set.has(row.value))
            out[j++] = static_cast<T>(featureValue(row.value, x1, x2));
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

bool dependsOnlyOnX1(const FeatureSet &set)
{
    for (Feature f : set.list())
        if (f != Feature::X1 && f != Feature::X1Squared && f != Feature::SinX1)
            return false;
    return set.count() > 0;
}

}  // namespace np
