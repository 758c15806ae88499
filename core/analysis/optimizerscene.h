#pragma once

#include "trajectory.h"

#include <vector>

namespace np {

/// What the optimizer view shows: a surface, one start point and the optimizers that race from it,
/// each with its own η and parameters. A lesson carries one (core/io/optimizerscenejson.h).
struct OptimizerScene
{
    SurfaceSpec surface;
    Point2 start;
    int steps = 300;  ///< how far each path runs
    std::vector<OptimizerSpec> optimizers;

    bool operator==(const OptimizerScene &) const = default;
};

/// The longest path a scene may ask for: the view keeps every step of every path and computes
/// them again on the GUI thread while the start is dragged (about 0.5 µs a step).
inline constexpr int kMaxSceneSteps = 20'000;
/// Most optimizers one scene races (each gets its own colour).
inline constexpr int kMaxSceneOptimizers = 8;

/// The quadratic ravine with SGD, momentum and Adam from its default start.
OptimizerScene defaultOptimizerScene();
/// Empty, or what is wrong with the scene (its surface, steps, an optimizer's settings).
std::string validateOptimizerScene(const OptimizerScene &scene);
/// Every optimizer's path, in the scene's order.
std::vector<Trajectory> runScene(const OptimizerScene &scene);

}  // namespace np
