// The widget-free pieces of ui/plot the views share: how numbers are written, the distance to a
// segment, and the decimated series and curve segments the loss plot and the health view draw
// their curves from.

#include "colors.h"
#include "curvesegments.h"
#include "decimatedseries.h"
#include "geometry.h"
#include "numberformat.h"
#include "plotaxis.h"
#include "thinlines.h"
#include "valuecap.h"

#include "common/rng.h"

#include <QImage>
#include <QPainter>
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

using namespace np;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
const QString kMinus = QString(QChar(0x2212));

/// A deterministic, jagged value for row i (no two neighbours alike), with one spike at row 537.
double jagged(std::int64_t i)
{
    if (i == 537)
        return 1e6;
    return std::sin(0.37 * double(i)) * (1.0 + double(i % 7)) + 0.001 * double(i);
}

}  // namespace

class TestPlot : public QObject
{
    Q_OBJECT

private slots:
    void theDivergingScaleGivesTheSameColoursAsTheBlend()
    {
        // The scale is written for a vectorised loop; the colours are those of a blend from the
        // background towards the class colour of the value's sign, by its size, clamped to 1.
        for (const ColorScheme scheme : {ColorScheme::Standard, ColorScheme::HighContrast}) {
            setColorScheme(scheme);
            for (const QRgb background : {qRgb(255, 255, 255), qRgb(30, 30, 30), qRgb(250, 248, 240)}) {
                const DivergingScale scale(background);
                for (int i = -3000; i <= 3000; ++i) {
                    const double t = i / 2000.0;
                    const double c = std::clamp(t, -1.0, 1.0);
                    const QRgb expected = c < 0 ? blend(background, classColor(0).rgb(), -c)
                                                : blend(background, classColor(1).rgb(), c);
                    QCOMPARE(scale(t), expected);
                    QCOMPARE(divergingColor(t, background), expected);
                }
                QCOMPARE(scale(-0.0), background);
                QCOMPARE(scale(1e300), blend(background, classColor(1).rgb(), 1.0));
                QCOMPARE(scale(-1e300), blend(background, classColor(0).rgb(), 1.0));
            }
        }
        setColorScheme(ColorScheme::Standard);
        QCOMPARE(classRgb(1), classColor(1).rgb());
        QCOMPARE(classRgb(42), classColor(7).rgb());
    }

    void thinLinesSetThePixelsOfAOnePixelPen()
    {
        // Lines of every direction and length, some running off the image, drawn after a
        // translation by a fraction of a pixel: written directly, and by a clipped painter
        // (which draws them with its one-pixel pen).
        Rng rng(7);
        std::vector<QLineF> lines;
        for (int k = 0; k < 300; ++k)
            lines.emplace_back(rng.uniform(-30, 230), rng.uniform(-30, 180), rng.uniform(-30, 230), rng.uniform(-30, 180));
        lines.emplace_back(10, 20, 150, 20);    // flat
        lines.emplace_back(40.5, 5, 40.5, 140);  // upright
        lines.emplace_back(60, 60, 60.2, 60.1);  // under a pixel
        lines.emplace_back(-1e12, 50, 1e12, 52);  // far past both sides
        lines.emplace_back(std::numeric_limits<double>::quiet_NaN(), 5, 30, 40);  // nothing to draw
        const QRgb colour = qRgb(10, 120, 200);
        const auto draw = [&](bool clipped) {
            QImage image(200, 150, QImage::Format_RGB32);
            image.fill(Qt::white);
            QPainter p(&image);
            p.translate(3.25, -2.5);
            if (clipped)
                p.setClipRect(QRectF(-10, -10, 300, 300));
            if (drawsThinLinesDirectly(p) == clipped)
                qFatal("drawThinLines took the wrong path");
            drawThinLines(p, lines.data(), int(lines.size()), colour);
            return image;
        };
        const QImage direct = draw(false);
        const QImage pen = draw(true);
        int set = 0, differ = 0;
        for (int y = 0; y < direct.height(); ++y) {
            for (int x = 0; x < direct.width(); ++x) {
                const QRgb a = direct.pixel(x, y), b = pen.pixel(x, y);
                QVERIFY(a == colour || a == qRgb(255, 255, 255));  // aliased: the colour or nothing
                set += b == colour;
                differ += a != b;
            }
        }
        QVERIFY(set > 5000);
        // The same pixels but where Qt's fixed-point arithmetic rounds the other way.
        QVERIFY2(differ <= set / 50, qPrintable(QStringLiteral("%1 of %2 differ").arg(differ).arg(set)));

        // A scaled painter (device pixel ratio 2) gets the pen's two-pixel lines.
        QImage sharp(40, 40, QImage::Format_RGB32);
        sharp.setDevicePixelRatio(2);
        QPainter scaled(&sharp);
        QVERIFY(!drawsThinLinesDirectly(scaled));
    }

