// The loss plot: decimation that stays bounded however long the history and keeps spikes,
// incremental and reset updates, the hover read-out, log-scale decades, classification vs
// regression, and what actually lands on the screen.

#include "lossplot.h"

#include <QtTest>
#include <QPainter>
#include <QPicture>

#include <cmath>
#include <functional>

using namespace np;

namespace {

HistoryRecord record(std::int64_t epoch, double trainLoss, double validationLoss = Metrics::nan,
                     double accuracy = Metrics::nan)
{
    HistoryRecord r;
    r.epoch = epoch;
    r.step = epoch * 10;
    r.learningRate = 0.03;
    r.train.count = 80;
    r.train.loss = trainLoss;
    r.train.accuracy = accuracy;
    r.validation.count = std::isnan(validationLoss) ? 0 : 20;
    r.validation.loss = validationLoss;
    return r;
}

/// Epochs 0..count-1 with a training loss falling linearly from 1 to 0.1.
/// Calls `seen` for every paint event of the widgets it watches.
class PaintWatcher : public QObject
{
public:
    explicit PaintWatcher(std::function<void()> seen)
        : m_seen(std::move(seen))
    {
    }

protected:
    bool eventFilter(QObject *, QEvent *event) override
    {
        if (event->type() == QEvent::Paint)
            m_seen();
        return false;
    }

private:
    std::function<void()> m_seen;
};

History fallingHistory(int count)
{
    History h;
    for (int i = 0; i < count; ++i)
        h.push_back(record(i, 1.0 - 0.9 * i / std::max(count - 1, 1)));
    return h;
}

bool similar(QRgb a, const QColor &b, int tolerance)
{
    return std::abs(qRed(a) - b.red()) <= tolerance && std::abs(qGreen(a) - b.green()) <= tolerance
           && std::abs(qBlue(a) - b.blue()) <= tolerance;
}

/// Pixels of `color` (within tolerance) in `area` of the image.
int countColor(const QImage &image, const QRect &area, const QColor &color, int tolerance = 24)
{
    int count = 0;
    const QRect r = area.intersected(image.rect());
    for (int y = r.top(); y <= r.bottom(); ++y) {
        for (int x = r.left(); x <= r.right(); ++x)
            count += similar(image.pixel(x, y), color, tolerance) ? 1 : 0;
    }
    return count;
}

QRect around(QPointF p, int radius)
{
    return QRect(p.toPoint() - QPoint(radius, radius), QSize(2 * radius + 1, 2 * radius + 1));
}

QImage render(LossPlot &plot)
{
    return plot.grab().toImage().convertToFormat(QImage::Format_RGB32);
}

/// Non-background pixels inside the plot area, off the grid lines and off the horizontal
/// line a constant loss `curve` draws: with nothing else there, the hint text's.
int hintPixels(LossPlot &plot, double curve = Metrics::nan)
{
    const QImage image = render(plot);
    const QRgb background = plot.palette().color(QPalette::Base).rgb();
    const QRectF area = plot.plotArea();
    std::vector<double> gridX, gridY;
    for (double t : plot.bottomTicks())
        gridX.push_back(plot.toPixel(t, 0).x());
    for (double t : plot.leftTicks())
        gridY.push_back(plot.toPixel(0, t).y());
    if (!std::isnan(curve)) {
        for (double dy = -3; dy <= 3; ++dy)  // the curve is thicker than a grid line
            gridY.push_back(plot.toPixel(0, curve).y() + dy);
    }
    const auto near = [](const std::vector<double> &lines, int v) {
        return std::any_of(lines.begin(), lines.end(), [v](double g) { return std::abs(g - v) < 2; });
    };
    int count = 0;
    for (int y = static_cast<int>(area.top()) + 2; y < static_cast<int>(area.bottom()) - 1; ++y) {
        for (int x = static_cast<int>(area.left()) + 2; x < static_cast<int>(area.right()) - 1; ++x)
            count += !near(gridX, x) && !near(gridY, y) && image.pixel(x, y) != background;
    }
    return count;
}

}  // namespace

