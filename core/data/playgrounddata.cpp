#include "playgrounddata.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace np {

namespace {

double uniform(SeedRandom &random, double a, double b)
{
    return random.next() * (b - a) + a;
}

/// Marsaglia's polar method as it writes it: one value per pair, the other thrown away.
double normal(SeedRandom &random, double mean, double variance)
{
    double v1 = 0.0;
    double v2 = 0.0;
    double s = 0.0;
    do {
        v1 = 2 * random.next() - 1;
        v2 = 2 * random.next() - 1;
        s = v1 * v1 + v2 * v2;
    } while (s > 1);
    const double result = std::sqrt(-2 * std::log(s) / s) * v1;
    return mean + std::sqrt(variance) * result;
}

/// d3 v3's linear scale from [d0, d1] to [r0, r1], with its arithmetic (and optional clamp).
double linearScale(double x, double d0, double d1, double r0, double r1, bool clamp = false)
{
    double t = (x - d0) / (d1 - d0);
    if (clamp)
        t = std::max(0.0, std::min(1.0, t));
    return r0 * (1 - t) + r1 * t;
}

double distance(double ax, double ay, double bx, double by)
{
    const double dx = ax - bx;
    const double dy = ay - by;
    return std::sqrt(dx * dx + dy * dy);
}

void twoGaussians(std::vector<PlaygroundExample> &out, int count, double noise, SeedRandom &random)
{
    const double variance = linearScale(noise, 0, 0.5, 0.5, 4);
    const auto gauss = [&](double cx, double cy, double label) {
        for (int i = 0; i < count / 2.0; ++i) {
            const double x = normal(random, cx, variance);
            const double y = normal(random, cy, variance);
            out.push_back({x, y, label});
        }
    };
    gauss(2, 2, 1);
    gauss(-2, -2, -1);
}

// Both regression sets: a point uniform in the square, then its noise, drawn in that order;
// the target is the label of the noisy position.
template<typename Label>
void regressionPoints(std::vector<PlaygroundExample> &out, int count, double noise, SeedRandom &random,
                      const Label &label)
{
    const double radius = 6;
    for (int i = 0; i < count; ++i) {
        const double x = uniform(random, -radius, radius);
        const double y = uniform(random, -radius, radius);
        const double noiseX = uniform(random, -radius, radius) * noise;
        const double noiseY = uniform(random, -radius, radius) * noise;
        out.push_back({x, y, label(x + noiseX, y + noiseY)});
    }
}

void plane(std::vector<PlaygroundExample> &out, int count, double noise, SeedRandom &random)
{
    regressionPoints(out, count, noise, random, [](double x, double y) { return linearScale(x + y, -10, 10, -1, 1); });
}

void gaussianBumps(std::vector<PlaygroundExample> &out, int count, double noise, SeedRandom &random)
{
    static constexpr double bumps[6][3] = {{-4, 2.5, 1}, {0, 2.5, -1}, {4, 2.5, 1},
                                           {-4, -2.5, -1}, {0, -2.5, 1}, {4, -2.5, -1}};
    const auto label = [](double x, double y) {
        // The bump largest in absolute value wins.
        double best = 0;
        for (const auto &bump : bumps) {
            const double value = bump[2] * linearScale(distance(x, y, bump[0], bump[1]), 0, 2, 1, 0, true);
            if (std::abs(value) > std::abs(best))
                best = value;
        }
        return best;
    };
    regressionPoints(out, count, noise, random, label);
}

void spiral(std::vector<PlaygroundExample> &out, int count, double noise, SeedRandom &random)
{
    const double n = count / 2.0;
    const auto arm = [&](double deltaT, double label) {
        for (int i = 0; i < n; ++i) {
            const double r = i / n * 5;
            const double t = 1.75 * i / n * 2 * std::numbers::pi + deltaT;
            const double x = r * std::sin(t) + uniform(random, -1, 1) * noise;
            const double y = r * std::cos(t) + uniform(random, -1, 1) * noise;
            out.push_back({x, y, label});
        }
    };
    arm(0, 1);
    arm(std::numbers::pi, -1);
}

void circle(std::vector<PlaygroundExample> &out, int count, double noise, SeedRandom &random)
{
    const double radius = 5;
    const auto ring = [&](double rMin, double rMax) {
        for (int i = 0; i < count / 2.0; ++i) {
            const double r = uniform(random, rMin, rMax);
            const double angle = uniform(random, 0, 2 * std::numbers::pi);
            const double x = r * std::sin(angle);
            const double y = r * std::cos(angle);
            const double noiseX = uniform(random, -radius, radius) * noise;
            const double noiseY = uniform(random, -radius, radius) * noise;
            const double label = distance(x + noiseX, y + noiseY, 0, 0) < radius * 0.5 ? 1 : -1;
            out.push_back({x, y, label});
        }
    };
    ring(0, radius * 0.5);
    ring(radius * 0.7, radius);
}

void xorData(std::vector<PlaygroundExample> &out, int count, double noise, SeedRandom &random)
{
    const double padding = 0.3;
    for (int i = 0; i < count; ++i) {
        double x = uniform(random, -5, 5);
        x += x > 0 ? padding : -padding;
        double y = uniform(random, -5, 5);
        y += y > 0 ? padding : -padding;
        const double noiseX = uniform(random, -5, 5) * noise;
        const double noiseY = uniform(random, -5, 5) * noise;
        const double label = (x + noiseX) * (y + noiseY) >= 0 ? 1 : -1;
        out.push_back({x, y, label});
    }
}

}  // namespace

