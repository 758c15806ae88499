#include "data/dataset.h"
#include "data/features.h"
#include "data/generators.h"
#include "data/standardizer.h"
#include "session/config.h"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <vector>

using np::DataPoint;
using np::Dataset;
using np::DataSpec;
using np::Feature;
using np::Generator;

namespace {

DataSpec spec(Generator generator, int classes, int count, double noise = 0.0,
              double validationFraction = 0.2, std::uint64_t seed = 1)
{
    DataSpec s;
    s.generator = generator;
    s.classes = classes;
    s.count = count;
    s.noise = noise;
    s.validationFraction = validationFraction;
    s.seed = seed;
    return s;
}

std::vector<int> classCounts(const Dataset &dataset)
{
    std::vector<int> counts(static_cast<std::size_t>(dataset.classCount), 0);
    for (const DataPoint &p : dataset.points)
        ++counts.at(static_cast<std::size_t>(p.label));
    return counts;
}

/// True when some direction u puts every class k strictly inside its band between the
/// linear generator's thresholds -4 + 8j/K, with `margin` to spare on each side.
bool separableByThresholds(const Dataset &dataset, double margin)
{
    const int k = dataset.classCount;
    for (double angle = 0.0; angle < 2.0 * std::numbers::pi; angle += 0.0005) {
        const double ux = std::cos(angle), uy = std::sin(angle);
        const auto inBand = [&](const DataPoint &p) {
            const double projection = p.x1 * ux + p.x2 * uy;
            const double lower = p.label == 0 ? -1e9 : -4.0 + 8.0 * p.label / k + margin;
            const double upper = p.label == k - 1 ? 1e9 : -4.0 + 8.0 * (p.label + 1) / k - margin;
            return projection > lower && projection < upper;
        };
        if (std::all_of(dataset.points.begin(), dataset.points.end(), inBand))
            return true;
    }
    return false;
}

bool withinOneUlp(double a, double b)
{
    return a == b || std::nextafter(a, b) == b;
}

double multiGaussian(double x, double y)
{
    const double centres[6][3] = {{-4, 2.5, 1}, {0, 2.5, -1}, {4, 2.5, 1},
                                  {-4, -2.5, -1}, {0, -2.5, 1}, {4, -2.5, -1}};
    double sum = 0;
    for (const auto &c : centres) {
        const double d2 = (x - c[0]) * (x - c[0]) + (y - c[1]) * (y - c[1]);
        sum += c[2] * std::exp(-d2 / (2 * 1.5 * 1.5));
    }
    return std::clamp(sum, -1.0, 1.0);
}

}  // namespace

class TestDatasets : public QObject
{
    Q_OBJECT

private slots:
    void datasetCountsAndTaskNames()
    {
        Dataset d;
        d.points.resize(5);
        d.points[1].validation = true;
        d.points[4].validation = true;
        QCOMPARE(d.trainCount(), 3);
        QCOMPARE(d.validationCount(), 2);

        QCOMPARE(QByteArray(np::taskName(np::Task::Classification)), QByteArray("classification"));
        QCOMPARE(QByteArray(np::taskName(np::Task::Regression)), QByteArray("regression"));
        np::Task task = np::Task::Classification;
        QVERIFY(np::parseTask("regression", task));
        QCOMPARE(task, np::Task::Regression);
        QVERIFY(!np::parseTask("Regression ", task));
        QVERIFY(!np::parseTask(nullptr, task));
        QCOMPARE(task, np::Task::Regression);
    }

    void generatorTable()
    {
        const auto &table = np::generators();
        QCOMPARE(table.size(), std::size_t(19));
        const char *names[] = {"xor", "circle", "gaussians", "linear", "spiral",
                               "moons", "checkerboard", "plane", "multigaussian",
                               "curve-sin", "curve-abs", "curve-step", "curve-cubic", "curve-sawtooth",
                               "above-sin", "above-abs", "above-step", "above-cubic", "above-sawtooth"};
        for (std::size_t i = 0; i < table.size(); ++i) {
            QCOMPARE(QByteArray(table[i].name), QByteArray(names[i]));
            Generator parsed = Generator::Xor;
            QVERIFY(np::parseGenerator(names[i], parsed));
            QCOMPARE(parsed, table[i].generator);
            QCOMPARE(&np::generatorInfo(parsed), &table[i]);
        }
        Generator g = Generator::Moons;
        QVERIFY(!np::parseGenerator("spirals", g));
        QCOMPARE(g, Generator::Moons);
        QCOMPARE(QByteArray(np::generatorInfo(Generator::Gaussians).title),
                 QByteArray("Two (or K) Gaussians"));
        QCOMPARE(np::generatorInfo(Generator::Xor).maxClasses, 2);
        QCOMPARE(np::generatorInfo(Generator::Spiral).maxClasses, 8);
        // (i + j) mod K on a 4 x 4 board has only 7 distinct values.
        QCOMPARE(np::generatorInfo(Generator::Checkerboard).maxClasses, 7);
        QCOMPARE(np::generatorInfo(Generator::MultiGaussian).task, np::Task::Regression);
    }