class TestLossplot : public QObject
{
    Q_OBJECT

private slots:
    void decimationStaysBoundedAndKeepsSpikes()
    {
        // A million epochs, fed as the main window does: the whole history, growing, each time.
        constexpr int kRows = 1'000'000;
        constexpr int kSpike = 4'321;  // early, so it goes through every merge of the buckets
        History history;
        history.reserve(kRows);
        LossPlot plot;
        plot.resize(480, 320);
        for (int chunk = 0; chunk < kRows / 10'000; ++chunk) {
            for (int i = chunk * 10'000; i < (chunk + 1) * 10'000; ++i)
                history.push_back(record(i, i == kSpike ? 100.0 : 1.0 + 0.05 * std::sin(i * 0.001)));
            plot.setHistory(history, false);
            QVERIFY2(plot.bucketCount() <= LossPlot::kMaxBuckets, qPrintable(QString::number(plot.bucketCount())));
        }
        QCOMPARE(plot.rowCount(), std::size_t(kRows));
        // Merging halves the buckets, so a long history uses between half the cap and the cap.
        QVERIFY(plot.bucketCount() >= LossPlot::kMaxBuckets / 2);

        // The y range is computed from the buckets, so it reaching 100 shows the spike survived.
        const auto [lo, hi] = plot.leftRange();
        QCOMPARE(lo, 0.0);
        QVERIFY2(hi >= 100.0 && hi < 200.0, qPrintable(QString::number(hi)));
        QCOMPARE(plot.readoutAt(kSpike), QStringLiteral("epoch 4321\ntrain loss 100"));

        // And it is drawn: a bar in the training loss's blue high above the rest of the curve
        // (near 1), where otherwise only grey grid lines are.
        const QImage image = render(plot);
        const QRectF area = plot.plotArea();
        const QRect high(QPointF(area.left(), plot.toPixel(0, 90).y()).toPoint(),
                         QPointF(area.right(), plot.toPixel(0, 50).y()).toPoint());
        int blue = 0;
        for (int y = high.top(); y <= high.bottom(); ++y) {
            for (int x = high.left(); x <= high.right(); ++x)
                blue += qBlue(image.pixel(x, y)) - qRed(image.pixel(x, y)) > 40;
        }
        QVERIFY2(blue >= high.height(), qPrintable(QString::number(blue)));  // at least a column's worth

        // Chunked appends build the same envelope as one pass over the whole history.
        LossPlot whole;
        whole.resize(480, 320);
        whole.setHistory(history, true);
        QCOMPARE(whole.bucketCount(), plot.bucketCount());
        QCOMPARE(whole.leftRange(), plot.leftRange());
    }