    void fixedDecimalsUseARealMinusAndNoNegativeZero_data()
    {
        QTest::addColumn<double>("value");
        QTest::addColumn<int>("decimals");
        QTest::addColumn<QString>("text");
        QTest::newRow("positive") << 1.5 << 2 << QStringLiteral("1.50");
        QTest::newRow("negative") << -1.5 << 2 << kMinus + QStringLiteral("1.50");
        QTest::newRow("tick") << -6.0 << 0 << kMinus + QStringLiteral("6");
        QTest::newRow("tiny negative") << -0.004 << 2 << QStringLiteral("0.00");
        QTest::newRow("negative zero") << -0.0 << 1 << QStringLiteral("0.0");
        QTest::newRow("rounds up") << -0.006 << 2 << kMinus + QStringLiteral("0.01");
    }

    void fixedDecimalsUseARealMinusAndNoNegativeZero()
    {
        QFETCH(double, value);
        QFETCH(int, decimals);
        QFETCH(QString, text);
        QCOMPARE(formatNumber(value, decimals), text);
    }

    void shortNumbersKeepTwoSignificantDigitsAndNoTrailingZeros_data()
    {
        QTest::addColumn<double>("value");
        QTest::addColumn<QString>("text");
        QTest::newRow("weight") << 0.53 << QStringLiteral("0.53");
        QTest::newRow("negative") << -1.2 << kMinus + QStringLiteral("1.2");
        QTest::newRow("tens") << 12.34 << QStringLiteral("12.3");
        QTest::newRow("hundreds") << -123.4 << kMinus + QStringLiteral("123");
        QTest::newRow("small") << 0.0042 << QStringLiteral("0.0042");
        QTest::newRow("just below a tenth") << 0.0956 << QStringLiteral("0.1");
        QTest::newRow("whole") << 1.0 << QStringLiteral("1");
        QTest::newRow("tiny negative") << -0.00001 << QStringLiteral("0");
        QTest::newRow("zero") << 0.0 << QStringLiteral("0");
    }

    void shortNumbersKeepTwoSignificantDigitsAndNoTrailingZeros()
    {
        QFETCH(double, value);
        QFETCH(QString, text);
        QCOMPARE(formatNumber(value), text);
    }

    void valuesFromTinyToHugeStayShort_data()
    {
        QTest::addColumn<double>("value");
        QTest::addColumn<QString>("text");
        QTest::newRow("zero") << 0.0 << QStringLiteral("0");
        QTest::newRow("negative zero") << -0.0 << QStringLiteral("0");
        QTest::newRow("loss") << 0.6931 << QStringLiteral("0.693");
        QTest::newRow("thousandth") << 0.001 << QStringLiteral("0.001");
        QTest::newRow("below a thousandth") << 0.00042 << QStringLiteral("4.2e-4");
        QTest::newRow("tiny") << 2.5e-8 << QStringLiteral("2.5e-8");
        QTest::newRow("smallest") << 1e-30 << QStringLiteral("1e-30");
        QTest::newRow("hundreds of thousands") << 250000.0 << QStringLiteral("250000");
        QTest::newRow("rounds into the next decade") << 999999.7 << QStringLiteral("1e6");
        QTest::newRow("blown-up loss") << 3.2e26 << QStringLiteral("3.2e26");
        QTest::newRow("largest") << 1e30 << QStringLiteral("1e30");
        QTest::newRow("negative huge") << -3.14159e12 << kMinus + QStringLiteral("3.14e12");
        QTest::newRow("negative") << -12.34 << kMinus + QStringLiteral("12.3");
        QTest::newRow("infinity") << std::numeric_limits<double>::infinity() << QStringLiteral("∞");
        QTest::newRow("minus infinity") << -std::numeric_limits<double>::infinity() << kMinus + QStringLiteral("∞");
        QTest::newRow("nan") << kNaN << QStringLiteral("NaN");
    }