    void everyGenerator_data()
    {
        QTest::addColumn<int>("generator");
        QTest::addColumn<int>("classes");
        QTest::addColumn<bool>("regression");
        QTest::newRow("xor") << int(Generator::Xor) << 2 << false;
        QTest::newRow("circle") << int(Generator::Circle) << 3 << false;
        QTest::newRow("gaussians") << int(Generator::Gaussians) << 4 << false;
        QTest::newRow("linear") << int(Generator::Linear) << 3 << false;
        QTest::newRow("spiral") << int(Generator::Spiral) << 5 << false;
        QTest::newRow("moons") << int(Generator::Moons) << 2 << false;
        QTest::newRow("checkerboard") << int(Generator::Checkerboard) << 7 << false;
        QTest::newRow("plane") << int(Generator::Plane) << 5 << true;
        QTest::newRow("multigaussian") << int(Generator::MultiGaussian) << 2 << true;
        for (int g = int(Generator::CurveSin); g <= int(Generator::AboveSawtooth); ++g) {
            const np::GeneratorInfo &info = np::generatorInfo(Generator(g));
            QTest::newRow(info.name) << g << 2 << (info.task == np::Task::Regression);
        }
    }

    void everyGenerator()
    {
        QFETCH(int, generator);
        QFETCH(int, classes);
        QFETCH(bool, regression);
        const DataSpec s = spec(Generator(generator), classes, 301);
        QCOMPARE(np::validateDataSpec(s), std::string());
        const Dataset d = np::generateDataset(s);
        QCOMPARE(d.points.size(), std::size_t(301));
        QCOMPARE(d.task, regression ? np::Task::Regression : np::Task::Classification);
        QCOMPARE(d.classCount, regression ? 2 : classes);
        QCOMPARE(d.validationCount(), 60);  // round(0.2 * 301)
        for (const DataPoint &p : d.points) {
            QVERIFY(std::abs(p.x1) <= 6.5 && std::abs(p.x2) <= 6.5);
            if (regression) {
                QCOMPARE(p.label, 0);
                QVERIFY(p.target >= -1.0 && p.target <= 1.0);
            } else {
                QVERIFY(p.label >= 0 && p.label < classes);
                QCOMPARE(p.target, 0.0);
            }
        }
        if (!regression) {
            // Every class occurs.
            for (int c : classCounts(d))
                QVERIFY(c > 0);
        }

        QVERIFY(np::generateDataset(s) == d);
        DataSpec other = s;
        other.seed = 2;
        const Dataset e = np::generateDataset(other);
        QCOMPARE(e.points.size(), d.points.size());
        QVERIFY(!(e == d));
    }

    void curvesHaveTheirFormulas()
    {
        using np::Curve;
        using np::curveValue;
        QCOMPARE(curveValue(Curve::Sin, 1.0), std::sin(1.0));
        QCOMPARE(curveValue(Curve::Abs, -2.5), 0.0);
        QCOMPARE(curveValue(Curve::Abs, 5.0), 1.0);
        QCOMPARE(curveValue(Curve::Step, -0.001), -0.5);
        QCOMPARE(curveValue(Curve::Step, 0.0), 0.5);
        QCOMPARE(curveValue(Curve::Cubic, 4.0), 0.0);   // u = 1: 1 - 1
        QCOMPARE(curveValue(Curve::Cubic, 2.0), -0.375);  // u = 1/2: 1/8 - 1/2
        QCOMPARE(curveValue(Curve::Sawtooth, 0.0), 0.0);
        QCOMPARE(curveValue(Curve::Sawtooth, 2.0), 0.8);
        QCOMPARE(curveValue(Curve::Sawtooth, 2.5), -1.0);  // the jump
        QCOMPARE(curveValue(Curve::Sawtooth, 7.0), curveValue(Curve::Sawtooth, 2.0));
        QCOMPARE(QByteArray(np::curveInfo(Curve::Cubic).key), QByteArray("cubic"));
    }