    void drawingDoesNotGrowWithTheHistory()
    {
        // What a paint records (every line, bar and label) for a noisy run of 50 thousand and of
        // a million epochs: about the same, because it is bounded by the width in pixels.
        const auto recorded = [](int rows) {
            History history;
            history.reserve(static_cast<std::size_t>(rows));
            for (int i = 0; i < rows; ++i) {
                const double noise = std::abs(std::fmod(std::sin(i * 12.9898) * 43758.5453, 1.0));
                history.push_back(record(i, 0.2 + noise, 0.5 + noise, 0.5 + 0.4 * noise));
            }
            LossPlot plot;
            plot.resize(800, 400);
            plot.setShowLearningRate(true);
            plot.setHistory(history, true);
            QPicture picture;
            QPainter painter(&picture);
            plot.render(&painter);
            painter.end();
            return picture.size();
        };
        const qint64 small = recorded(50'000);
        const qint64 large = recorded(1'000'000);
        QVERIFY2(large < small * 5 / 4, qPrintable(QStringLiteral("%1 vs %2 bytes").arg(large).arg(small)));
    }

    void onlyNewRowsAreAppended()
    {
        LossPlot plot;
        History history = fallingHistory(5);
        plot.setHistory(history, false);
        QCOMPARE(plot.rowCount(), std::size_t(5));
        history.push_back(record(5, 0.05));
        history.push_back(record(6, 0.04));
        plot.setHistory(history, false);
        plot.setHistory(history, false);  // the same history again adds nothing
        QCOMPARE(plot.rowCount(), std::size_t(7));
        QCOMPARE(plot.bucketCount(), std::size_t(7));  // under the cap, one row per bucket
        QCOMPARE(plot.readoutAt(6), QStringLiteral("epoch 6\ntrain loss 0.04"));
    }

    void newRowsRepaintAtMostThirtyTimesASecond()
    {
        qint64 now = 1000;
        LossPlot plot;
        plot.setClock([&now] { return now; });
        plot.resize(500, 300);
        plot.show();
        QVERIFY(QTest::qWaitForWindowExposed(&plot));
        int paints = 0;
        PaintWatcher watcher([&paints] { ++paints; });
        plot.installEventFilter(&watcher);
        History history = fallingHistory(5);
        plot.setHistory(history, true);  // a new run: drawn at once
        QVERIFY(!plot.repaintPending());
        QTRY_VERIFY(paints > 0);

        // Rows 10 ms after that paint wait for the rest of the interval; more rows meanwhile
        // join them. The repaint comes by itself and shows them all.
        now += 10;
        history.push_back(record(5, 0.05));
        plot.setHistory(history, false);
        QVERIFY(plot.repaintPending());
        history.push_back(record(6, 0.04));
        plot.setHistory(history, false);
        QVERIFY(plot.repaintPending());
        const int before = paints;
        QTRY_VERIFY(paints > before);
        QVERIFY(!plot.repaintPending());

        // Rows an interval after the last paint are drawn at once.
        now += LossPlot::kRepaintMs;
        history.push_back(record(7, 0.03));
        plot.setHistory(history, false);
        QVERIFY(!plot.repaintPending());
        QCOMPARE(plot.rowCount(), std::size_t(8));
    }

    void resetRebuildsFromScratch()
    {
        LossPlot plot;
        History old;
        for (int i = 0; i < 100'000; ++i)
            old.push_back(record(i, 50.0));
        plot.setHistory(old, false);
        QVERIFY(plot.bucketCount() >= LossPlot::kMaxBuckets / 2);

        History fresh;
        for (int i = 0; i < 10; ++i)
            fresh.push_back(record(i, 0.2 + 0.01 * i));
        plot.setHistory(fresh, true);
        QCOMPARE(plot.rowCount(), std::size_t(10));
        QCOMPARE(plot.bucketCount(), std::size_t(10));
        QCOMPARE(plot.readoutAt(3), QStringLiteral("epoch 3\ntrain loss 0.23"));
        QVERIFY(plot.leftRange().second < 1.0);  // the old run's 50 is gone from the buckets

        // A compacted history (every other epoch kept) arrives with a reset from the controller
        // (test_controller checks that it says so); the plot then rebuilds from those rows.
        History compacted;
        for (int i = 0; i < 12; ++i)
            compacted.push_back(record(2 * i, 0.5));
        plot.setHistory(compacted, true);
        QCOMPARE(plot.rowCount(), std::size_t(12));
        QCOMPARE(plot.readoutAt(4), QStringLiteral("epoch 4\ntrain loss 0.5"));
        QCOMPARE(plot.readoutAt(21.6), QStringLiteral("epoch 22\ntrain loss 0.5"));
    }

    void readoutShowsTheNearestRow()
    {
        History history;
        for (int e = 0; e <= 500; e += 10) {
            HistoryRecord r = record(e, e / 2000.0, e / 1000.0, 0.5 + e / 1000.0);
            if (e == 250)
                r.validation.accuracy = 0.9;
            history.push_back(r);
        }
        LossPlot plot;
        plot.setHistory(history, true);
        QCOMPARE(plot.readoutAt(247),
                 QStringLiteral("epoch 250\ntrain loss 0.125\nvalidation loss 0.25\ntrain accuracy 75.0%\n"
                                "validation accuracy 90.0%"));
        // Rows without a value for a series leave its line out.
        QCOMPARE(plot.readoutAt(244), QStringLiteral("epoch 240\ntrain loss 0.12\nvalidation loss 0.24\n"
                                                     "train accuracy 74.0%"));
        QVERIFY(plot.readoutAt(-50).startsWith(QStringLiteral("epoch 0\n")));
        QVERIFY(plot.readoutAt(1e12).startsWith(QStringLiteral("epoch 500\n")));
        QVERIFY(!plot.readoutAt(250).contains(QStringLiteral("learning rate")));
        plot.setShowLearningRate(true);
        QVERIFY(plot.readoutAt(250).endsWith(QStringLiteral("\nlearning rate 0.03")));
    }

    void hoverFollowsTheMouse()
    {
        History history;
        for (int e = 0; e <= 500; e += 10)
            history.push_back(record(e, 1.0 - e / 1000.0));
        LossPlot plot;
        plot.resize(480, 320);
        plot.setHistory(history, true);
        plot.show();
        QVERIFY(QTest::qWaitForWindowExposed(&plot));
        const QImage before = render(plot);
        QVERIFY(plot.hoverText().isEmpty());

        const QPointF target = plot.toPixel(250, 0.2);
        QTest::mouseMove(&plot, target.toPoint());
        QTRY_COMPARE(plot.hoverText(), QStringLiteral("epoch 250\ntrain loss 0.75"));
        // The guide line and the read-out box change the picture along the hovered epoch.
        const QImage after = render(plot);
        int changed = 0;
        const QRectF area = plot.plotArea();
        for (int y = static_cast<int>(area.top()); y < static_cast<int>(area.bottom()); ++y)
            changed += before.pixel(static_cast<int>(target.x()), y) != after.pixel(static_cast<int>(target.x()), y);
        QVERIFY2(changed > area.height() / 2, qPrintable(QString::number(changed)));

        // Outside the plot (in the margin) there is no read-out, nor after the mouse leaves.
        QTest::mouseMove(&plot, QPoint(1, 1));
        QTRY_VERIFY(plot.hoverText().isEmpty());
        QTest::mouseMove(&plot, target.toPoint());
        QTRY_VERIFY(!plot.hoverText().isEmpty());
        QEvent leave(QEvent::Leave);
        QApplication::sendEvent(&plot, &leave);
        QVERIFY(plot.hoverText().isEmpty());
    }

    void logScaleUsesDecades()
    {
        History history;
        for (int i = 0; i <= 30; ++i)
            history.push_back(record(i, std::pow(10.0, -i / 10.0)));  // 1 down to 0.001
        LossPlot plot;
        plot.resize(480, 400);
        plot.setHistory(history, true);

        // Linear: from zero, in steps that are not decades.
        QCOMPARE(plot.leftTicks().front(), 0.0);
        QCOMPARE(plot.leftRange().second, 1.0);

        plot.setLogScale(true);
        QCOMPARE(plot.leftRange().first, 0.001);
        QCOMPARE(plot.leftRange().second, 1.0);
        const std::vector<double> ticks = plot.leftTicks();
        QCOMPARE(ticks.size(), std::size_t(4));
        for (double expected : {0.001, 0.01, 0.1, 1.0})
            QVERIFY2(std::any_of(ticks.begin(), ticks.end(), [&](double t) { return qFuzzyCompare(t, expected); }),
                     qPrintable(QString::number(expected)));

        QCOMPARE(plot.tickLabels(Qt::LeftEdge), (QStringList{"0.001", "0.01", "0.1", "1"}));
        history.back().train.loss = 20.0;  // exponents only far from 1
        history.front().train.loss = 2e-6;
        plot.setHistory(history, true);
        QCOMPARE(plot.tickLabels(Qt::LeftEdge).front(), QStringLiteral("1e-6"));
        QCOMPARE(plot.tickLabels(Qt::LeftEdge).back(), QStringLiteral("100"));
        history.back().train.loss = 0.001;
        history.front().train.loss = 1.0;
        plot.setHistory(history, true);

        // A perfect fit (loss 0) gets one decade of room and is drawn on the bottom edge.
        history.push_back(record(31, 0.0));
        plot.setHistory(history, false);
        QCOMPARE(plot.leftRange().first, 0.0001);
        QCOMPARE(plot.toPixel(31, 0.0).y(), plot.plotArea().bottom());
        // A vanishing value does not stretch the axis beyond the floor.
        history.back().train.loss = 1e-300;
        plot.setHistory(history, true);
        QCOMPARE(plot.leftRange().first, LossPlot::kLogFloor);
        QCOMPARE(plot.toPixel(31, 1e-300).y(), plot.plotArea().bottom());

        // Nine decades in a short plot: every k-th decade is labelled, counting from 1.
        history.front().train.loss = 10.0;
        plot.setHistory(history, true);
        plot.resize(480, 200);
        const QStringList labels = plot.tickLabels(Qt::LeftEdge);
        QVERIFY2(labels.size() < 6 && labels.contains(QStringLiteral("1")), qPrintable(labels.join(QLatin1Char(' '))));
        const std::vector<double> sparse = plot.leftTicks();
        for (std::size_t i = 2; i < sparse.size(); ++i)
            QVERIFY(qFuzzyCompare(sparse[i] / sparse[i - 1], sparse[1] / sparse[0]));
    }

    void tickLabelsAreCompact()
    {
        LossPlot plot;
        plot.resize(480, 320);
        History history;
        for (int e = 0; e <= 1'500'000; e += 50'000)
            history.push_back(record(e, 1.0 - e / 2e6, Metrics::nan, 0.5));
        plot.setHistory(history, true);
        const QStringList epochs = plot.tickLabels(Qt::BottomEdge);
        QVERIFY2(epochs.contains(QStringLiteral("1M")), qPrintable(epochs.join(QLatin1Char(' '))));
        QCOMPARE(epochs.front(), QStringLiteral("0"));
        const QRegularExpression compact(QStringLiteral("^(0|[1-9][0-9]{0,2}(\\.[0-9]+)?[kM])$"));
        for (const QString &label : epochs)
            QVERIFY2(compact.match(label).hasMatch(), qPrintable(label));
        // Loss ticks share their decimals; accuracy is in percent.
        const QStringList losses = plot.tickLabels(Qt::LeftEdge);
        QCOMPARE(losses.front(), QStringLiteral("0.0"));
        QCOMPARE(losses.back(), QStringLiteral("1.0"));
        QCOMPARE(plot.tickLabels(Qt::RightEdge).front(), QStringLiteral("0%"));
        QCOMPARE(plot.tickLabels(Qt::RightEdge).back(), QStringLiteral("100%"));
        // Short histories count plainly.
        plot.setHistory(fallingHistory(8), true);
        QCOMPARE(plot.tickLabels(Qt::BottomEdge).front(), QStringLiteral("0"));
        QCOMPARE(plot.tickLabels(Qt::BottomEdge).back(), QStringLiteral("7"));
        QVERIFY(plot.tickLabels(Qt::RightEdge).isEmpty());  // no accuracy in these rows: no right axis
    }

    void regressionShowsRmseClassificationAccuracy()
    {
        History history;
        for (int i = 0; i < 20; ++i) {
            HistoryRecord r = record(i, 1.0 / (i + 1), 1.2 / (i + 1));
            r.train.rmse = 0.5;
            r.validation.rmse = 0.75;
            history.push_back(r);
        }
        LossPlot plot;
        plot.resize(480, 320);
        plot.setClassification(false);
        plot.setHistory(history, true);
        QCOMPARE(plot.legendLabels(), (QStringList{QStringLiteral("train loss"), QStringLiteral("validation loss"),
                                                   QStringLiteral("train RMSE"), QStringLiteral("validation RMSE")}));
        QVERIFY(plot.readoutAt(0).endsWith(QStringLiteral("\ntrain RMSE 0.5\nvalidation RMSE 0.75")));
        QVERIFY(!plot.readoutAt(0).contains(QStringLiteral("accuracy")));
        QCOMPARE(plot.rightTicks().front(), 0.0);
        QVERIFY(plot.rightTicks().back() >= 0.75);

        // Classification, no validation set: accuracy on the right, no validation entries at all.
        for (HistoryRecord &r : history) {
            r.validation = Metrics{};
            r.train.rmse = Metrics::nan;
            r.train.accuracy = 0.8;
        }
        plot.setClassification(true);
        plot.setHistory(history, true);
        QCOMPARE(plot.legendLabels(), (QStringList{QStringLiteral("train loss"), QStringLiteral("train accuracy")}));
        QCOMPARE(plot.readoutAt(0), QStringLiteral("epoch 0\ntrain loss 1\ntrain accuracy 80.0%"));
        QCOMPARE(plot.rightTicks().front(), 0.0);
        QCOMPARE(plot.rightTicks().back(), 1.0);  // 100%

        plot.setShowLearningRate(true);
        QCOMPARE(plot.legendLabels().last(), QStringLiteral("learning rate"));
    }

    void rendersCurveOnBackground()
    {
        LossPlot plot;
        plot.resize(480, 320);
        const History history = fallingHistory(101);
        plot.setHistory(history, true);
        QImage image = render(plot);
        const QColor background = plot.palette().color(QPalette::Base);
        const QRect area = plot.plotArea().toRect();

        // The curve passes through (50, 0.55) in the training-loss colour ...
        QVERIFY(countColor(image, around(plot.toPixel(50, 0.55), 2), plot.seriesColor(LossPlot::TrainLoss)) > 0);
        // ... but not through a point well below it, and most of the plot is background.
        QCOMPARE(countColor(image, around(plot.toPixel(50, 0.25), 2), plot.seriesColor(LossPlot::TrainLoss)), 0);
        QVERIFY(countColor(image, area, background, 0) > area.width() * area.height() * 6 / 10);

        // A dark palette: dark background, a lighter curve colour that still shows.
        QPalette dark = plot.palette();
        dark.setColor(QPalette::Base, QColor(30, 30, 32));
        dark.setColor(QPalette::Text, QColor(230, 230, 230));
        plot.setPalette(dark);
        image = render(plot);
        QVERIFY(plot.seriesColor(LossPlot::TrainLoss).lightness() > 128);
        QVERIFY(countColor(image, around(plot.toPixel(50, 0.55), 2), plot.seriesColor(LossPlot::TrainLoss)) > 0);
        QVERIFY(countColor(image, area, QColor(30, 30, 32), 0) > area.width() * area.height() * 6 / 10);
    }

    void nonFiniteValuesAreGaps()
    {
        History history = fallingHistory(20);
        history[10].train.loss = std::numeric_limits<double>::infinity();
        history[11].train.loss = Metrics::nan;
        LossPlot plot;
        plot.resize(480, 320);
        plot.setHistory(history, true);
        QCOMPARE(plot.leftRange(), std::make_pair(0.0, 1.0));  // the infinity does not stretch the axis
        QCOMPARE(plot.readoutAt(10), QStringLiteral("epoch 10"));
        QCOMPARE(plot.readoutAt(12), QStringLiteral("epoch 12\ntrain loss 0.4316"));
        // The curve is broken at the gap: nothing drawn halfway between epochs 9 and 12.
        const QImage image = render(plot);
        const QPointF gap = plot.toPixel(10.5, (history[9].train.loss + history[12].train.loss) / 2);
        QCOMPARE(countColor(image, around(gap, 2), plot.seriesColor(LossPlot::TrainLoss)), 0);
        QVERIFY(countColor(image, around(plot.toPixel(5, history[5].train.loss), 2),
                           plot.seriesColor(LossPlot::TrainLoss)) > 0);
        // Even a widget far too small for its labels paints without trouble.
        plot.resize(12, 9);
        QCOMPARE(render(plot).size(), QSize(12, 9));
        QVERIFY(plot.plotArea().width() >= 1 && plot.plotArea().height() >= 1);
    }

    void aDivergenceIsClippedWithAMarkAndTheHistoryBeforeStaysReadable()
    {
        // 100 epochs falling from 1 to 0.1, then the loss explodes to 3.2e26 in four epochs.
        History history = fallingHistory(100);
        // The validation loss (dashed: drawn dash by dash) blows up alike; drawing it must not
        // walk the 1e26 pixels the line would have past the plot.
        for (double v : {50.0, 1e6, 1e15, 3.2e26})
            history.push_back(record(std::int64_t(history.size()), v, v));
        LossPlot plot;
        plot.resize(480, 320);
        plot.setHistory(history, true);
        // The axis stops at the highest value within a hundredfold of the start (50), not at
        // 3.2e26, so the first hundred epochs use a fiftieth of the height, not 1e-26 of it.
        QCOMPARE(plot.leftRange(), std::make_pair(0.0, 50.0));
        const QPointF start = plot.toPixel(0, 1.0);
        const QPointF end = plot.toPixel(99, 0.1);
        QVERIFY(start.y() < end.y() - 4);  // the fall is visible, in pixels
        // The labels are plain numbers and the note says what went off the scale and where.
        for (const QString &label : plot.tickLabels(Qt::LeftEdge))
            QVERIFY2(!label.contains(QLatin1Char('G')) && !label.contains(QLatin1Char('+')), qPrintable(label));
        QCOMPARE(plot.offScaleNotes(), QStringList{QStringLiteral("loss up to 3.2e26")});
        // The mark is drawn: a triangle in the curve's colour on the top edge at epoch 101.
        const QImage image = render(plot);
        const QPointF mark(plot.toPixel(101, 0).x(), plot.plotArea().top() + 4);
        QVERIFY(countColor(image, around(mark, 3), plot.seriesColor(LossPlot::TrainLoss)) > 0);
        // The read-out still tells the true value.
        QCOMPARE(plot.readoutAt(103), QStringLiteral("epoch 103\ntrain loss 3.2e26\nvalidation loss 3.2e26"));

        // On a log axis: six decades above the ordinary level stay, 1e15 and 3.2e26 go off it.
        plot.setLogScale(true);
        QCOMPARE(plot.leftRange().second, 1e6);
        const QPointF logMark(plot.toPixel(102, 0).x(), plot.plotArea().top() + 4);
        QVERIFY(countColor(render(plot), around(logMark, 3), plot.seriesColor(LossPlot::TrainLoss)) > 0);
        QCOMPARE(plot.tickLabels(Qt::LeftEdge).back(), QStringLiteral("1e6"));
        QCOMPARE(plot.offScaleNotes(), QStringList{QStringLiteral("loss up to 3.2e26")});
        render(plot);
        // A healthy run has no note and its axis spans all of it.
        plot.setLogScale(false);
        plot.setHistory(fallingHistory(100), true);
        QVERIFY(plot.offScaleNotes().isEmpty());
        QCOMPARE(plot.leftRange(), std::make_pair(0.0, 1.0));

        // η so large that the weights explode from the first epoch on (the learning-rate
        // lesson's last variant): the start stays on the scale, RMSE too is capped.
        History burst;
        for (double v : {0.073, 4e7, 2e16, 1e25, 6.4e34}) {
            HistoryRecord r = record(std::int64_t(burst.size()), v, v);
            r.train.rmse = r.validation.rmse = std::sqrt(2 * v);
            burst.push_back(r);
        }
        plot.setClassification(false);
        plot.setHistory(burst, true);
        QVERIFY(plot.leftRange().second < 1.0);
        QCOMPARE(plot.offScaleNotes(), (QStringList{QStringLiteral("loss up to 6.4e34"),
                                                    QStringLiteral("RMSE up to 3.58e17")}));
        render(plot);
    }

    void aChangeOfSettingsIsMarkedAtItsEpoch()
    {
        LossPlot plot;
        plot.resize(480, 320);
        plot.setHistory(fallingHistory(40), true);
        Config before = defaultConfig();
        before.training.optimizer.learningRate = 0.01;
        before.training.optimizer.kind = OptimizerKind::SGD;
        Config after = before;
        after.training.optimizer.learningRate = 0.1;
        // Before training, a setting is the run's own: no marker.
        plot.noteChange(0, before, after, false);
        QVERIFY(plot.markers().empty());
        plot.noteChange(20, before, after, false);
        QCOMPARE(plot.markerLabels(), QStringList{QStringLiteral("η 0.01 → 0.1")});
        QCOMPARE(plot.markers().front().epoch, std::int64_t(20));
        // Dragging on in the same epoch extends the label; the optimizer, the activation of
        // every layer and the data are labelled by name.
        Config further = after;
        further.training.optimizer.learningRate = 0.3;
        plot.noteChange(20, after, further, false);
        QCOMPARE(plot.markerLabels(), QStringList{QStringLiteral("η 0.01 → 0.3")});
        Config adam = further;
        adam.training.optimizer.kind = OptimizerKind::Adam;
        for (LayerSpec &layer : adam.network.hidden)
            layer.activation = Activation::ReLU;
        plot.noteChange(33, further, adam, true);
        QCOMPARE(plot.markerLabels(), (QStringList{QStringLiteral("η 0.01 → 0.3"), QStringLiteral("optimizer SGD → Adam"),
                                                   QStringLiteral("activation Tanh → ReLU"), QStringLiteral("data changed")}));
        // Drawn: a dashed line at the epoch, in the plot.
        const QImage image = render(plot);
        const QRgb background = plot.palette().color(QPalette::Base).rgb();
        const int x = int(std::round(plot.toPixel(33, 0).x()));
        int marked = 0;
        for (int y = int(plot.plotArea().top()) + 2; y < int(plot.plotArea().center().y()); ++y)
            marked += image.pixel(x, y) != background;
        QVERIFY2(marked > 10, qPrintable(QString::number(marked)));

        // A thinned-out history that still reaches epoch 33 keeps them; a restart drops them.
        History thinned;
        for (int e = 0; e < 40; e += 2)
            thinned.push_back(record(e, 1.0 - e / 50.0));
        plot.setHistory(thinned, true);
        QCOMPARE(plot.markers().size(), std::size_t(4));
        plot.setHistory(fallingHistory(1), true);
        QVERIFY(plot.markers().empty());
    }

    void emptyAndSingleRowHistoriesDraw()
    {
        LossPlot plot;
        plot.resize(400, 260);
        plot.setHistory({}, true);
        QCOMPARE(plot.leftRange(), std::make_pair(0.0, 1.0));
        QVERIFY(plot.leftTicks().size() >= 2);
        QVERIFY(plot.readoutAt(3).isEmpty());
        QVERIFY(plot.legendLabels().isEmpty());
        // A hint is written in the plot, where otherwise there is only the grid.
        QVERIFY2(hintPixels(plot) > 30, qPrintable(QString::number(hintPixels(plot))));
        plot.setLogScale(true);
        QCOMPARE(plot.leftRange(), std::make_pair(0.01, 1.0));
        render(plot);
        plot.setLogScale(false);

        // A new run starts with its epoch-0 row: dots, and still the hint, as nothing has trained.
        plot.setHistory({record(0, 0.7)}, false);
        QCOMPARE(plot.bottomTicks(), std::vector<double>{0.0});  // one row sits in the middle
        QCOMPARE(plot.toPixel(0, 0).x(), plot.plotArea().center().x());
        const QImage image = render(plot);
        QVERIFY(countColor(image, around(plot.toPixel(0, 0.7), 2), plot.seriesColor(LossPlot::TrainLoss)) > 0);
        QCOMPARE(plot.readoutAt(1e9), QStringLiteral("epoch 0\ntrain loss 0.7"));
        const int withHint = hintPixels(plot, 0.7);
        QVERIFY2(withHint > 30, qPrintable(QString::number(withHint)));
        // Once an epoch is recorded the hint goes; the two dots' line is all that is left.
        plot.setHistory({record(0, 0.7), record(1, 0.7)}, false);
        QVERIFY2(hintPixels(plot, 0.7) < withHint - 30, qPrintable(QString::number(hintPixels(plot, 0.7))));
    }
};

QTEST_MAIN(TestLossplot)
#include "test_lossplot.moc"