    void valuesFromTinyToHugeStayShort()
    {
        QFETCH(double, value);
        QFETCH(QString, text);
        QCOMPARE(formatValue(value), text);
        QVERIFY(!formatValue(value).contains(QLatin1Char('+')));
    }

    void linearTicksOfHugeAndTinyRangesArePowersOfTen_data()
    {
        // The ticks linearScale() makes for a range, and the labels expected for all of them.
        QTest::addColumn<double>("high");
        QTest::addColumn<QStringList>("labels");
        QTest::newRow("blown-up loss") << 3e26 << QStringList{"0", "5e25", "1e26", "1.5e26", "2e26", "2.5e26", "3e26"};
        QTest::newRow("1e30") << 1e30 << QStringList{"0", "2e29", "4e29", "6e29", "8e29", "1e30"};
        QTest::newRow("tiny") << 3e-8 << QStringList{"0", "5e-9", "1e-8", "1.5e-8", "2e-8", "2.5e-8", "3e-8"};
        QTest::newRow("1e-30") << 1e-30 << QStringList{"0", "2e-31", "4e-31", "6e-31", "8e-31", "1e-30"};
        QTest::newRow("ordinary") << 1.0 << QStringList{"0.0", "0.2", "0.4", "0.6", "0.8", "1.0"};
        QTest::newRow("thousands") << 3000.0 << QStringList{"0", "500", "1k", "1.5k", "2k", "2.5k", "3k"};
    }

    void linearTicksOfHugeAndTinyRangesArePowersOfTen()
    {
        QFETCH(double, high);
        QFETCH(QStringList, labels);
        const PlotScale scale = linearScale(0.0, high, 6);
        QStringList shown;
        for (double t : scale.ticks)
            shown << scale.label(t);
        QCOMPARE(shown, labels);
    }

    void negativeLinearTicksUseARealMinus()
    {
        const PlotScale scale = linearScale(-2e20, 2e20, 4);
        QCOMPARE(scale.label(scale.ticks.front()), kMinus + QStringLiteral("2e20"));
        QCOMPARE(scale.label(0.0), QStringLiteral("0"));
    }

    void logTicksOfHugeAndTinyRangesArePowersOfTen()
    {
        // Every decade from 1e-30 to 1e30 is labelled as itself: plain near 1, exponents beyond.
        for (int d = -30; d <= 30; ++d) {
            const QString label = decadeLabel(std::pow(10.0, d));
            const QString expected = d < -3 || d > 3 ? QStringLiteral("1e%1").arg(d)
                                                     : QString::number(std::pow(10.0, d), 'f', std::max(0, -d));
            QCOMPARE(label, expected);
        }
        const PlotScale scale = decadeScale(-2, 27, 6);
        QStringList labels;
        for (double t : scale.ticks)
            labels << scale.label(t);
        QCOMPARE(labels, (QStringList{"1", "1e5", "1e10", "1e15", "1e20", "1e25"}));
    }

    void countsUseKAndMThenPowersOfTen()
    {
        QCOMPARE(compactNumber(950), QStringLiteral("950"));
        QCOMPARE(compactNumber(1500), QStringLiteral("1.5k"));
        QCOMPARE(compactNumber(2.5e6), QStringLiteral("2.5M"));
        QCOMPARE(compactNumber(2.5e9), QStringLiteral("2.5e9"));
        QCOMPARE(compactNumber(1e26), QStringLiteral("1e26"));
        QCOMPARE(compactNumber(0.5), QStringLiteral("0.5"));
    }

