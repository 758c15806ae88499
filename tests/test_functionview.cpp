// The function view of the 1-D mode: it paints the network's output and each hidden unit's term
// where they lie, hovering a curve or a chip highlights that unit and reads out α, w, b, deeper and
// 2-D networks get a sentence instead of terms, dragging draws a curve, and large type moves the
// parts instead of clipping them.

#include "functionview.h"
#include "numberformat.h"
#include "trainedmodel.h"

#include <QMouseEvent>
#include <QSignalSpy>
#include <QtTest>

#include <cmath>

using namespace np;

namespace {

Config curveConfig(std::vector<LayerSpec> hidden = {LayerSpec{4, Activation::Tanh}})
{
    Config c;
    c.data.generator = Generator::CurveSin;
    c.data.count = 120;
    c.features = {Feature::X1};
    c.network.hidden = std::move(hidden);
    c.network.head = OutputHead::Linear;
    c.network.loss = Loss::Squared;
    c.training.optimizer.learningRate = 0.03;
    return c;
}

void moveTo(QWidget &w, const QPointF &pos, Qt::MouseButtons buttons = Qt::NoButton)
{
    QMouseEvent event(QEvent::MouseMove, pos, w.mapToGlobal(pos), Qt::NoButton, buttons, Qt::NoModifier);
    QApplication::sendEvent(&w, &event);
}

void press(QWidget &w, QEvent::Type type, const QPointF &pos)
{
    QMouseEvent event(type, pos, w.mapToGlobal(pos), Qt::LeftButton,
                      type == QEvent::MouseButtonRelease ? Qt::NoButton : Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&w, &event);
}

/// Whether a pixel within r of p is close to colour c.
bool hasColourNear(const QImage &image, QPointF p, const QColor &c, int r = 2)
{
    for (int dy = -r; dy <= r; ++dy)
        for (int dx = -r; dx <= r; ++dx) {
            const QPoint q = p.toPoint() + QPoint(dx, dy);
            if (!image.rect().contains(q))
                continue;
            const QColor got(image.pixel(q));
            if (std::abs(got.red() - c.red()) + std::abs(got.green() - c.green()) + std::abs(got.blue() - c.blue()) < 60)
                return true;
        }
    return false;
}

/// Whether a pixel within r of p has the hue of colour c (thin, translucent, antialiased lines
/// keep their hue but not their exact colour).
bool hasHueNear(const QImage &image, QPointF p, const QColor &c, int r = 2)
{
    for (int dy = -r; dy <= r; ++dy)
        for (int dx = -r; dx <= r; ++dx) {
            const QPoint q = p.toPoint() + QPoint(dx, dy);
            if (!image.rect().contains(q))
                continue;
            const QColor got(image.pixel(q));
            const int dh = std::abs(got.hsvHue() - c.hsvHue());
            if (got.hsvSaturation() > 50 && std::min(dh, 360 - dh) < 20)
                return true;
        }
    return false;
}

}  // namespace

class TestFunctionView : public QObject
{
    Q_OBJECT

private slots:
    void paintsTheOutputAndEveryTerm()
    {
        const Config c = curveConfig();
        const test::Trained t = test::train(c, 30);
        FunctionView view;
        view.resize(640, 420);
        view.setData(c, t.dataset);
        view.setModel(t.model);
        const Approximation &a = view.approximation();
        QVERIFY(a.hasTerms);
        QCOMPARE(a.units.size(), std::size_t(4));
        QVERIFY(view.messageText().isEmpty());
        QCOMPARE(view.widgetLayout().chips.size(), std::size_t(4));

        const QImage image = view.grab().toImage();
        const QRectF plot = view.widgetLayout().plot;
        int onOutput = 0, onTerm = 0, samples = 0;
        for (std::size_t j = 20; j < a.x.size() - 20; j += 20) {
            const QPointF p = view.toPixel(a.x[j], a.output[j]);
            if (!plot.contains(p))
                continue;
            ++samples;
            onOutput += hasColourNear(image, p, view.palette().color(QPalette::Text), 1);
            const QPointF q = view.toPixel(a.x[j], a.units[1].contribution[j]);
            if (plot.contains(q))
                onTerm += hasHueNear(image, q, unitColor(1, 4));
        }
        QVERIFY(samples >= 8);
        QCOMPARE(onOutput, samples);  // the thick line lies on F(x) all along
        QVERIFY2(onTerm >= samples / 2, qPrintable(QString::number(onTerm)));
    }

