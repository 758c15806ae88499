#pragma once

#include "../data/dataset.h"
#include "../network/model.h"
#include "gradientcheck.h"

#include <cstddef>
#include <string>
#include <vector>

namespace np {

/// The relative error |g_backprop − g_numeric| / (|g_backprop| + |g_numeric|) below which a
/// layer passes. Central differences with h = 1e-6 in double precision are off by about
/// ε·|L|/h + h²·|L'''| ≈ 1e-10 of an O(1) gradient; a correct layer measures at most 1e-6 for
/// every activation, loss and layer type (tests/test_gradients.cpp), while a wrong term in
/// backpropagation shows as 1e-3 or more. 1e-5 sits a decade above the first and two below the
/// second. A training point exactly on a kink (a ReLU with z = 0) fails any threshold: there
/// the central difference averages the two slopes.
inline constexpr double kGradientCheckThreshold = 1e-5;

/// The absolute error below which a layer passes whatever its relative error: the rounding
/// noise of central differences is ~1e-10, so a vanishing gradient (1e-6, deep sigmoid nets)
/// can show a relative error of 1e-4 while backpropagation is exact.
inline constexpr double kGradientCheckNegligible = 1e-9;

/// Training points a check takes by default.
inline constexpr int kGradientCheckPoints = 32;

/// What gradientReport checks: how many training points, and how many parameters per layer.
struct GradientReportOptions
{
    int maxPoints = kGradientCheckPoints;
    /// The multiply-adds the check may cost, which caps the parameters compared per layer
    /// (between 4 and 100), so a large network's check stays brief; 0 compares every parameter.
    double budget = 5e8;
};

/// A gradient check of one model on a batch of its training data, and how long it took.
struct GradientReport
{
    GradientCheckResult result;
    int points = 0;            ///< training points in the batch
    int maxPerLayer = 0;       ///< parameters compared per layer at most; 0: all of them
    double milliseconds = 0;
    std::string error;         ///< non-empty: the check could not run (the reason)

    /// Backpropagation agrees with central differences on this layer: relative error below
    /// kGradientCheckThreshold, or absolute error below kGradientCheckNegligible.
    static bool passes(const LayerGradientCheck &layer);
    /// The layers that do not pass; 0 when the check could not run.
    int failingLayers() const;
};

/// The training points a check takes: up to maxPoints of them (indices into dataset.points),
/// spread evenly over the data, since its first points may all be one class. Points of classes
/// the model does not have are skipped.
std::vector<std::size_t> gradientCheckPoints(const Model &model, const Dataset &dataset, int maxPoints);

/// Checks the model's backpropagation against central differences, in double precision, on up
/// the training points gradientCheckPoints picks. The one gradient check of the app: the health
/// view and the command line's `gradcheck` both run it.
GradientReport gradientReport(const Model &model, const Dataset &dataset, const Penalty &penalty,
                              const GradientReportOptions &options = {});

}  // namespace np