    void aBlowUpIsCappedAboveTheOrdinaryValues()
    {
        // A loss falling from 0.7, then blowing up to 1e26 in the last rows.
        std::vector<double> loss;
        for (int e = 0; e < 100; ++e)
            loss.push_back(0.7 * std::exp(-e / 30.0));
        for (double v : {5.0, 1e4, 1e12, 1e26})
            loss.push_back(v);
        const ValueCap cap = capBlowUp(loss, loss, kLinearBlowUp);
        QVERIFY(cap.clipped);
        QCOMPARE(cap.top, 5.0);  // the highest value within a hundredfold of the start
        QCOMPARE(cap.peak, 1e26);
        // A log axis keeps six decades above: 1e4 is still on it, 1e12 is not.
        const ValueCap logCap = capBlowUp(loss, loss, kLogBlowUp);
        QVERIFY(logCap.clipped);
        QCOMPARE(logCap.top, 1e4);
        // An oscillating but bounded run is shown whole.
        std::vector<double> bounded = {0.7, 3.0, 0.5, 20.0, 1.0, 0.8};
        QVERIFY(!capBlowUp(bounded, bounded, kLinearBlowUp).clipped);
        QCOMPARE(capBlowUp(bounded, bounded, kLinearBlowUp).top, 20.0);
        // No values, or zeros only: nothing to cap.
        QVERIFY(!capBlowUp({}, {}, kLinearBlowUp).clipped);
        std::vector<double> zeros = {0.0, 0.0};
        QVERIFY(!capBlowUp(zeros, zeros, kLinearBlowUp).clipped);
    }

    void subscriptsTurnDigitsOnly()
    {
        QCOMPARE(subscript(12), QStringLiteral("₁₂"));
        QCOMPARE(subscript(7), QStringLiteral("₇"));
        QCOMPARE(subscript(QStringLiteral("₍3,14₎")), QStringLiteral("₍₃,₁₄₎"));
        QCOMPARE(subscript(QStringLiteral("a1")), QStringLiteral("a₁"));
    }

    void distanceToASegment_data()
    {
        QTest::addColumn<QPointF>("p");
        QTest::addColumn<QLineF>("segment");
        QTest::addColumn<double>("distance");
        QTest::newRow("beside the middle") << QPointF(1, 1) << QLineF(0, 0, 2, 0) << 1.0;
        QTest::newRow("on it") << QPointF(0.5, 0) << QLineF(0, 0, 2, 0) << 0.0;
        QTest::newRow("past the end") << QPointF(5, 4) << QLineF(0, 0, 2, 0) << 5.0;
        QTest::newRow("before the start") << QPointF(-3, -4) << QLineF(0, 0, 0, 7) << 5.0;
        QTest::newRow("a point") << QPointF(3, 4) << QLineF(0, 0, 0, 0) << 5.0;
        QTest::newRow("slanted") << QPointF(0, 2) << QLineF(0, 0, 2, 2) << std::sqrt(2.0);
    }

    void distanceToASegment()
    {
        QFETCH(QPointF, p);
        QFETCH(QLineF, segment);
        QFETCH(double, distance);
        QVERIFY2(std::abs(distanceToSegment(p, segment) - distance) < 1e-12,
                 qPrintable(QString::number(distanceToSegment(p, segment))));
    }

    void aSolidCurveIsItsSegmentsAndAnIsolatedValueADot()
    {
        CurveSegments curve(2.0, false, -100, 100);
        curve.add(QPointF(0, 0));
        curve.add(QPointF(10, 0));
        curve.add(QPointF(10, 5));
        curve.gap();
        curve.add(QPointF(20, 1));  // alone between two gaps
        curve.gap();
        curve.gap();  // a second gap adds nothing
        curve.add(QPointF(30, 2));
        curve.add(QPointF(31, 2));
        const QVector<QLineF> expected{QLineF(0, 0, 10, 0), QLineF(10, 0, 10, 5), QLineF(30, 2, 31, 2)};
        QCOMPARE(curve.segments(), expected);
        QCOMPARE(curve.dots(), std::vector<QPointF>{QPointF(20, 1)});
    }

