#include "trajectorycommand.h"

#include "support.h"

#include "analysis/trajectory.h"
#include "common/atomicwrite.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace np::cli {

const std::vector<Flag> kTrajectoryFlags = {
    {"surface", 0, "KEY", "quadratic, rosenbrock, beale, himmelblau or saddle (default: quadratic)"},
    {"condition", 0, "K", "the quadratic's condition number κ (default 10)"},
    {"rotation", 0, "DEG", "the quadratic's rotation θ in degrees (default 0)"},
    {"optimizer", 0, "KEY", "sgd, momentum, nesterov, adagrad, rmsprop, adam or adamw (default: sgd)"},
    {"learning-rate", 0, "ETA", "the learning rate η (default 0.01)"},
    {"momentum", 0, "MU", "μ for momentum and Nesterov (default 0.9)"},
    {"beta1", 0, "B", "Adam's β1 (default 0.9)"},
    {"beta2", 0, "B", "Adam's β2 (default 0.999)"},
    {"rho", 0, "R", "RMSProp's ρ (default 0.9)"},
    {"epsilon", 0, "E", "ε in the denominators (default 1e-8)"},
    {"weight-decay", 0, "L", "AdamW's decoupled decay λ (default 0.01)"},
    {"steps", 'n', "N", "number of steps (default 1000)"},
    {"start", 0, "X,Y", "the start point (default: the surface's own)"},
    {"noise", 0, "S", "add Gaussian noise of standard deviation S to each gradient component"},
    {"seed", 's', "N", "seed of the gradient noise (default 1)"},
    {"output", 'o', "FILE", "CSV file to write (default: standard output)"},
    {"help", 'h', "", "show this help"},
};

namespace {

bool parseNumber(const std::string &text, double &out)
{
    char *end = nullptr;
    out = std::strtod(text.c_str(), &end);
    return !text.empty() && end == text.c_str() + text.size() && std::isfinite(out);
}

// Reads --name as a number into out when given; returns an error naming the flag, or empty.
std::string number(const Options &options, const std::string &name, double &out)
{
    const auto text = options.value(name);
    if (text && !parseNumber(*text, out))
        return "--" + name + " needs a number, not '" + *text + "'";
    return {};
}

// The shortest text that reads back as the same double.
void append(std::string &csv, double v)
{
    char text[32];
    const auto result = std::to_chars(text, text + sizeof text, v);
    csv.append(text, result.ptr);
}

}  // namespace

int runTrajectory(const Options &options)
{
    SurfaceSpec surface;
    if (const auto key = options.value("surface"); key && !parseSurface(*key, surface.kind))
        return fail("trajectory: no surface '" + *key + "'; there are: quadratic rosenbrock beale himmelblau saddle",
                    kUsageError);
    OptimizerSpec optimizer;
    optimizer.kind = OptimizerKind::SGD;
    if (const auto key = options.value("optimizer"); key && !parseOptimizer(*key, optimizer.kind))
        return fail("trajectory: no optimizer '" + *key +
                        "'; there are: sgd momentum nesterov adagrad rmsprop adam adamw",
                    kUsageError);
    for (const auto &[name, field] : {std::pair<const char *, double *>{"condition", &surface.condition},
                                      {"rotation", &surface.rotation},
                                      {"noise", &surface.noise},
                                      {"learning-rate", &optimizer.learningRate},
                                      {"momentum", &optimizer.momentum},
                                      {"beta1", &optimizer.beta1},
                                      {"beta2", &optimizer.beta2},
                                      {"rho", &optimizer.rho},
                                      {"epsilon", &optimizer.epsilon},
                                      {"weight-decay", &optimizer.weightDecay}}) {
        if (std::string e = number(options, name, *field); !e.empty())
            return fail("trajectory: " + e, kUsageError);
    }
    long long steps = 1000, seed = 1;
    if (std::string e = options.integer("steps", 0, 10'000'000, steps); !e.empty())
        return fail("trajectory: " + e, kUsageError);
    if (std::string e = options.integer("seed", 0, 0x7fffffffffffffffLL, seed); !e.empty())
        return fail("trajectory: " + e, kUsageError);
    surface.seed = static_cast<std::uint64_t>(seed);
    if (std::string e = validateSurface(surface); !e.empty())
        return fail("trajectory: " + e, kUsageError);
    if (std::string e = validateOptimizer(optimizer); !e.empty())
        return fail("trajectory: " + e, kUsageError);
    Point2 start = surfaceDefaultStart(surface);
    if (const auto text = options.value("start")) {
        const auto comma = text->find(',');
        if (comma == std::string::npos || !parseNumber(text->substr(0, comma), start.x) ||
            !parseNumber(text->substr(comma + 1), start.y))
            return fail("trajectory: --start needs X,Y (two numbers), not '" + *text + "'", kUsageError);
    }
    const auto output = options.value("output");
    if (output) {
        if (std::string e = checkWritable(*output); !e.empty())
            return fail(e);
    }

    const Trajectory path = np::runTrajectory(surface, optimizer, start, static_cast<int>(steps));
    std::string csv = "step,x,y,f\n";
    csv.reserve(csv.size() + path.positions.size() * 64);
    for (std::size_t t = 0; t < path.positions.size(); ++t) {
        csv += std::to_string(t);
        csv += ',';
        append(csv, path.positions[t].x);
        csv += ',';
        append(csv, path.positions[t].y);
        csv += ',';
        append(csv, path.values[t]);
        csv += '\n';
    }
    if (output) {
        if (std::string e = writeFileAtomically(*output, csv); !e.empty())
            return fail(e);
    } else {
        std::fwrite(csv.data(), 1, csv.size(), stdout);
    }
    if (path.diverged) {
        if (surface.kind == SurfaceKind::Saddle)
            std::fprintf(stderr, "neural-playground-cli: the path left for infinity after %d steps (the saddle has no "
                                 "minimum: f falls without end along y)\n",
                         path.steps());
        else
            std::fprintf(stderr, "neural-playground-cli: the path diverged after %d steps (learning rate too high?)\n",
                         path.steps());
        return kDiverged;
    }
    return 0;
}

}  // namespace np::cli
