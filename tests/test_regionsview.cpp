// The linear-regions view: counts and bounds it shows for weights with a known answer, the
// states for networks without regions, and the shallow-vs-deep comparison trained in the background.

#include "regionspage.h"
#include "regionsview.h"

#include "data/generators.h"
#include "network/init.h"
#include "training/trainer.h"

#include <QPainter>
#include <QtTest>

#include <memory>
#include <numbers>
#include <set>

using namespace np;

namespace {

// One ReLU layer whose units switch on across n lines tangent to the unit circle: n lines in
// general position, every crossing inside the view (as in test_insight).
Model tangentLines(int n)
{
    Model m;
    m.network.hidden = {LayerSpec{n, Activation::ReLU}};
    m.outputs = 1;
    Network<Scalar> net(m.network, 2, 1);
    for (int k = 0; k < n; ++k) {
        const double theta = std::numbers::pi * (k + 0.25) / n;
        net.W(0)(k, 0) = Scalar(std::cos(theta));
        net.W(0)(k, 1) = Scalar(std::sin(theta));
        net.b(0)(k) = -1;
    }
    net.W(1).setOnes();
    m.parameters.assign(net.parameters().begin(), net.parameters().end());
    return m;
}

ViewFrame regionFrame(const Model &model, const Dataset &dataset = {}, int resolution = 512)
{
    ViewNeeds needs;
    needs.regions = true;
    needs.regionResolution = resolution;
    return computeViewFrame(model, dataset, BoundaryStyle{}, GridSpec{-6, 6, -6, 6, 8, 8}, needs);
}

Dataset generate(Generator generator, int count = 200)
{
    DataSpec spec;
    spec.generator = generator;
    spec.count = count;
    spec.noise = 0.2;
    return generateDataset(spec);
}

Config reluConfig(Generator generator, std::vector<int> widths, double learningRate = 0.01)
{
    Config config = defaultConfig();
    config.data.generator = generator;
    config.network.hidden.clear();
    for (int w : widths)
        config.network.hidden.push_back(LayerSpec{w, Activation::ReLU});
    config.init.scheme = InitScheme::He;
    config.training.optimizer.learningRate = learningRate;
    return config;
}

}  // namespace

class TestRegionsView : public QObject
{
    Q_OBJECT

private slots:
    void showsTheArrangementCountAndBound_data()
    {
        QTest::addColumn<int>("lines");
        for (int n : {1, 2, 4, 6})
            QTest::addRow("%d lines", n) << n;
    }

    void showsTheArrangementCountAndBound()
    {
        QFETCH(int, lines);
        RegionsView view;
        view.setFrame(regionFrame(tangentLines(lines)));
        const int expected = 1 + lines + lines * (lines - 1) / 2;
        QCOMPARE(view.state(), RegionsView::State::Regions);
        QCOMPARE(view.totalRegions(), expected);
        QCOMPARE(view.regionCounts(), std::vector<int>{expected});
        QCOMPARE(view.upperBound(), double(expected));
        QCOMPARE(view.montufarBound(), double(expected));
        QCOMPARE(view.resolution(), 512);
        const QStringList text = view.shownText();
        QVERIFY2(text.contains(QStringLiteral("%1 regions · at most %1").arg(expected)), qPrintable(text.join('\n')));
        QVERIFY(text.join('\n').contains(QStringLiteral("Whole network: %1 linear regions found; at most %1").arg(expected)));
        QVERIFY(text.join('\n').contains(QStringLiteral("Counted at 512×512 pixels")));
    }

    void deepNetsShowEveryLayerAndMontufar()
    {
        Model m;
        m.network.hidden = {LayerSpec{6, Activation::ReLU}, LayerSpec{6, Activation::ReLU}};
        m.outputs = 1;
        Network<Scalar> net(m.network, 2, 1);
        Rng rng(7);
        InitSpec init;
        init.scheme = InitScheme::He;
        initialize(net, init, rng);
        m.parameters.assign(net.parameters().begin(), net.parameters().end());
        RegionsView view;
        view.setFrame(regionFrame(m, {}, 128));
        QCOMPARE(view.regionCounts().size(), std::size_t(2));
        QCOMPARE(view.upperBound(), 22.0 * 22.0);     // (1 + 6 + 15)^2
        QCOMPARE(view.montufarBound(), 9.0 * 22.0);   // floor(6/2)^2 * 22
        const QString text = view.shownText().join('\n');
        QVERIFY(text.contains(QStringLiteral("after layer 2 of 2")));
        QVERIFY(text.contains(QStringLiteral("at least 198 regions")));
        QVERIFY(text.contains(QStringLiteral("one layer of all 12 units at most 79")));  // 1 + 12 + 66
    }