    void dashesRunOnAcrossCornersAndRestartAfterAGap()
    {
        // Width 1: dashes 2 long, spaces 3 (with the square caps, 3 on and 2 off as Qt's {3, 2}).
        CurveSegments curve(1.0, true, -100, 100);
        curve.add(QPointF(0, 0));
        curve.add(QPointF(3, 0));  // dash 0-2, space from 2 on
        curve.add(QPointF(3, 9));  // space to y 2, dash 2-4, space 4-7, dash 7-9
        curve.gap();
        curve.add(QPointF(10, 0));
        curve.add(QPointF(11, 0));  // a new run starts with a dash
        const QVector<QLineF> expected{QLineF(0, 0, 2, 0), QLineF(3, 2, 3, 4), QLineF(3, 7, 3, 9),
                                       QLineF(10, 0, 11, 0)};
        const QVector<QLineF> &segments = curve.segments();
        QCOMPARE(segments.size(), expected.size());
        const auto near = [](const QPointF &a, const QPointF &b) { return (a - b).manhattanLength() < 1e-9; };
        for (qsizetype i = 0; i < segments.size(); ++i)
            QVERIFY2(near(segments[i].p1(), expected[i].p1()) && near(segments[i].p2(), expected[i].p2()),
                     qPrintable(QStringLiteral("segment %1").arg(i)));
    }

    void aCurveFarOffTheScaleIsCutAtTheBand()
    {
        CurveSegments curve(1.0, false, 0, 10);
        curve.add(QPointF(0, 5));
        curve.add(QPointF(1, 1e7));  // leaves the band downwards: cut at y 10
        curve.add(QPointF(2, 2e7));  // wholly outside: dropped
        curve.add(QPointF(3, -1e7));  // crosses the band: cut at both sides
        const QVector<QLineF> &segments = curve.segments();
        QCOMPARE(segments.size(), 2);
        QCOMPARE(segments[0].p2().y(), 10.0);
        QVERIFY(segments[0].p2().x() > 0 && segments[0].p2().x() < 1e-5);
        QCOMPARE(segments[1].p1().y(), 10.0);
        QCOMPARE(segments[1].p2().y(), 0.0);
        QVERIFY(segments[1].p1().x() > 2 && segments[1].p2().x() < 3);
        QVERIFY(curve.dots().empty());
    }

    void belowTheCapEveryRowIsABucket()
    {
        DecimatedSeries series(16, 1e-8);
        series.clear(1);
        for (std::int64_t i = 0; i < 16; ++i) {
            const double v = jagged(i);
            series.append(10 + i, {&v, 1});
        }
        QCOMPARE(series.bucketCount(), std::size_t(16));
        QCOMPARE(series.rowsPerBucket(), std::int64_t(1));
        for (std::size_t b = 0; b < 16; ++b) {
            QCOMPARE(series.bucket(b).firstX, std::int64_t(10 + b));
            QCOMPARE(series.summary(b, 0).low, jagged(std::int64_t(b)));
            QCOMPARE(series.summary(b, 0).high, jagged(std::int64_t(b)));
            QCOMPARE(series.summary(b, 0).mean(), jagged(std::int64_t(b)));
        }
    }

