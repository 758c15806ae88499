#include "generators.h"

#include "../common/enumtable.h"
#include "../common/rng.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>
#include <numeric>
#include <span>

namespace np {

namespace {

constexpr double kPi = std::numbers::pi;
constexpr int kMaxPoints = 1'000'000;
constexpr double kMaxNoise = 10.0;
constexpr double kMaxValidationFraction = 0.9;

// Salts that give the jitter and the split their own streams, so moving the noise slider
// only moves the points and changing the split fraction never regenerates them.
constexpr std::uint64_t kNoiseSalt = 0x6e6f697365a5a5a5ULL;
constexpr std::uint64_t kSplitSalt = 0x73706c69745a5a5aULL;

// Rounds through memory so GCC's default -ffp-contract=fast cannot fuse the product into the
// following addition: the spiral's angles must equal TensorFlow Playground's JavaScript ones
// bit for bit (sin and cos may still differ in the last bit between V8 and the C library).
double rounded(double value)
{
    volatile double stored = value;
    return stored;
}

DataPoint point(double x1, double x2, int label)
{
    DataPoint p;
    p.x1 = x1;
    p.x2 = x2;
    p.label = label;
    return p;
}

/// Adds N(0, noise^2) to both coordinates, after the labels were decided.
void jitterInputs(std::vector<DataPoint> &points, double noise, std::uint64_t seed)
{
    if (noise <= 0.0)
        return;
    Rng rng(seed ^ kNoiseSalt);
    for (DataPoint &p : points) {
        p.x1 += noise * rng.normal();
        p.x2 += noise * rng.normal();
    }
}

/// Adds N(0, (noise/6)^2) to regression targets: the plane is 12 units wide, targets span 2.
void jitterTargets(std::vector<DataPoint> &points, double noise, std::uint64_t seed)
{
    if (noise <= 0.0)
        return;
    Rng rng(seed ^ kNoiseSalt);
    for (DataPoint &p : points)
        p.target += noise / 6.0 * rng.normal();
}

/// One arm of TensorFlow Playground's spiral; the expression order follows its dataset.ts.
void appendSpiralArm(std::vector<DataPoint> &points, int arm, int arms, int n)
{
    const double deltaT = 2.0 * kPi * arm / arms;
    for (int i = 0; i < n; ++i) {
        const double r = static_cast<double>(i) / n * 5.0;
        const double t = rounded(1.75 * i / n * 2.0 * kPi) + deltaT;
        points.push_back(point(r * std::sin(t), r * std::cos(t), arm));
    }
}

std::vector<DataPoint> makeXor(int count, Rng &rng)
{
    std::vector<DataPoint> points;
    points.reserve(count);
    for (int i = 0; i < count; ++i) {
        double x = rng.uniform(-5.0, 5.0);
        double y = rng.uniform(-5.0, 5.0);
        // A margin along both axes keeps the quadrants apart before noise.
        x += x > 0.0 ? 0.3 : -0.3;
        y += y > 0.0 ? 0.3 : -0.3;
        points.push_back(point(x, y, x * y >= 0.0 ? 1 : 0));
    }
    return points;
}

std::vector<DataPoint> makeCircle(int count, int classes, Rng &rng)
{
    constexpr double radius = 5.0;
    const double ring = radius / classes;
    const double gap = 0.1 * ring;
    std::vector<DataPoint> points;
    points.reserve(count);
    for (int i = 0; i < count; ++i) {
        const int k = i % classes;
        const double lo = k == 0 ? 0.0 : k * ring + gap;
        const double hi = (k + 1) * ring - gap;
        const double r = rng.uniform(lo, hi);
        const double angle = rng.uniform(0.0, 2.0 * kPi);
        points.push_back(point(r * std::cos(angle), r * std::sin(angle), k));
    }
    return points;
}

std::vector<DataPoint> makeGaussians(int count, int classes, Rng &rng)
{
    constexpr double centreRadius = 3.0;
    constexpr double sd = 0.8;
    std::vector<DataPoint> points;
    points.reserve(count);
    for (int i = 0; i < count; ++i) {
        const int k = i % classes;
        const double angle = kPi / 4.0 + 2.0 * kPi * k / classes;
        const double x = rng.normal(centreRadius * std::cos(angle), sd);
        const double y = rng.normal(centreRadius * std::sin(angle), sd);
        points.push_back(point(x, y, k));
    }
    return points;
}

std::vector<DataPoint> makeLinear(int count, int classes, Rng &rng)
{
    constexpr double margin = 0.3;
    const double angle = rng.uniform(0.0, 2.0 * kPi);
    const double ux = std::cos(angle);
    const double uy = std::sin(angle);
    std::vector<double> thresholds;
    for (int j = 1; j < classes; ++j)
        thresholds.push_back(-4.0 + 8.0 * j / classes);

    std::vector<DataPoint> points;
    points.reserve(count);
    while (static_cast<int>(points.size()) < count) {
        const double x = rng.uniform(-5.0, 5.0);
        const double y = rng.uniform(-5.0, 5.0);
        const double p = x * ux + y * uy;
        int label = 0;
        bool nearThreshold = false;
        for (double threshold : thresholds) {
            label += p > threshold ? 1 : 0;
            nearThreshold |= std::abs(p - threshold) < margin;
        }
        // Rejecting the bands around the thresholds makes the classes separable before noise.
        if (!nearThreshold)
            points.push_back(point(x, y, label));
    }
    return points;
}

std::vector<DataPoint> makeSpiral(int count, int classes)
{
    std::vector<DataPoint> points;
    points.reserve(count);
    for (int k = 0; k < classes; ++k)
        appendSpiralArm(points, k, classes, count / classes + (k < count % classes ? 1 : 0));
    return points;
}

std::vector<DataPoint> makeMoons(int count, Rng &rng)
{
    std::vector<DataPoint> points;
    points.reserve(count);
    for (int i = 0; i < count; ++i) {
        const int label = i % 2;
        const double t = rng.uniform(0.0, kPi);
        const double x = label == 0 ? std::cos(t) : 1.0 - std::cos(t);
        const double y = label == 0 ? std::sin(t) : 0.5 - std::sin(t);
        // The classic moons span [-1, 2] x [-0.5, 1]; centre and scale them to the plane.
        points.push_back(point(2.5 * (x - 0.5), 2.5 * (y - 0.25), label));
    }
    return points;
}

std::vector<DataPoint> makeCheckerboard(int count, int classes, Rng &rng)
{
    constexpr double cell = 3.0;
    std::vector<DataPoint> points;
    points.reserve(count);
    for (int i = 0; i < count; ++i) {
        const double x = rng.uniform(-6.0, 6.0);
        const double y = rng.uniform(-6.0, 6.0);
        const int column = std::clamp(static_cast<int>(std::floor((x + 6.0) / cell)), 0, 3);
        const int row = std::clamp(static_cast<int>(std::floor((y + 6.0) / cell)), 0, 3);
        points.push_back(point(x, y, (column + row) % classes));
    }
    return points;
}

double multiGaussianTarget(double x, double y)
{
    struct Bump
    {
        double cx, cy, sign;
    };
    static constexpr std::array<Bump, 6> bumps{{
        {-4.0, 2.5, 1.0},
        {0.0, 2.5, -1.0},
        {4.0, 2.5, 1.0},
        {-4.0, -2.5, -1.0},
        {0.0, -2.5, 1.0},
        {4.0, -2.5, -1.0},
    }};
    constexpr double sd = 1.5;
    double sum = 0.0;
    for (const Bump &b : bumps) {
        const double d2 = (x - b.cx) * (x - b.cx) + (y - b.cy) * (y - b.cy);
        sum += b.sign * std::exp(-d2 / (2.0 * sd * sd));
    }
    return std::clamp(sum, -1.0, 1.0);
}

std::vector<DataPoint> makeRegression(Generator generator, int count, Rng &rng)
{
    std::vector<DataPoint> points;
    points.reserve(count);
    for (int i = 0; i < count; ++i) {
        DataPoint p = point(rng.uniform(-5.0, 5.0), rng.uniform(-5.0, 5.0), 0);
        p.target = generator == Generator::Plane ? (p.x1 + p.x2) / 10.0
                                                 : multiGaussianTarget(p.x1, p.x2);
        points.push_back(p);
    }
    return points;
}

/// x uniform in [xMin, xMax], x2 = 0, target f(x).
template <typename F>
std::vector<DataPoint> makeCurve(int count, double xMin, double xMax, const F &f, Rng &rng)
{
    std::vector<DataPoint> points;
    points.reserve(count);
    for (int i = 0; i < count; ++i) {
        DataPoint p = point(rng.uniform(xMin, xMax), 0.0, 0);
        p.target = f(p.x1);
        points.push_back(p);
    }
    return points;
}

std::vector<DataPoint> makeAboveCurve(int count, Curve curve, Rng &rng)
{
    std::vector<DataPoint> points;
    points.reserve(count);
    for (int i = 0; i < count; ++i) {
        const double x = rng.uniform(-5.0, 5.0);
        const double y = rng.uniform(-5.0, 5.0);
        points.push_back(point(x, y, y > kCurveBoundaryScale * curveValue(curve, x) ? 1 : 0));
    }
    return points;
}

constexpr auto kGenerators = enumTable<GeneratorInfo, &GeneratorInfo::generator, &GeneratorInfo::name>({
    {Generator::Xor, "xor", "XOR", Task::Classification, 2, 2},
    {Generator::Circle, "circle", "Circle / rings", Task::Classification, 2, 8},
    {Generator::Gaussians, "gaussians", "Two (or K) Gaussians", Task::Classification, 2, 8},
    {Generator::Linear, "linear", "Linearly separable", Task::Classification, 2, 8},
    {Generator::Spiral, "spiral", "Spiral", Task::Classification, 2, 8},
    {Generator::Moons, "moons", "Moons", Task::Classification, 2, 2},
    // Colouring cell (i, j) of the 4 x 4 board with (i + j) mod K reaches only 7 colours.
    {Generator::Checkerboard, "checkerboard", "Checkerboard", Task::Classification, 2, 7},
    {Generator::Plane, "plane", "Regression: plane", Task::Regression, 2, 2},
    {Generator::MultiGaussian, "multigaussian", "Regression: multi-Gaussian", Task::Regression, 2, 2},
    {Generator::CurveSin, "curve-sin", "1-D: y = sin x", Task::Regression, 2, 2},
    {Generator::CurveAbs, "curve-abs", "1-D: y = |x|", Task::Regression, 2, 2},
    {Generator::CurveStep, "curve-step", "1-D: y = step", Task::Regression, 2, 2},
    {Generator::CurveCubic, "curve-cubic", "1-D: y = x³ − x", Task::Regression, 2, 2},
    {Generator::CurveSawtooth, "curve-sawtooth", "1-D: y = sawtooth", Task::Regression, 2, 2},
    {Generator::AboveSin, "above-sin", "Above a curve: sin x", Task::Classification, 2, 2},
    {Generator::AboveAbs, "above-abs", "Above a curve: |x|", Task::Classification, 2, 2},
    {Generator::AboveStep, "above-step", "Above a curve: step", Task::Classification, 2, 2},
    {Generator::AboveCubic, "above-cubic", "Above a curve: x³ − x", Task::Classification, 2, 2},
    {Generator::AboveSawtooth, "above-sawtooth", "Above a curve: sawtooth", Task::Classification, 2, 2},
});

}  // namespace

std::span<const GeneratorInfo> generators() { return kGenerators.rows(); }

const GeneratorInfo &generatorInfo(Generator generator) { return kGenerators[generator]; }

bool parseGenerator(const std::string &name, Generator &generator) { return kGenerators.parse(name, generator); }

std::optional<Curve> generatorCurve(Generator generator)
{
    const int g = static_cast<int>(generator);
    if (g >= static_cast<int>(Generator::CurveSin) && g <= static_cast<int>(Generator::CurveSawtooth))
        return static_cast<Curve>(g - static_cast<int>(Generator::CurveSin));
    if (g >= static_cast<int>(Generator::AboveSin) && g <= static_cast<int>(Generator::AboveSawtooth))
        return static_cast<Curve>(g - static_cast<int>(Generator::AboveSin));
    return std::nullopt;
}

bool isOneDimensional(Generator generator)
{
    return generatorCurve(generator) && generatorInfo(generator).task == Task::Regression;
}

Dataset curveDataset(const DrawnCurve &curve, int count, double noise, double validationFraction,
                     std::uint64_t seed)
{
    Dataset dataset;
    dataset.task = Task::Regression;
    Rng rng(seed);
    const double xMin = curve.isEmpty() ? -5.0 : curve.xMin();
    const double xMax = curve.isEmpty() ? 5.0 : curve.xMax();
    dataset.points = makeCurve(std::clamp(count, 0, kMaxPoints), xMin, xMax, curve, rng);
    jitterTargets(dataset.points, noise, seed);
    assignValidationSplit(dataset, validationFraction, seed ^ kSplitSalt);
    return dataset;
}

std::string validateDataSpec(const DataSpec &spec)
{
    const GeneratorInfo *info = kGenerators.find(spec.generator);
    if (!info)
        return "Unknown data generator";
    if (info->task == Task::Classification
        && (spec.classes < info->minClasses || spec.classes > info->maxClasses)) {
        if (info->minClasses == info->maxClasses)
            return std::string(info->title) + " has exactly " + std::to_string(info->minClasses)
                   + " classes";
        return std::string(info->title) + " takes " + std::to_string(info->minClasses) + " to "
               + std::to_string(info->maxClasses) + " classes, not "
               + std::to_string(spec.classes);
    }
    if (spec.count < 1 || spec.count > kMaxPoints)
        return "The number of points must be between 1 and 1,000,000, not "
               + std::to_string(spec.count);
    if (!std::isfinite(spec.noise) || spec.noise < 0.0 || spec.noise > kMaxNoise)
        return "The noise must be a number between 0 and 10";
    if (!std::isfinite(spec.validationFraction) || spec.validationFraction < 0.0
        || spec.validationFraction > kMaxValidationFraction)
        return "The validation fraction must be between 0 and 0.9";
    return {};
}

Dataset generateDataset(const DataSpec &spec)
{
    const GeneratorInfo &info = generatorInfo(spec.generator);
    Dataset dataset;
    dataset.task = info.task;
    const int count = std::clamp(spec.count, 0, kMaxPoints);
    const int classes = std::clamp(spec.classes, info.minClasses, info.maxClasses);

    Rng rng(spec.seed);
    switch (spec.generator) {
    case Generator::Xor:
        dataset.points = makeXor(count, rng);
        break;
    case Generator::Circle:
        dataset.points = makeCircle(count, classes, rng);
        break;
    case Generator::Gaussians:
        dataset.points = makeGaussians(count, classes, rng);
        break;
    case Generator::Linear:
        dataset.points = makeLinear(count, classes, rng);
        break;
    case Generator::Spiral:
        dataset.points = makeSpiral(count, classes);
        break;
    case Generator::Moons:
        dataset.points = makeMoons(count, rng);
        break;
    case Generator::Checkerboard:
        dataset.points = makeCheckerboard(count, classes, rng);
        break;
    case Generator::Plane:
    case Generator::MultiGaussian:
        dataset.points = makeRegression(spec.generator, count, rng);
        break;
    case Generator::CurveSin:
    case Generator::CurveAbs:
    case Generator::CurveStep:
    case Generator::CurveCubic:
    case Generator::CurveSawtooth: {
        const Curve curve = *generatorCurve(spec.generator);
        dataset.points = makeCurve(count, -5.0, 5.0, [curve](double x) { return curveValue(curve, x); }, rng);
        break;
    }
    case Generator::AboveSin:
    case Generator::AboveAbs:
    case Generator::AboveStep:
    case Generator::AboveCubic:
    case Generator::AboveSawtooth:
        dataset.points = makeAboveCurve(count, *generatorCurve(spec.generator), rng);
        break;
    }
    dataset.classCount = info.task == Task::Classification ? classes : 2;

    if (info.task == Task::Classification)
        jitterInputs(dataset.points, spec.noise, spec.seed);
    else
        jitterTargets(dataset.points, spec.noise, spec.seed);
    assignValidationSplit(dataset, spec.validationFraction, spec.seed ^ kSplitSalt);
    return dataset;
}

void assignValidationSplit(Dataset &dataset, double fraction, std::uint64_t seed)
{
    const std::size_t n = dataset.points.size();
    const double share = std::isfinite(fraction) ? std::clamp(fraction, 0.0, 1.0) : 0.0;
    const auto validation = static_cast<std::size_t>(std::llround(share * static_cast<double>(n)));

    std::vector<std::uint32_t> order(n);
    std::iota(order.begin(), order.end(), 0u);
    Rng rng(seed);
    rng.shuffle(std::span<std::uint32_t>(order));
    for (std::size_t i = 0; i < n; ++i)
        dataset.points[order[i]].validation = i < validation;
}

Dataset spiralDataset(int arms, int pointsPerArm, double noise, std::uint64_t seed)
{
    Dataset dataset;
    dataset.task = Task::Classification;
    dataset.classCount = arms;
    dataset.points.reserve(static_cast<std::size_t>(std::max(arms, 0))
                           * static_cast<std::size_t>(std::max(pointsPerArm, 0)));
    for (int k = 0; k < arms; ++k)
        appendSpiralArm(dataset.points, k, arms, pointsPerArm);
    jitterInputs(dataset.points, noise, seed);
    return dataset;
}

}  // namespace np
