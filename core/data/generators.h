#pragma once

#include "dataset.h"

#include <cstdint>
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

/// Generates the dataset; the spec must be valid. Same spec, same points, on every platform.
Dataset generateDataset(const DataSpec &spec);

/// Marks round(fraction * n) points, chosen by a seeded shuffle, as validation points.
void assignValidationSplit(Dataset &dataset, double fraction, std::uint64_t seed);

/// The spiral of TensorFlow Playground: arm k of K, n points per arm,
/// r = 5i/n, t = 1.75 * 2 pi * i/n + 2 pi k/K, point (r sin t, r cos t).
Dataset spiralDataset(int arms, int pointsPerArm, double noise, std::uint64_t seed);

}  // namespace np