    void hoverHighlightsAUnitAndReadsItOut()
    {
        const Config c = curveConfig();
        const test::Trained t = test::train(c, 30);
        FunctionView view;
        view.resize(640, 420);
        view.setData(c, t.dataset);
        view.setModel(t.model);
        const Approximation &a = view.approximation();
        QCOMPARE(view.highlightedUnit(), -1);
        const QRectF plot = view.widgetLayout().plot;

        // A point on some unit's curve at least 12 px from every other curve.
        int unit = -1;
        std::size_t column = 0;
        QPointF at;
        for (std::size_t j = 10; j < a.x.size() - 10 && unit < 0; j += 5) {
            for (std::size_t i = 0; i < a.units.size() && unit < 0; ++i) {
                const QPointF p = view.toPixel(a.x[j], a.units[i].contribution[j]);
                if (!view.widgetLayout().plot.adjusted(4, 4, -4, -4).contains(p))
                    continue;
                bool apart = true;
                for (std::size_t k = 0; k < a.units.size(); ++k)
                    apart &= k == i || std::abs(view.toPixel(a.x[j], a.units[k].contribution[j]).y() - p.y()) > 12;
                if (apart) {
                    unit = int(i);
                    column = j;
                    at = p + QPointF(0, 3);  // a little off the line still counts
                }
            }
        }
        QVERIFY(unit >= 0);
        moveTo(view, at);
        QCOMPARE(view.highlightedUnit(), unit);
        // Hovering moves nothing: the read-out's room was reserved.
        QCOMPARE(view.toPixel(a.x[column], a.units[std::size_t(unit)].contribution[column]), at - QPointF(0, 3));
        QCOMPARE(view.widgetLayout().plot, plot);
        const ApproximationUnit &u = a.units[std::size_t(unit)];
        QVERIFY2(view.readoutText().contains(QString("Unit %1").arg(unit + 1)), qPrintable(view.readoutText()));
        QVERIFY(view.readoutText().contains("α = " + formatValue(u.alpha)));
        QVERIFY(view.readoutText().contains("w = " + formatValue(u.w[0])));
        QVERIFY(view.readoutText().contains("b = " + formatValue(u.b)));

        // The highlighted curve is drawn wide in its own colour.
        const QImage image = view.grab().toImage();
        int wide = 0;
        for (int dy = -3; dy <= 3; ++dy)
            wide += hasHueNear(image, at - QPointF(0, 3) + QPointF(0, dy), unitColor(unit, 4), 0);
        QVERIFY(wide >= 3);

        // The chips highlight too; leaving clears.
        const QRectF chip = view.widgetLayout().chips.at(2);
        moveTo(view, chip.center());
        QCOMPARE(view.highlightedUnit(), 2);
        QEvent leave(QEvent::Leave);
        QApplication::sendEvent(&view, &leave);
        QCOMPARE(view.highlightedUnit(), -1);
        QCOMPARE(view.widgetLayout().plot, plot);
        QVERIFY(view.readoutText().contains("output bias"));
    }

    void deepAndPlanarNetworksSayWhy()
    {
        Config deep = curveConfig({LayerSpec{4, Activation::ReLU}, LayerSpec{4, Activation::ReLU}});
        const test::Trained d = test::train(deep, 2);
        FunctionView view;
        view.resize(500, 360);
        view.setData(deep, d.dataset);
        view.setModel(d.model);
        QVERIFY(view.approximation().isFunction);
        QVERIFY(!view.approximation().hasTerms);
        QVERIFY2(view.messageText().contains("deeper"), qPrintable(view.messageText()));
        QVERIFY(view.widgetLayout().chips.empty());
        QCOMPARE(view.approximation().output.size(), std::size_t(FunctionView::kSamples));

        Config planar = deep;
        planar.data.generator = Generator::Spiral;
        planar.features = FeatureSet::plain();
        planar.network.head = OutputHead::Sigmoid;
        planar.network.loss = Loss::BinaryCrossEntropy;
        const test::Trained p = test::train(planar, 1);
        view.setData(planar, p.dataset);
        view.setModel(p.model);
        QVERIFY(!view.approximation().isFunction);
        QVERIFY(view.messageText().contains("x2"));
        QVERIFY(view.messageText().contains("1-D"));
        QVERIFY(!view.canDraw());
    }