    void curveDataFollowTheCurve()
    {
        // Without noise: x1 = x, x2 = 0 and the target is f(x); above-f data are labelled by the curve.
        for (int c = 0; c < 5; ++c) {
            const auto curve = np::Curve(c);
            const Dataset d = np::generateDataset(spec(Generator(int(Generator::CurveSin) + c), 2, 150));
            QCOMPARE(d.task, np::Task::Regression);
            QVERIFY(np::isOneDimensional(Generator(int(Generator::CurveSin) + c)));
            QCOMPARE(*np::generatorCurve(Generator(int(Generator::CurveSin) + c)), curve);
            for (const DataPoint &p : d.points) {
                QVERIFY(p.x1 >= -5.0 && p.x1 <= 5.0);
                QCOMPARE(p.x2, 0.0);
                QCOMPARE(p.target, np::curveValue(curve, p.x1));
            }
            const Generator above = Generator(int(Generator::AboveSin) + c);
            QVERIFY(!np::isOneDimensional(above));
            const Dataset e = np::generateDataset(spec(above, 2, 150));
            QCOMPARE(e.task, np::Task::Classification);
            for (const DataPoint &p : e.points)
                QCOMPARE(p.label, p.x2 > np::kCurveBoundaryScale * np::curveValue(curve, p.x1) ? 1 : 0);
        }
        // Noise moves the targets of 1-D data, never x.
        const Dataset clean = np::generateDataset(spec(Generator::CurveSin, 2, 50));
        const Dataset noisy = np::generateDataset(spec(Generator::CurveSin, 2, 50, 1.0));
        for (std::size_t i = 0; i < clean.points.size(); ++i) {
            QCOMPARE(noisy.points[i].x1, clean.points[i].x1);
            QVERIFY(noisy.points[i].target != clean.points[i].target);
        }
        QVERIFY(!np::generatorCurve(Generator::Spiral));
    }

    void drawnCurveJoinsItsSamples()
    {
        const np::DrawnCurve f({{1.0, 0.5}, {-1.0, -0.5}, {0.0, 0.25}, {0.0, 0.0}});
        QCOMPARE(f.xMin(), -1.0);
        QCOMPARE(f.xMax(), 1.0);
        QCOMPARE(f(-3.0), -0.5);   // constant beyond the ends
        QCOMPARE(f(-0.5), -0.25);  // halfway between (-1, -0.5) and (0, 0): the later sample at 0 wins
        QCOMPARE(f(0.5), 0.25);
        QCOMPARE(f(2.0), 0.5);

        const Dataset d = np::curveDataset(f, 80, 0.0, 0.25, 3);
        QCOMPARE(d.task, np::Task::Regression);
        QCOMPARE(d.points.size(), std::size_t(80));
        QCOMPARE(d.validationCount(), 20);
        for (const DataPoint &p : d.points) {
            QVERIFY(p.x1 >= -1.0 && p.x1 <= 1.0);
            QCOMPARE(p.target, f(p.x1));
        }
        QVERIFY(np::curveDataset(f, 80, 0.0, 0.25, 3) == d);
    }

    void oneDimensionalDataGetOneInput()
    {
        np::Config c;  // x1, x2
        c.features = {Feature::X1, Feature::X2, Feature::SinX1};
        const np::Config curve = np::fitConfigToGenerator(c, Generator::CurveStep);
        QCOMPARE(curve.data.generator, Generator::CurveStep);
        QVERIFY((curve.features == np::FeatureSet{Feature::X1, Feature::SinX1}));
        QVERIFY(np::dependsOnlyOnX1(curve.features));
        QVERIFY(!np::dependsOnlyOnX1(c.features));
        // Leaving 1-D data gives x2 back; moving between 2-D generators changes nothing.
        QVERIFY(np::fitConfigToGenerator(curve, Generator::Xor).features == np::FeatureSet::plain());
        QVERIFY(np::fitConfigToGenerator(c, Generator::AboveSin).features == c.features);
        np::Config radial = c;
        radial.features = {Feature::Radius};
        QVERIFY(np::fitConfigToGenerator(radial, Generator::CurveSin).features == np::FeatureSet{Feature::X1});
    }

