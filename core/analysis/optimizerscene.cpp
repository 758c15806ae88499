#include "optimizerscene.h"

#include <cmath>

namespace np {

OptimizerScene defaultOptimizerScene()
{
    OptimizerScene scene;
    scene.surface.kind = SurfaceKind::Quadratic;
    scene.surface.condition = 20.0;
    scene.surface.rotation = 20.0;
    scene.start = surfaceDefaultStart(scene.surface);
    scene.steps = 200;
    OptimizerSpec sgd;
    sgd.kind = OptimizerKind::SGD;
    sgd.learningRate = 0.05;
    OptimizerSpec momentum = sgd;
    momentum.kind = OptimizerKind::Momentum;
    momentum.learningRate = 0.01;
    momentum.momentum = 0.9;
    OptimizerSpec adam;
    adam.kind = OptimizerKind::Adam;
    adam.learningRate = 0.1;
    scene.optimizers = {sgd, momentum, adam};
    return scene;
}

std::string validateOptimizerScene(const OptimizerScene &scene)
{
    if (std::string e = validateSurface(scene.surface); !e.empty())
        return e;
    if (!std::isfinite(scene.start.x) || !std::isfinite(scene.start.y) || std::abs(scene.start.x) > 1e6 ||
        std::abs(scene.start.y) > 1e6)
        return "The start point must be finite and within ±1e6.";
    if (scene.steps < 1 || scene.steps > kMaxSceneSteps)
        return "The number of steps must be from 1 to " + std::to_string(kMaxSceneSteps) + ".";
    if (scene.optimizers.size() > std::size_t(kMaxSceneOptimizers))
        return "A scene races at most " + std::to_string(kMaxSceneOptimizers) + " optimizers.";
    for (const OptimizerSpec &spec : scene.optimizers) {
        if (std::string e = validateOptimizer(spec); !e.empty())
            return std::string(optimizerTitle(spec.kind)) + ": " + e;
    }
    return {};
}

std::vector<Trajectory> runScene(const OptimizerScene &scene)
{
    std::vector<Trajectory> paths;
    paths.reserve(scene.optimizers.size());
    for (const OptimizerSpec &spec : scene.optimizers)
        paths.push_back(runTrajectory(scene.surface, spec, scene.start, scene.steps));
    return paths;
}

}  // namespace np