bool isPlaygroundRegression(PlaygroundDataset dataset)
{
    return dataset == PlaygroundDataset::RegPlane || dataset == PlaygroundDataset::RegGauss;
}

int playgroundSampleCount(PlaygroundDataset dataset)
{
    return isPlaygroundRegression(dataset) ? 1200 : 500;
}

std::vector<PlaygroundExample> generatePlaygroundExamples(PlaygroundDataset dataset, int count, double noise,
                                                          SeedRandom &random)
{
    std::vector<PlaygroundExample> out;
    out.reserve(static_cast<std::size_t>(count) + 1);
    switch (dataset) {
    case PlaygroundDataset::Circle: circle(out, count, noise, random); break;
    case PlaygroundDataset::Xor: xorData(out, count, noise, random); break;
    case PlaygroundDataset::Gauss: twoGaussians(out, count, noise, random); break;
    case PlaygroundDataset::Spiral: spiral(out, count, noise, random); break;
    case PlaygroundDataset::RegPlane: plane(out, count, noise, random); break;
    case PlaygroundDataset::RegGauss: gaussianBumps(out, count, noise, random); break;
    }
    return out;
}

void shufflePlaygroundExamples(std::vector<PlaygroundExample> &examples, SeedRandom &random)
{
    std::size_t counter = examples.size();
    while (counter > 0) {
        const auto index = static_cast<std::size_t>(std::floor(random.next() * static_cast<double>(counter)));
        --counter;
        std::swap(examples[counter], examples[index]);
    }
}

std::vector<PlaygroundExample> playgroundData(PlaygroundDataset dataset, double noisePercent, SeedRandom &random)
{
    std::vector<PlaygroundExample> examples =
        generatePlaygroundExamples(dataset, playgroundSampleCount(dataset), noisePercent / 100, random);
    shufflePlaygroundExamples(examples, random);
    return examples;
}

int playgroundTrainCount(int count, double percTrainData)
{
    return static_cast<int>(std::floor(count * percTrainData / 100));
}

Dataset playgroundDataset(const std::vector<PlaygroundExample> &examples, bool regression, int trainCount)
{
    Dataset dataset;
    dataset.task = regression ? Task::Regression : Task::Classification;
    dataset.classCount = 2;
    dataset.points.reserve(examples.size());
    for (std::size_t i = 0; i < examples.size(); ++i) {
        DataPoint p;
        p.x1 = examples[i].x;
        p.x2 = examples[i].y;
        if (regression)
            p.target = examples[i].label;
        else
            p.label = examples[i].label > 0 ? 1 : 0;
        p.validation = static_cast<int>(i) >= trainCount;
        dataset.points.push_back(p);
    }
    return dataset;
}

}  // namespace np