    void balancedClasses_data()
    {
        QTest::addColumn<int>("generator");
        QTest::addColumn<int>("classes");
        QTest::addColumn<int>("count");
        QTest::addColumn<std::vector<int>>("expected");
        QTest::newRow("circle 3") << int(Generator::Circle) << 3 << 301
                                  << std::vector<int>{101, 100, 100};
        QTest::newRow("gaussians 4") << int(Generator::Gaussians) << 4 << 402
                                     << std::vector<int>{101, 101, 100, 100};
        QTest::newRow("spiral 3") << int(Generator::Spiral) << 3 << 302
                                  << std::vector<int>{101, 101, 100};
        QTest::newRow("moons") << int(Generator::Moons) << 2 << 7 << std::vector<int>{4, 3};
    }

    void balancedClasses()
    {
        QFETCH(int, generator);
        QFETCH(int, classes);
        QFETCH(int, count);
        QFETCH(std::vector<int>, expected);
        const Dataset d = np::generateDataset(spec(Generator(generator), classes, count, 0.5));
        QCOMPARE(classCounts(d), expected);
    }

    void validationSplit_data()
    {
        QTest::addColumn<int>("count");
        QTest::addColumn<double>("fraction");
        QTest::addColumn<int>("validation");
        QTest::newRow("none") << 300 << 0.0 << 0;
        QTest::newRow("fifth of 301") << 301 << 0.2 << 60;
        QTest::newRow("half rounds up") << 10 << 0.25 << 3;
        QTest::newRow("most") << 1000 << 0.9 << 900;
        QTest::newRow("one point") << 1 << 0.5 << 1;
    }

    void validationSplit()
    {
        QFETCH(int, count);
        QFETCH(double, fraction);
        QFETCH(int, validation);
        const Dataset d = np::generateDataset(spec(Generator::Moons, 2, count, 0.1, fraction));
        QCOMPARE(d.validationCount(), validation);
        QCOMPARE(d.trainCount(), count - validation);
    }

    void assignValidationSplitIsSeededAndResets()
    {
        Dataset d = np::generateDataset(spec(Generator::Xor, 2, 200, 0.0, 0.0));
        QCOMPARE(d.validationCount(), 0);
        Dataset a = d, b = d, c = d;
        np::assignValidationSplit(a, 0.3, 5);
        np::assignValidationSplit(b, 0.3, 5);
        np::assignValidationSplit(c, 0.3, 6);
        QCOMPARE(a.validationCount(), 60);
        QVERIFY(a == b);
        QVERIFY(!(a == c));
        // A new split replaces the old one instead of adding to it.
        np::assignValidationSplit(a, 0.1, 7);
        QCOMPARE(a.validationCount(), 20);
        np::assignValidationSplit(a, 0.0, 7);
        QCOMPARE(a.validationCount(), 0);
    }

    void spiralMatchesTensorFlowPlayground()
    {
        const Dataset d = np::spiralDataset(2, 250, 0.0, 1);
        QCOMPARE(d.points.size(), std::size_t(500));
        QCOMPARE(d.classCount, 2);
        QCOMPARE(d.validationCount(), 0);

        // Arm 1 of 2, i = 10, n = 250: r = 0.2, t = 1.75 * 2 pi * 10/250 + pi = 1.14 pi.
        const DataPoint &p = d.points[260];
        QCOMPARE(p.label, 1);
        QVERIFY(std::abs(p.x1 - 0.2 * std::sin(1.14 * std::numbers::pi)) < 1e-15);
        QVERIFY(std::abs(p.x2 - 0.2 * std::cos(1.14 * std::numbers::pi)) < 1e-15);
        QVERIFY(std::abs(p.x1 - -0.0851558583) < 1e-10);
        QVERIFY(std::abs(p.x2 - -0.1809654105) < 1e-10);

        // What TensorFlow Playground's classifySpiralData computes (run under node, noise 0).
        // The arithmetic is the same; V8's fdlibm sin/cos and glibc's may differ by one ulp
        // (index 9 is such a point), so agreement is required to one ulp.
        struct Expected
        {
            int index;
            double x, y;
            int label;
        };
        const Expected expected[] = {
            {9, 0.06940511860993137, 0.16608109317662068, 0},
            {10, 0.08515585831301455, 0.18096541049320392, 0},
            {125, -1.7677669529663693, 1.7677669529663684, 0},
            {249, -4.975184014697062, -0.2189612292229646, 0},
            {260, -0.08515585831301453, -0.18096541049320392, 1},
            {375, 1.7677669529663709, -1.7677669529663667, 1},
            {499, 4.975184014697062, 0.21896122922296518, 1},
        };
        for (const Expected &e : expected) {
            const DataPoint &q = d.points[static_cast<std::size_t>(e.index)];
            QCOMPARE(q.label, e.label);
            QVERIFY2(withinOneUlp(q.x1, e.x) && withinOneUlp(q.x2, e.y),
                     qPrintable(QString::number(e.index)));
        }
        QCOMPARE(d.points[0].x1, 0.0);
        QCOMPARE(d.points[0].x2, 0.0);

        // Three arms: arm 2, i = 40 of n = 100: r = 2, t = 1.4 pi + 4 pi / 3.
        const Dataset three = np::spiralDataset(3, 100, 0.0, 1);
        const DataPoint &q = three.points[240];
        QCOMPARE(q.label, 2);
        const double t = (1.4 + 4.0 / 3.0) * std::numbers::pi;
        QVERIFY(std::abs(q.x1 - 2.0 * std::sin(t)) < 1e-13);
        QVERIFY(std::abs(q.x2 - 2.0 * std::cos(t)) < 1e-13);
    }

