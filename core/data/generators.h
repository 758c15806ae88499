#pragma once

#include "curves.h"
#include "dataset.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>

namespace np {

enum class Generator {
    Xor,
    Circle,
    Gaussians,
    Linear,
    Spiral,
    Moons,
    Checkerboard,
    Plane,          ///< regression: a tilted plane
    MultiGaussian,  ///< regression: bumps of both signs
    // 1-D regression y = f(x) from a curve (see curves.h): x1 = x, x2 = 0, target f(x).
    CurveSin,
    CurveAbs,
    CurveStep,
    CurveCubic,
    CurveSawtooth,
    // Classification bounded by a curve: class 1 when x2 > kCurveBoundaryScale f(x1).
    AboveSin,
    AboveAbs,
    AboveStep,
    AboveCubic,
    AboveSawtooth,
};

/// How a dataset is generated. Points live in the plane [-6, 6]^2.
struct DataSpec
{
    Generator generator = Generator::Spiral;
    int classes = 2;                  ///< ignored by the regression generators
    int count = 400;                  ///< total points, train + validation
    double noise = 0.0;               ///< sd of Gaussian jitter per coordinate (plane units);
                                      ///< for regression targets (range [-1, 1]) it is noise / 6
    double validationFraction = 0.2;  ///< share of points held out for validation, 0..0.9
    std::uint64_t seed = 1;

    bool operator==(const DataSpec &) const = default;
};

struct GeneratorInfo
{
    Generator generator;
    const char *name;   ///< stable identifier used in JSON and on the command line
    const char *title;  ///< shown to users
    Task task;
    int minClasses;
    int maxClasses;
};

/// Every generator, in the enum's order (the order the UI lists them).
std::span<const GeneratorInfo> generators();
const GeneratorInfo &generatorInfo(Generator generator);
bool parseGenerator(const std::string &name, Generator &generator);

/// Empty when the spec is usable, otherwise a sentence naming the problem.
std::string validateDataSpec(const DataSpec &spec);

/// The curve of a curve-* or above-* generator, if it has one.
std::optional<Curve> generatorCurve(Generator generator);
/// True for the 1-D regression generators (curve-*): only x1 carries information.
bool isOneDimensional(Generator generator);

/// 1-D regression points x uniform in [-5, 5], target f(x) + N(0, (noise/6)^2), x2 = 0; the
/// validation split as generateDataset's. For curves drawn by hand, x spans the drawing.
Dataset curveDataset(const DrawnCurve &curve, int count, double noise, double validationFraction,
                     std::uint64_t seed);

/// Generates the dataset; the spec must be valid. Same spec, same points, on every platform.
Dataset generateDataset(const DataSpec &spec);

/// Marks round(fraction * n) points, chosen by a seeded shuffle, as validation points.
void assignValidationSplit(Dataset &dataset, double fraction, std::uint64_t seed);

/// The spiral of TensorFlow Playground: arm k of K, n points per arm,
/// r = 5i/n, t = 1.75 * 2 pi * i/n + 2 pi k/K, point (r sin t, r cos t).
Dataset spiralDataset(int arms, int pointsPerArm, double noise, std::uint64_t seed);

}  // namespace np