    void draggingDrawsACurve()
    {
        const Config c = curveConfig();
        const test::Trained t = test::train(c, 1);
        FunctionView view;
        view.resize(640, 420);
        view.setData(c, t.dataset);
        view.setModel(t.model);
        QVERIFY(view.canDraw());
        QSignalSpy drawn(&view, &FunctionView::curveDrawn);
        press(view, QEvent::MouseButtonPress, view.toPixel(-4, 0.5));
        for (int k = 1; k <= 8; ++k)
            moveTo(view, view.toPixel(-4 + k * 0.5, 0.5 - k * 0.125), Qt::LeftButton);  // down to (0, -0.5)
        for (int k = 1; k <= 8; ++k)
            moveTo(view, view.toPixel(k * 0.5, -0.5 + k * 0.125), Qt::LeftButton);  // up to (4, 0.5)
        QCOMPARE(view.highlightedUnit(), -1);  // drawing, not hovering
        press(view, QEvent::MouseButtonRelease, view.toPixel(4, 0.5));
        QCOMPARE(drawn.count(), 1);
        const auto curve = drawn.at(0).at(0).value<DrawnCurve>();
        QVERIFY(std::abs(curve.xMin() + 4) < 0.05);
        QVERIFY(std::abs(curve.xMax() - 4) < 0.05);
        QVERIFY(std::abs(curve(0.0) + 0.5) < 0.03);
        QVERIFY(std::abs(curve(-2.0)) < 0.03);

        // A click is not a curve.
        press(view, QEvent::MouseButtonPress, view.toPixel(1, 0));
        press(view, QEvent::MouseButtonRelease, view.toPixel(1, 0));
        QCOMPARE(drawn.count(), 1);
    }

    void largeTypeMovesThePartsInsteadOfClipping_data()
    {
        QTest::addColumn<int>("pixelSize");
        QTest::addColumn<QSize>("size");
        QTest::addColumn<int>("units");
        QTest::newRow("1280x800 dock") << 13 << QSize(560, 380) << 8;
        QTest::newRow("presentation 1280x720") << 26 << QSize(600, 420) << 12;
        QTest::newRow("narrow, many units") << 22 << QSize(380, 460) << 24;
    }

    void largeTypeMovesThePartsInsteadOfClipping()
    {
        // The dock's sizes in the window at 1280x800 and in presentation mode at 1280x720.
        QFETCH(int, pixelSize);
        QFETCH(QSize, size);
        QFETCH(int, units);
        const Config c = curveConfig({LayerSpec{units, Activation::Sigmoid}});
        const test::Trained t = test::train(c, 1);
        FunctionView view;
        QFont font = view.font();
        font.setPixelSize(pixelSize);
        view.setFont(font);
        view.resize(size);
        view.setData(c, t.dataset);
        view.setModel(t.model);
        view.setHighlightedUnit(units - 1);  // the longest read-out
        const FunctionLayout l = view.widgetLayout();
        const QRectF all(view.rect());
        const double em = QFontMetricsF(font).height();
        QVERIFY(all.contains(l.readout));
        QVERIFY(all.contains(l.xTitle));
        // Every unit has a chip, or (where they would squeeze the plot) none does.
        QVERIFY(l.chips.size() == std::size_t(units) || l.chips.empty());
        for (const QRectF &chip : l.chips)
            QVERIFY(all.contains(chip));
        // The read-out is tall enough for its wrapped text.
        const QRectF needed = QFontMetricsF(font).boundingRect(QRectF(0, 0, l.readout.width(), 1e6), Qt::TextWordWrap,
                                                               view.readoutText());
        QVERIFY(l.readout.height() >= needed.height());
        // The x-axis title has its own row below the tick labels ("6" included), and the last tick
        // label fits to the right of the plot.
        QVERIFY(l.xTitle.top() >= l.plot.bottom() + em);
        QVERIFY(l.plot.right() + QFontMetricsF(font).horizontalAdvance("6") / 2 <= all.right());
        if (!l.chips.empty()) {
            QVERIFY(l.chips.front().top() >= l.xTitle.bottom());
            QVERIFY(l.readout.top() >= l.chips.back().bottom());
        }
        QVERIFY(l.readout.top() >= l.xTitle.bottom());
        QVERIFY2(l.plot.height() >= std::max(3 * em, 0.4 * size.height()), qPrintable(QString::number(l.plot.height())));
        // Hovering or not, the plot stays where it is.
        view.setHighlightedUnit(-1);
        QCOMPARE(view.widgetLayout().plot, l.plot);
        view.setHighlightedUnit(0);
        QCOMPARE(view.widgetLayout().plot, l.plot);
    }
};

QTEST_MAIN(TestFunctionView)
#include "test_functionview.moc"