    void spiralGeneratorUsesTheSameFormula()
    {
        Dataset generated = np::generateDataset(spec(Generator::Spiral, 2, 500, 0.0, 0.0, 9));
        QVERIFY(generated == np::spiralDataset(2, 250, 0.0, 9));
        // Noise jitters the same points with the same stream.
        generated = np::generateDataset(spec(Generator::Spiral, 3, 300, 0.4, 0.0, 9));
        QVERIFY(generated == np::spiralDataset(3, 100, 0.4, 9));
        // An uneven count gives the first arms one more point: 251 + 250, arm 1 starts at 251.
        generated = np::generateDataset(spec(Generator::Spiral, 2, 501, 0.0, 0.0));
        QCOMPARE(generated.points[250].label, 0);
        QCOMPARE(generated.points[251].label, 1);
        QCOMPARE(generated.points[251].x1, 0.0);
    }

    void xorLabelsFollowTheQuadrants()
    {
        const Dataset d = np::generateDataset(spec(Generator::Xor, 2, 2000));
        for (const DataPoint &p : d.points) {
            QCOMPARE(p.label, p.x1 * p.x2 >= 0 ? 1 : 0);
            QVERIFY(std::abs(p.x1) >= 0.3 && std::abs(p.x1) <= 5.3);
            QVERIFY(std::abs(p.x2) >= 0.3 && std::abs(p.x2) <= 5.3);
        }
        // Noise moves the points but keeps the labels.
        const Dataset noisy = np::generateDataset(spec(Generator::Xor, 2, 2000, 1.0));
        double sum2 = 0;
        for (std::size_t i = 0; i < d.points.size(); ++i) {
            QCOMPARE(noisy.points[i].label, d.points[i].label);
            sum2 += std::pow(noisy.points[i].x1 - d.points[i].x1, 2);
        }
        QVERIFY(std::abs(std::sqrt(sum2 / 2000) - 1.0) < 0.05);
    }

    void linearIsSeparable_data()
    {
        QTest::addColumn<int>("classes");
        QTest::addColumn<quint64>("seed");
        QTest::newRow("2") << 2 << quint64(1);
        QTest::newRow("3") << 3 << quint64(2);
        QTest::newRow("8") << 8 << quint64(3);
    }

    void linearIsSeparable()
    {
        QFETCH(int, classes);
        QFETCH(quint64, seed);
        const Dataset d =
            np::generateDataset(spec(Generator::Linear, classes, 1000, 0.0, 0.2, seed));
        for (int c : classCounts(d))
            QVERIFY(c > 0);
        QVERIFY(separableByThresholds(d, 0.29));
        // The check itself can fail: heavy noise mixes the classes.
        const Dataset noisy =
            np::generateDataset(spec(Generator::Linear, classes, 1000, 2.0, 0.2, seed));
        QVERIFY(!separableByThresholds(noisy, 0.0));
    }

    void circleRings()
    {
        const Dataset d = np::generateDataset(spec(Generator::Circle, 4, 1000));
        // R = 5, K = 4: ring k spans [1.25k + 0.125, 1.25(k + 1) - 0.125], ring 0 from 0.
        for (const DataPoint &p : d.points) {
            const double r = std::hypot(p.x1, p.x2);
            const double lo = p.label == 0 ? 0.0 : 1.25 * p.label + 0.125;
            const double hi = 1.25 * (p.label + 1) - 0.125;
            QVERIFY(r >= lo - 1e-12 && r <= hi + 1e-12);
        }
    }

