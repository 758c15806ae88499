#include "trajectory.h"

#include "../common/padding.h"

#include <array>
#include <cmath>

namespace np {

namespace {

constexpr double kEscape = 1e6;  // |x| or |y| beyond this counts as diverged

bool usable(Point2 p, double f)
{
    return std::isfinite(f) && std::isfinite(p.x) && std::isfinite(p.y) && std::abs(p.x) <= kEscape &&
           std::abs(p.y) <= kEscape;
}

}  // namespace

Trajectory runTrajectory(const SurfaceSpec &surface, const OptimizerSpec &optimizer, Point2 start, int steps)
{
    // Two parameters in one Weight block, padded as the trainer pads its parameter vector.
    const std::vector<ParameterBlock> blocks{{0, ParameterKind::Weight, 0, 2, 1}};
    const auto opt = makeOptimizer(optimizer, 2, blocks);
    // Aligned like Eigen's own vectors, so no element is peeled off onto the scalar path: Eigen's
    // vectorised sqrt rounds differently from the scalar one (see kPadding).
    alignas(64) std::array<Scalar, kPadding> theta{};
    alignas(64) std::array<Scalar, kPadding> g{};
    theta[0] = Scalar(start.x);
    theta[1] = Scalar(start.y);

    NoisyGradient gradient(surface);
    Trajectory path;
    path.positions.reserve(static_cast<std::size_t>(steps) + 1);
    path.values.reserve(static_cast<std::size_t>(steps) + 1);
    path.updates.reserve(static_cast<std::size_t>(steps));
    Point2 p{double(theta[0]), double(theta[1])};
    double f = surfaceValue(surface, p);
    path.positions.push_back(p);
    path.values.push_back(f);
    if (!usable(p, f)) {
        path.diverged = true;
        return path;
    }
    for (int t = 0; t < steps; ++t) {
        const Point2 grad = gradient(p);
        g[0] = Scalar(grad.x);
        g[1] = Scalar(grad.y);
        opt->step(theta, g, optimizer.learningRate);
        const Point2 next{double(theta[0]), double(theta[1])};
        f = surfaceValue(surface, next);
        path.updates.push_back({next.x - p.x, next.y - p.y});
        path.positions.push_back(next);
        path.values.push_back(f);
        p = next;
        if (!usable(p, f)) {
            path.diverged = true;
            break;
        }
    }
    return path;
}

int stepsToReach(const Trajectory &path, double target)
{
    for (std::size_t t = 0; t < path.values.size(); ++t) {
        if (path.values[t] <= target)
            return static_cast<int>(t);
    }
    return -1;
}

}  // namespace np
