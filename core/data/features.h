#pragma once

#include "../common/scalar.h"
#include "dataset.h"

#include <cstdint>
#include <string>
#include <vector>

namespace np {

/// Input features computed from the raw point (x1, x2), as in the lecture notes.
enum class Feature : std::uint8_t {
    X1,
    X2,
    X1Squared,
    X2Squared,
    X1X2,
    SinX1,
    SinX2,
    Radius,  ///< r = sqrt(x1^2 + x2^2)
    Angle,   ///< theta = atan2(x2, x1)
};
inline constexpr int kFeatureCount = 9;

const char *featureName(Feature feature);   ///< UTF-8 for users: "x1", "x1²", "x1·x2", "sin x1", "r", "θ", ...
const char *featureKey(Feature feature);    ///< stable JSON key: "x1", "x1sq", "x1x2", "sinx1", "r", "theta"
bool parseFeatureKey(const std::string &key, Feature &feature);

/// A set of enabled features; the network's input width is count().
class FeatureSet
{
public:
    FeatureSet() = default;
    FeatureSet(std::initializer_list<Feature> features);

    static FeatureSet plain() { return {Feature::X1, Feature::X2}; }

    bool has(Feature feature) const { return m_bits & bit(feature); }
    void set(Feature feature, bool on);
    int count() const;
    std::vector<Feature> list() const;  ///< enabled features in enum order
    std::uint32_t bits() const { return m_bits; }

    bool operator==(const FeatureSet &) const = default;

private:
    static std::uint32_t bit(Feature f) { return 1u << static_cast<unsigned>(f); }
    std::uint32_t m_bits = 0;
};

/// True when no enabled feature reads x2: the network is a function of x1 alone (1-D mode).
bool dependsOnlyOnX1(const FeatureSet &set);

/// Writes the enabled features of (x1, x2) to out[0 .. count()).
template <typename T>
void computeFeatures(const FeatureSet &set, double x1, double x2, T *out);

/// Features of many points: features x points (one point per column).
template <typename T>
Matrix<T> featureMatrix(const FeatureSet &set, const std::vector<DataPoint> &points);

}  // namespace np