    void gaussianCentres()
    {
        const Dataset d = np::generateDataset(spec(Generator::Gaussians, 2, 4000));
        double sx[2] = {0, 0}, sy[2] = {0, 0}, sxx = 0;
        for (const DataPoint &p : d.points) {
            sx[p.label] += p.x1;
            sy[p.label] += p.x2;
            if (p.label == 0)
                sxx += (p.x1 - 2.1213) * (p.x1 - 2.1213);
        }
        const double c = 3.0 / std::sqrt(2.0);  // 2.1213
        QVERIFY(std::abs(sx[0] / 2000 - c) < 0.06 && std::abs(sy[0] / 2000 - c) < 0.06);
        QVERIFY(std::abs(sx[1] / 2000 + c) < 0.06 && std::abs(sy[1] / 2000 + c) < 0.06);
        QVERIFY(std::abs(std::sqrt(sxx / 2000) - 0.8) < 0.04);
    }

    void moonsAreHalfCircles()
    {
        const Dataset d = np::generateDataset(spec(Generator::Moons, 2, 500));
        for (const DataPoint &p : d.points) {
            // Undo the mapping 2.5 (x - 0.5), 2.5 (y - 0.25).
            const double x = p.x1 / 2.5 + 0.5, y = p.x2 / 2.5 + 0.25;
            if (p.label == 0) {
                QVERIFY(std::abs(x * x + y * y - 1.0) < 1e-12);
                QVERIFY(y >= -1e-12);
            } else {
                QVERIFY(std::abs((1 - x) * (1 - x) + (0.5 - y) * (0.5 - y) - 1.0) < 1e-12);
                QVERIFY(y <= 0.5 + 1e-12);
            }
        }
    }

    void checkerboardCells()
    {
        const Dataset d = np::generateDataset(spec(Generator::Checkerboard, 3, 1000));
        for (const DataPoint &p : d.points) {
            QVERIFY(std::abs(p.x1) <= 6.0 && std::abs(p.x2) <= 6.0);
            const int column = std::min(3, int(std::floor((p.x1 + 6) / 3)));
            const int row = std::min(3, int(std::floor((p.x2 + 6) / 3)));
            QCOMPARE(p.label, (column + row) % 3);
        }
    }

    void regressionTargets()
    {
        const Dataset plane = np::generateDataset(spec(Generator::Plane, 2, 1000));
        for (const DataPoint &p : plane.points)
            QVERIFY(p.target == (p.x1 + p.x2) / 10.0);

        const Dataset bumps = np::generateDataset(spec(Generator::MultiGaussian, 2, 3000));
        double lo = 1, hi = -1;
        for (const DataPoint &p : bumps.points) {
            QVERIFY(std::abs(p.target - multiGaussian(p.x1, p.x2)) < 1e-12);
            lo = std::min(lo, p.target);
            hi = std::max(hi, p.target);
        }
        QVERIFY(lo >= -1.0 && lo < -0.9);
        QVERIFY(hi <= 1.0 && hi > 0.9);

        // Noise goes to the target (sd noise / 6); the inputs stay where they were.
        const Dataset noisy = np::generateDataset(spec(Generator::Plane, 2, 1000, 3.0));
        double sum2 = 0;
        for (std::size_t i = 0; i < plane.points.size(); ++i) {
            QCOMPARE(noisy.points[i].x1, plane.points[i].x1);
            QCOMPARE(noisy.points[i].x2, plane.points[i].x2);
            sum2 += std::pow(noisy.points[i].target - plane.points[i].target, 2);
        }
        QVERIFY(std::abs(std::sqrt(sum2 / 1000) - 0.5) < 0.04);
    }

