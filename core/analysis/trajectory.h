#pragma once

#include "surfaces.h"

#include "../training/optimizer.h"

#include <vector>

namespace np {

/// One optimizer's path over a surface: where it was before each step, f there, and each step's
/// update vector Δp = p_{t+1} − p_t.
struct Trajectory
{
    std::vector<Point2> positions;  ///< p_0 (the start) .. p_T: steps() + 1 entries
    std::vector<double> values;     ///< f(p_t), one per position
    std::vector<Point2> updates;    ///< Δp_t = p_{t+1} − p_t, steps() entries
    bool diverged = false;          ///< stopped early: f or p stopped being finite, or |p| passed 1e6

    int steps() const { return static_cast<int>(updates.size()); }
};

/// Runs the trainer's own optimizer (makeOptimizer, in the engine's Scalar precision) for up to
/// `steps` steps from `start` with the constant learning rate optimizer.learningRate, on the
/// surface's gradient (plus its seeded noise). AdamW decays both coordinates, as it decays weights.
Trajectory runTrajectory(const SurfaceSpec &surface, const OptimizerSpec &optimizer, Point2 start, int steps);

/// The first step at which f(p_t) ≤ target, or -1 if the path never gets there.
int stepsToReach(const Trajectory &path, double target);

}  // namespace np