    void decimationKeepsEachBucketsExtremesAndBothEnds()
    {
        // Two series: a jagged one with a one-row spike, and one with a gap every third row.
        const std::int64_t rows = 5000;
        DecimatedSeries series(64, 1e-8);
        series.clear(2);
        std::vector<std::array<double, 2>> all;
        for (std::int64_t i = 0; i < rows; ++i) {
            const std::array<double, 2> v{jagged(i), i % 3 == 0 ? kNaN : 0.5 * double(i)};
            all.push_back(v);
            series.append(i, v);
        }
        QVERIFY(series.bucketCount() <= 64);
        QVERIFY(series.bucketCount() > 32);
        // The buckets cover every row once, in order, from the first row to the newest.
        QCOMPARE(series.bucket(0).firstX, std::int64_t(0));
        QCOMPARE(series.bucket(series.bucketCount() - 1).lastX, rows - 1);
        std::int64_t covered = 0;
        bool spikeKept = false;
        for (std::size_t b = 0; b < series.bucketCount(); ++b) {
            const DecimatedSeries::Bucket &bucket = series.bucket(b);
            QCOMPARE(bucket.firstX, covered);
            QCOMPARE(bucket.rows, bucket.lastX - bucket.firstX + 1);
            covered = bucket.lastX + 1;
            // Each bucket's summary is exactly that of its rows.
            for (std::size_t s = 0; s < 2; ++s) {
                double low = std::numeric_limits<double>::infinity(), high = -low, sum = 0;
                std::int64_t count = 0;
                for (std::int64_t i = bucket.firstX; i <= bucket.lastX; ++i) {
                    const double v = all[std::size_t(i)][s];
                    if (std::isnan(v))
                        continue;
                    low = std::min(low, v);
                    high = std::max(high, v);
                    sum += v;
                    ++count;
                }
                const DecimatedSeries::Summary &summary = series.summary(b, s);
                QCOMPARE(summary.count, count);
                QCOMPARE(summary.low, low);
                QCOMPARE(summary.high, high);
                QVERIFY(std::abs(summary.sum - sum) <= 1e-9 * std::max(1.0, std::abs(sum)));
            }
            spikeKept = spikeKept || series.summary(b, 0).high == 1e6;
        }
        QCOMPARE(covered, rows);
        QVERIFY(spikeKept);  // one row in a bucket of 128 still shows as its maximum
    }

    void theBucketCountStaysBoundedAsTheSeriesGrows()
    {
        DecimatedSeries series(100, 1e-8);
        series.clear(3);
        std::size_t most = 0;
        for (std::int64_t i = 0; i < 200'000; ++i) {
            const std::array<double, 3> v{jagged(i), 1.0, double(i)};
            series.append(i, v);
            most = std::max(most, series.bucketCount());
            if (i == 99)
                QCOMPARE(series.bucketCount(), std::size_t(100));
        }
        QCOMPARE(most, std::size_t(100));
        QCOMPARE(series.rowCount(), std::int64_t(200'000));
        // 200 000 rows in at most 100 buckets: 2048 rows a bucket, a power of two.
        QCOMPARE(series.rowsPerBucket(), std::int64_t(2048));
        QVERIFY(series.bucketCount() >= 50);
        // The constant series stays exact through all the merging.
        for (std::size_t b = 0; b < series.bucketCount(); ++b) {
            QCOMPARE(series.summary(b, 1).low, 1.0);
            QCOMPARE(series.summary(b, 1).mean(), 1.0);
        }
    }

    void logarithmsStopAtTheFloorAndGapsCountAsRowsOnly()
    {
        DecimatedSeries series(8, 1e-6);
        series.clear(2);
        const std::array<double, 2> first{0.0, std::numeric_limits<double>::infinity()};
        const std::array<double, 2> second{100.0, kNaN};
        series.append(0, first);
        series.append(1, second);
        QCOMPARE(series.summary(0, 0).logMean(), -6.0);  // zero lies on the floor
        QVERIFY(std::isnan(series.summary(0, 0).lowPositive));
        QCOMPARE(series.summary(1, 0).logMean(), 2.0);
        QCOMPARE(series.summary(1, 0).lowPositive, 100.0);
        QCOMPARE(series.bucket(0).rows, std::int64_t(1));
        QCOMPARE(series.summary(0, 1).count, std::int64_t(0));
        QVERIFY(series.hasValues(0));
        QVERIFY(!series.hasValues(1));
        series.clear(1);
        QCOMPARE(series.bucketCount(), std::size_t(0));
        QCOMPARE(series.rowCount(), std::int64_t(0));
    }
};

QTEST_GUILESS_MAIN(TestPlot)
#include "test_plot.moc"