    void validateDataSpec_data()
    {
        const double nan = std::numeric_limits<double>::quiet_NaN();
        const double inf = std::numeric_limits<double>::infinity();
        QTest::addColumn<int>("generator");
        QTest::addColumn<int>("classes");
        QTest::addColumn<int>("count");
        QTest::addColumn<double>("noise");
        QTest::addColumn<double>("fraction");
        QTest::addColumn<QString>("message");
        const auto row = [](const char *name, Generator g, int classes, int count, double noise,
                            double fraction, const QString &message) {
            QTest::newRow(name) << int(g) << classes << count << noise << fraction << message;
        };
        const Generator spiral = Generator::Spiral;
        row("valid", spiral, 8, 1'000'000, 10.0, 0.9, QString());
        row("regression ignores classes", Generator::Plane, 0, 10, 0.0, 0.0, QString());
        row("xor 3", Generator::Xor, 3, 10, 0.0, 0.2, "XOR has exactly 2 classes");
        row("moons 1", Generator::Moons, 1, 10, 0.0, 0.2, "Moons has exactly 2 classes");
        row("spiral 9", spiral, 9, 10, 0.0, 0.2, "Spiral takes 2 to 8 classes, not 9");
        row("checkerboard 8", Generator::Checkerboard, 8, 10, 0.0, 0.2,
            "Checkerboard takes 2 to 7 classes, not 8");
        row("circle 1", Generator::Circle, 1, 10, 0.0, 0.2,
            "Circle / rings takes 2 to 8 classes, not 1");
        row("no points", spiral, 2, 0, 0.0, 0.2,
            "The number of points must be between 1 and 1,000,000, not 0");
        row("too many", spiral, 2, 1'000'001, 0.0, 0.2,
            "The number of points must be between 1 and 1,000,000, not 1000001");
        const QString noiseMessage = "The noise must be a number between 0 and 10";
        row("negative noise", spiral, 2, 10, -0.1, 0.2, noiseMessage);
        row("nan noise", spiral, 2, 10, nan, 0.2, noiseMessage);
        row("huge noise", spiral, 2, 10, 10.5, 0.2, noiseMessage);
        const QString fractionMessage = "The validation fraction must be between 0 and 0.9";
        row("fraction 0.95", spiral, 2, 10, 0.0, 0.95, fractionMessage);
        row("negative fraction", spiral, 2, 10, 0.0, -0.01, fractionMessage);
        row("infinite fraction", spiral, 2, 10, 0.0, inf, fractionMessage);
        row("nan fraction", spiral, 2, 10, 0.0, nan, fractionMessage);
    }

    void validateDataSpec()
    {
        QFETCH(int, generator);
        QFETCH(int, classes);
        QFETCH(int, count);
        QFETCH(double, noise);
        QFETCH(double, fraction);
        QFETCH(QString, message);
        const DataSpec s = spec(Generator(generator), classes, count, noise, fraction);
        QCOMPARE(QString::fromStdString(np::validateDataSpec(s)), message);
    }

    void featureNamesAndKeys()
    {
        const char *keys[] = {"x1", "x2", "x1sq", "x2sq", "x1x2", "sinx1", "sinx2", "r", "theta"};
        for (int i = 0; i < np::kFeatureCount; ++i) {
            const auto f = Feature(i);
            QCOMPARE(QByteArray(np::featureKey(f)), QByteArray(keys[i]));
            Feature parsed = Feature::X1;
            QVERIFY(np::parseFeatureKey(keys[i], parsed));
            QCOMPARE(parsed, f);
        }
        Feature f = Feature::SinX2;
        QVERIFY(!np::parseFeatureKey("x3", f));
        QCOMPARE(f, Feature::SinX2);
        const auto name = [](Feature f) { return QString::fromUtf8(np::featureName(f)); };
        QCOMPARE(name(Feature::X1Squared), QString::fromUtf16(u"x1\u00b2"));
        QCOMPARE(name(Feature::X1X2), QString::fromUtf16(u"x1\u00b7x2"));
        QCOMPARE(name(Feature::SinX2), QString("sin x2"));
        QCOMPARE(name(Feature::Angle), QString::fromUtf16(u"\u03b8"));
    }

    void featureSet()
    {
        QCOMPARE(np::FeatureSet().count(), 0);
        np::FeatureSet set = np::FeatureSet::plain();
        QCOMPARE(set.count(), 2);
        QCOMPARE(set.list(), (std::vector<Feature>{Feature::X1, Feature::X2}));
        set.set(Feature::Angle, true);
        set.set(Feature::X1X2, true);
        set.set(Feature::X1, false);
        set.set(Feature::X1X2, true);  // setting twice changes nothing
        QCOMPARE(set.count(), 3);
        QCOMPARE(set.list(), (std::vector<Feature>{Feature::X2, Feature::X1X2, Feature::Angle}));
        QVERIFY(set.has(Feature::Angle) && !set.has(Feature::X1));
        QVERIFY((set == np::FeatureSet{Feature::Angle, Feature::X2, Feature::X1X2}));
        QCOMPARE(set.bits(), (1u << 1) | (1u << 4) | (1u << 8));
    }