    void tanhNetsHaveNoRegions()
    {
        Model m = tangentLines(3);
        m.network.hidden[0].activation = Activation::Tanh;
        RegionsView view;
        view.setFrame(regionFrame(m));
        QCOMPARE(view.state(), RegionsView::State::NotPiecewiseLinear);
        QCOMPARE(view.totalRegions(), 0);
        const QString text = view.shownText().join('\n');
        QVERIFY(text.contains(QStringLiteral("not piecewise linear")));
        QVERIFY(text.contains(QStringLiteral("ReLU")));

        m.network.hidden.clear();
        m.parameters.assign(std::size_t(3), Scalar(1));
        view.setFrame(regionFrame(m));
        QCOMPARE(view.state(), RegionsView::State::NoHiddenLayers);
    }

    void captionsWrapInsteadOfBeingCut()
    {
        // Three maps with long captions in a narrow view: every caption line gets a box as wide
        // as its map (and half the gap) and as tall as its words wrapped to that width.
        RegionsPage page;
        for (int i = 0; i < 3; ++i) {
            RegionsPage::Panel panel;
            panel.image = QImage(64, 64, QImage::Format_RGB32);
            panel.image.fill(Qt::white);
            panel.lines << QStringLiteral("2 hidden layers of 16 ReLU units each") << QStringLiteral("1234 regions · at most 567890")
                        << QStringLiteral("train loss 0.1234 · accuracy 98.5% · validation loss 0.2345");
            page.panels.push_back(panel);
        }
        page.notes << QStringLiteral("Deeper nets fold the plane more often.");
        QFont font;
        for (const QSize size : {QSize(260, 520), QSize(700, 300), QSize(1200, 700)}) {
            const RegionsPage::Layout l = page.layout(QRectF(QPointF(0, 0), size), font);
            QCOMPARE(l.squares.size(), std::size_t(3));
            for (std::size_t i = 0; i < 3; ++i) {
                QCOMPARE(l.captions[i].size(), std::size_t(3));
                for (int k = 0; k < 3; ++k) {
                    QFont f = font;
                    f.setBold(k == 0);
                    const QFontMetricsF fm(f);
                    const QRectF box = l.captions[i][std::size_t(k)];
                    const QRectF needed = fm.boundingRect(QRectF(0, 0, box.width(), 1e6),
                                                          Qt::TextWordWrap | Qt::AlignHCenter, page.panels[i].lines[k]);
                    QVERIFY2(needed.height() <= box.height() + 0.01 && needed.width() <= box.width() + 0.01,
                             qPrintable(QStringLiteral("%1: %2x%3 in %4x%5").arg(page.panels[i].lines[k]).arg(needed.width())
                                            .arg(needed.height()).arg(box.width()).arg(box.height())));
                    QVERIFY(box.top() >= l.squares[i].bottom());
                    if (k > 0)
                        QVERIFY(box.top() >= l.captions[i][std::size_t(k - 1)].bottom() - 0.01);
                }
            }
        }
        // Neighbours' captions keep apart.
        const RegionsPage::Layout wide = page.layout(QRectF(0, 0, 1200, 700), font);
        QCOMPARE(wide.squares[0].top(), wide.squares[1].top());
        QVERIFY(wide.captions[0][1].right() < wide.captions[1][1].left());
        // In the narrow view the long line takes more than one line's height.
        const RegionsPage::Layout narrow = page.layout(QRectF(0, 0, 260, 520), font);
        QVERIFY(narrow.captions[0][2].height() > 1.5 * QFontMetricsF(font).height());
    }

    void regionsAreDrawn()
    {
        RegionsView view;
        view.resize(600, 400);
        view.setFrame(regionFrame(tangentLines(4), {}, 256));
        const QImage image = view.grab().toImage().convertToFormat(QImage::Format_RGB32);
        // The 11 region colours cover much of the widget; count pixels of the outer region's colour.
        std::set<QRgb> colors;
        for (std::uint32_t id = 0; id < 11; ++id)
            colors.insert(regionColor(id));
        int regionPixels = 0;
        for (int y = 0; y < image.height(); ++y)
            for (int x = 0; x < image.width(); ++x)
                regionPixels += colors.count(image.pixel(x, y)) ? 1 : 0;
        QVERIFY2(regionPixels > 600 * 400 / 5, qPrintable(QString::number(regionPixels)));

        // The export draws the same maps, without the buttons.
        QImage figure(800, 600, QImage::Format_RGB32);
        figure.fill(Qt::black);
        QPainter painter(&figure);
        view.paintFigure(painter, QRectF(0, 0, 800, 600), FigureOptions{});
        painter.end();
        int figurePixels = 0;
        for (int y = 0; y < figure.height(); ++y)
            for (int x = 0; x < figure.width(); ++x)
                figurePixels += colors.count(figure.pixel(x, y)) ? 1 : 0;
        QVERIFY2(figurePixels > 800 * 600 / 5, qPrintable(QString::number(figurePixels)));
        QCOMPARE(view.figureName(), QStringLiteral("regions"));
    }