    void computeFeaturesOfAPoint()
    {
        np::FeatureSet all;
        for (int i = 0; i < np::kFeatureCount; ++i)
            all.set(Feature(i), true);
        double out[np::kFeatureCount];
        np::computeFeatures(all, 3.0, 4.0, out);
        const double expected[] = {3,  4, 9, 16, 12, std::sin(3.0), std::sin(4.0),
                                   5, std::atan2(4.0, 3.0)};
        for (int i = 0; i < np::kFeatureCount; ++i)
            QCOMPARE(out[i], expected[i]);
        QCOMPARE(out[8], 0.9272952180016122);

        float f[3];
        const np::FeatureSet some{Feature::Radius, Feature::X2Squared, Feature::SinX1};
        np::computeFeatures(some, -3.0, -4.0, f);
        QCOMPARE(f[0], 16.0f);
        QCOMPARE(f[1], float(std::sin(-3.0)));
        QCOMPARE(f[2], 5.0f);
        double theta = 0;
        np::computeFeatures(np::FeatureSet{Feature::Angle}, -1.0, -0.0, &theta);
        QCOMPARE(theta, -std::numbers::pi);
    }

    void featureMatrixHasOneColumnPerPoint()
    {
        std::vector<DataPoint> points(3);
        points[0].x1 = 1;
        points[0].x2 = 2;
        points[1].x1 = -1;
        points[1].x2 = 0.5;
        points[2].x1 = 0;
        points[2].x2 = -3;
        const np::FeatureSet set{Feature::X1, Feature::X1X2, Feature::X2Squared};
        const np::Matrix<float> m = np::featureMatrix<float>(set, points);
        QCOMPARE(m.rows(), np::Index(3));
        QCOMPARE(m.cols(), np::Index(3));
        np::Matrix<float> expected(3, 3);
        expected << 1, -1, 0,    // x1
                    4, 0.25, 9,  // x2^2
                    2, -0.5, 0;  // x1 x2
        QVERIFY(m == expected);
        QCOMPARE(np::featureMatrix<double>(set, {}).cols(), np::Index(0));
    }

    void standardizer()
    {
        np::Matrix<double> x(3, 4);  // features x points
        x << 1, 2, 3, 4,
             7, 7, 7, 7,   // constant
             -2, 0, 0, 10;
        const np::Standardizer s = np::Standardizer::fit(x);
        QCOMPARE(s.mean(0), 2.5);
        QCOMPARE(s.scale(0), std::sqrt(1.25));  // population sd
        QCOMPARE(s.mean(1), 7.0);
        QCOMPARE(s.scale(1), 1.0);
        QCOMPARE(s.mean(2), 2.0);
        QCOMPARE(s.scale(2), std::sqrt((16 + 4 + 4 + 64) / 4.0));

        s.apply<double>(x);
        for (np::Index f : {0, 2}) {
            QVERIFY(std::abs(x.row(f).mean()) < 1e-15);
            QVERIFY(std::abs(x.row(f).squaredNorm() / 4 - 1.0) < 1e-14);
        }
        QVERIFY(x.row(1).isZero(0));
        QCOMPARE(x(0, 0), -1.5 / std::sqrt(1.25));

        np::Matrix<float> xf(2, 3);
        xf << 1, 2, 3,
              5, 5, 5;
        const np::Standardizer sf = np::Standardizer::fit(xf);
        QCOMPARE(sf.mean(0), 2.0);
        QCOMPARE(sf.scale(0), std::sqrt(2.0 / 3.0));
        sf.apply<float>(xf);
        QCOMPARE(xf(0, 2), float(1.0 / std::sqrt(2.0 / 3.0)));
        QCOMPARE(xf(1, 1), 0.0f);

        const np::Standardizer id = np::Standardizer::identity(2);
        QVERIFY(!id.isEmpty());
        QVERIFY(id.mean.isZero(0) && id.scale.isOnes(0));
        QVERIFY(np::Standardizer::fit(np::Matrix<double>(2, 0)) == id);
        QVERIFY(np::Standardizer().isEmpty());
        // Different feature counts compare unequal (no size assertion inside Eigen).
        QVERIFY(!(id == np::Standardizer::identity(3)));
        QVERIFY(!(id == np::Standardizer()));
        QVERIFY(np::Standardizer() == np::Standardizer());
    }
};

QTEST_APPLESS_MAIN(TestDatasets)
#include "test_datasets.moc"