    void framesOnScreenAreDrawnAsAPaintDrawsThem()
    {
        // Four layers: eight maps, each at its own fraction of a pixel.
        Model m;
        m.network.hidden.assign(4, LayerSpec{6, Activation::ReLU});
        m.outputs = 1;
        Network<Scalar> net(m.network, 2, 1);
        Rng rng(7);
        InitSpec init;
        init.scheme = InitScheme::He;
        initialize(net, init, rng);
        m.parameters.assign(net.parameters().begin(), net.parameters().end());
        const Dataset data = generate(Generator::Spiral);
        const ViewFrame frame = regionFrame(m, data, 128);

        // Shown, a frame is drawn into the view's cache in steps; hidden, a paint draws it directly.
        RegionsView shown;
        RegionsView hidden;
        for (RegionsView *view : {&shown, &hidden}) {
            view->resize(700, 500);
            view->setData(reluConfig(Generator::Spiral, {6, 6, 6, 6}), data);
        }
        shown.show();
        QVERIFY(QTest::qWaitForWindowExposed(&shown));
        shown.setFrame(frame);
        hidden.setFrame(frame);
        const QImage direct = hidden.grab().toImage().convertToFormat(QImage::Format_RGB32);
        QCOMPARE(shown.grab().toImage().convertToFormat(QImage::Format_RGB32), direct);

        // The training points are drawn once per map position, then reused frame after frame.
        const int draws = shown.pointLayerDraws();
        QVERIFY(draws >= 1 && draws <= 8);
        shown.setFrame(frame);
        QCOMPARE(shown.grab().toImage().convertToFormat(QImage::Format_RGB32), direct);
        QCOMPARE(shown.pointLayerDraws(), draws);
    }

    void theComparisonTrainsTheTwoArchitectures()
    {
        const Dataset data = generate(Generator::Xor);
        const Config config = reluConfig(Generator::Xor, {8});
        std::atomic<bool> cancel = false;
        std::vector<std::int64_t> epochsSeen;
        const std::vector<RegionComparisonRun> runs = runRegionComparison(
            config, data, 3, 128, cancel, [&](int, std::int64_t e) { epochsSeen.push_back(e); });
        QCOMPARE(runs.size(), std::size_t(2));
        QCOMPARE(runs[0].label, QStringLiteral("1×20"));
        QCOMPARE(runs[0].network.hidden.size(), std::size_t(1));
        QCOMPARE(runs[0].network.hidden[0].units, 20);
        QCOMPARE(runs[1].network.hidden.size(), std::size_t(2));
        QCOMPARE(runs[1].network.hidden[1].units, 10);
        for (const RegionComparisonRun &run : runs) {
            QCOMPARE(run.network.hidden[0].activation, Activation::ReLU);
            QCOMPARE(run.epochs, std::int64_t(3));
            QVERIFY(run.regions && run.regions->applies);
            QCOMPARE(run.regions->map.grid.columns, 128);
            QVERIFY(run.regions->map.count() > 1);
            QVERIFY(std::isfinite(run.train.loss));
            QVERIFY(run.note.isEmpty());
        }
        QCOMPARE(runs[0].regions->upperBound.back(), 211.0);
        QCOMPARE(runs[1].regions->upperBound.back(), 56.0 * 56.0);
        QCOMPARE(runs[1].regions->montufar.back(), 25.0 * 56.0);
        QVERIFY(!epochsSeen.empty() && epochsSeen.back() == 3);
        // The user's other settings carry over.
        const Config c = comparisonConfig(config, data, {10, 10}, 3);
        QCOMPARE(c.training.optimizer, config.training.optimizer);
        QCOMPARE(c.training.seed, config.training.seed);
        QCOMPARE(c.init, config.init);
        QCOMPARE(c.training.maxEpochs, std::int64_t(3));
    }

    void theViewRunsTheComparisonInTheBackground()
    {
        RegionsView view;
        view.setComparisonEpochs(2);
        view.setData(reluConfig(Generator::Xor, {8}), generate(Generator::Xor));
        QSignalSpy finished(&view, &RegionsView::comparisonFinished);
        view.startComparison();
        QVERIFY(view.isComparing());
        QCOMPARE(view.page(), RegionsView::Page::Comparison);
        QVERIFY(finished.wait(30000));
        QVERIFY(!view.isComparing());
        QCOMPARE(view.comparison().size(), std::size_t(2));
        const QString text = view.shownText().join('\n');
        QVERIFY(text.contains(QStringLiteral("1×20 ReLU")));
        QVERIFY(text.contains(QStringLiteral("2×10 ReLU")));
        QVERIFY(text.contains(QStringLiteral("at most 3136 · Montúfar 1400")));
        QVERIFY(text.contains(QStringLiteral("2 epochs")));
    }

    void newDataCancelsTheComparison()
    {
        auto view = std::make_unique<RegionsView>();
        view->setComparisonEpochs(1'000'000);
        view->setData(reluConfig(Generator::Xor, {8}), generate(Generator::Xor, 2000));
        view->startComparison();
        QVERIFY(view->isComparing());
        view->setData(reluConfig(Generator::Xor, {8}), generate(Generator::Spiral));
        QVERIFY(!view->isComparing());
        QVERIFY(view->comparison().empty());
        // Destroying the view while it trains stops the worker (the destructor joins it).
        view->startComparison();
        QVERIFY(view->isComparing());
        view.reset();
    }

};

QTEST_MAIN(TestRegionsView)
#include "test_regionsview.moc"
