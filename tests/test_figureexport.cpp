// Figures written to PNG, SVG and PDF from views built offscreen by the figure renderer: sizes,
// vectors, titles and legends, errors, and "export all".

#include "boundaryview.h"
#include "colors.h"
#include "document.h"
#include "figureexport.h"
#include "figurerenderer.h"
#include "lossplot.h"
#include "painttool.h"

#include "data/generators.h"
#include "session/config.h"
#include "training/trainer.h"

#include <QAction>
#include <QFile>
#include <QSet>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>

#include <memory>

using namespace np;

namespace {

/// A spiral trained for a few epochs, as a saved session would hold it.
FigureSource trainedSource(Config config = defaultConfig(), int epochs = 30)
{
    FigureSource source;
    source.config = config;
    source.dataset = generateDataset(config.data);
    Trainer trainer;
    if (!trainer.reset(config, source.dataset).empty())
        qFatal("the config does not train");
    for (int e = 0; e < epochs; ++e)
        trainer.trainEpoch();
    source.model = trainer.model();
    source.history = trainer.history();
    return source;
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

int distinctColours(const QImage &image)
{
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 3) {
        for (int x = 0; x < image.width(); x += 3)
            colours.insert(image.pixel(x, y));
    }
    return int(colours.size());
}

/// Parses the whole document; the error is empty when it is well-formed XML.
QString xmlError(const QByteArray &xml)
{
    QXmlStreamReader reader(xml);
    while (!reader.atEnd())
        reader.readNext();
    return reader.hasError() ? reader.errorString() : QString();
}

}  // namespace

class TestFigureExport : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<FigureRenderer> m_renderer;
    QTemporaryDir m_dir;

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_renderer = std::make_unique<FigureRenderer>(trainedSource());
    }

    void rendererKnowsEveryFigure()
    {
        QCOMPARE(FigureRenderer::figureNames(),
                 QStringList({"boundary", "loss", "network", "folding", "regions", "health", "backprop", "function", "optimizers",
                              "landscape", "closedform"}));
        for (const QString &name : FigureRenderer::figureNames()) {
            const Figure *figure = m_renderer->figure(name);
            QVERIFY(figure);
            QCOMPARE(figure->figureName(), name);
            QCOMPARE(m_renderer->figure(name), figure);  // built once
        }
        QVERIFY(!m_renderer->figure("histogram"));
        QCOMPARE(m_renderer->figures().size(), std::size_t(11));
    }

    void formatsFollowTheSuffix()
    {
        QCOMPARE(figureFormatFromPath("a/b.PNG"), std::optional(FigureFormat::Png));
        QCOMPARE(figureFormatFromPath("b.svg"), std::optional(FigureFormat::Svg));
        QCOMPARE(figureFormatFromPath("b.pdf"), std::optional(FigureFormat::Pdf));
        QVERIFY(!figureFormatFromPath("b.jpg"));
        const QString path = m_dir.filePath("figure.jpg");
        QVERIFY(exportFigure(*m_renderer->figure("loss"), path, {}).contains(path));
    }

    void pngHasTheRequestedSize_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QSize>("size");
        QTest::addColumn<double>("ratio");
        QTest::newRow("boundary 800x600") << "boundary" << QSize(800, 600) << 1.0;
        QTest::newRow("boundary 1600x1200 2x") << "boundary" << QSize(1600, 1200) << 2.0;
        QTest::newRow("loss 1920x1080") << "loss" << QSize(1920, 1080) << 1.0;
        QTest::newRow("loss 1000x700 2x") << "loss" << QSize(1000, 700) << 2.0;
    }

    void pngHasTheRequestedSize()
    {
        QFETCH(QString, name);
        QFETCH(QSize, size);
        QFETCH(double, ratio);
        const QString path = m_dir.filePath(name + ".png");
        FigureExportSettings settings;
        settings.size = size;
        settings.devicePixelRatio = ratio;
        QCOMPARE(exportFigure(*m_renderer->figure(name), path, settings), QString());
        const QImage image(path);
        QCOMPARE(image.size(), size);
        // Not blank: a boundary has shaded regions and class colours, a loss plot curves, grid and
        // text in antialiased shades.
        QVERIFY2(distinctColours(image) > 30, qPrintable(QString::number(distinctColours(image))));
    }

    void svgIsVectorXmlWithTheTitle()
    {
        for (const QString &name : FigureRenderer::figureNames()) {
            const Figure &figure = *m_renderer->figure(name);
            const QString path = m_dir.filePath(name + ".svg");
            QCOMPARE(exportFigure(figure, path, {}), QString());
            const QByteArray svg = readAll(path);
            QCOMPARE(xmlError(svg), QString());
            QVERIFY(svg.contains("<svg"));
            // Lines are vectors, not one embedded picture (the regions view of this tanh network
            // is a sentence saying regions need piecewise-linear units, the closed form one saying
            // it is for linear models).
            if (name != QLatin1String("regions") && name != QLatin1String("closedform"))
                QVERIFY2(svg.count("<path") + svg.count("<line") + svg.count("<polyline") > 10, qPrintable(name));
            QVERIFY2(svg.contains(">" + figure.figureTitle().toUtf8() + "</text>"), qPrintable(name));
            QVERIFY(svg.contains("width=\"") && svg.contains("viewBox=\"0 0 800 600\""));
        }
        // The boundary's colours stay a raster image inside the vector drawing.
        QVERIFY(readAll(m_dir.filePath("boundary.svg")).contains("<image"));
    }

    void pdfIsOnePageOfTheFigure()
    {
        for (const QString &name : FigureRenderer::figureNames()) {
            const QString path = m_dir.filePath(name + ".pdf");
            QCOMPARE(exportFigure(*m_renderer->figure(name), path, {}), QString());
            const QByteArray pdf = readAll(path);
            QVERIFY(pdf.startsWith("%PDF-"));
            QVERIFY(pdf.size() > 2000);
            // 800 x 600 CSS pixels are 600 x 450 points.
            QVERIFY(pdf.contains("/MediaBox [0 0 600.000000 450.000000]"));
        }
    }

    void titleAndLegendToggleTheOutput()
    {
        const auto svgOf = [this](const QString &name, bool title, bool legend, const QString &text = {}) {
            FigureExportSettings settings;
            settings.options.title = title;
            settings.options.legend = legend;
            settings.options.titleText = text;
            const QString path = m_dir.filePath("toggle.svg");
            if (!exportFigure(*m_renderer->figure(name), path, settings).isEmpty())
                return QByteArray();
            return readAll(path);
        };
        // Drawn text ends in </text>; the SVG's <title> element holds the title either way.
        QVERIFY(svgOf("loss", true, true).contains(">Loss and accuracy</text>"));
        QVERIFY(!svgOf("loss", false, true).contains(">Loss and accuracy</text>"));
        QVERIFY(svgOf("loss", true, true, "Spiral, 30 epochs").contains(">Spiral, 30 epochs</text>"));
        QVERIFY(svgOf("loss", true, true).contains("validation loss"));
        QVERIFY(!svgOf("loss", true, false).contains("validation loss"));
        QVERIFY(svgOf("boundary", true, true).contains("Class 2"));
        QVERIFY(!svgOf("boundary", true, false).contains("Class 2"));
        QVERIFY(svgOf("boundary", true, true).contains("misclassified"));

        // In pixels too: the title adds ink at the top, the legend class markers at the right,
        // beyond where the square plot ends.
        const auto render = [this](bool title, bool legend) {
            FigureExportSettings settings;
            settings.options.title = title;
            settings.options.legend = legend;
            return renderFigure(*m_renderer->figure("boundary"), settings);
        };
        const auto ink = [](const QImage &image, const QRect &area, auto predicate) {
            int count = 0;
            for (int y = area.top(); y <= area.bottom(); ++y) {
                for (int x = area.left(); x <= area.right(); ++x)
                    count += predicate(QColor(image.pixel(x, y)));
            }
            return count;
        };
        const auto dark = [](const QColor &c) { return c.lightness() < 128; };
        const QColor orange = classColor(0);
        const auto classOrange = [orange](const QColor &c) {
            return std::abs(c.red() - orange.red()) + std::abs(c.green() - orange.green())
                       + std::abs(c.blue() - orange.blue()) < 40;
        };
        // The plot's top frame line, in a column left of the centred title text, moves down.
        const auto frameTop = [dark](const QImage &image) {
            for (int y = 0; y < image.height(); ++y) {
                if (dark(QColor(image.pixel(200, y))))
                    return y;
            }
            return -1;
        };
        const QImage titled = render(true, true);
        const QImage untitled = render(false, true);
        QVERIFY2(frameTop(titled) > frameTop(untitled) + 12,
                 qPrintable(QString("%1 %2").arg(frameTop(titled)).arg(frameTop(untitled))));
        QVERIFY(ink(titled, QRect(300, 0, 200, frameTop(titled) - 2), dark) > 20);
        // The legend's names and markers stand right of the plot, where there is only background
        // without it.
        const QRect right(700, 0, 100, 600);
        QVERIFY(ink(titled, right, dark) > 20);
        QVERIFY(ink(titled, QRect(600, 0, 200, 600), classOrange) > 20);
        QCOMPARE(ink(render(true, false), right, dark), 0);
    }

    void unwritablePathsAreNamed()
    {
        const QString path = m_dir.filePath("missing-folder/sub/figure.png");
        const QString error = exportFigure(*m_renderer->figure("boundary"), path, {});
        QVERIFY2(error.contains(path), qPrintable(error));
        QVERIFY(!QFile::exists(path));
        FigureExportSettings tiny;
        tiny.size = QSize(4, 4);
        const QString small = exportFigure(*m_renderer->figure("boundary"), m_dir.filePath("tiny.png"), tiny);
        QVERIFY2(small.contains("tiny.png") && small.contains("4×4"), qPrintable(small));
    }

    void exportAllWritesEveryFigure()
    {
        const QString folder = m_dir.filePath("all");
        const ExportAllResult result = exportAllFigures(m_renderer->figures(), folder, FigureFormat::Pdf, {});
        QCOMPARE(result.error, QString());
        QStringList expected;
        for (const QString &name : FigureRenderer::figureNames())
            expected << folder + "/" + name + ".pdf";
        QCOMPARE(result.files, expected);
        QCOMPARE(QDir(folder).entryList(QDir::Files),
                 QStringList({"backprop.pdf", "boundary.pdf", "closedform.pdf", "folding.pdf", "function.pdf", "health.pdf",
                              "landscape.pdf", "loss.pdf", "network.pdf", "optimizers.pdf", "regions.pdf"}));

        QFile blocker(m_dir.filePath("blocked"));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        const ExportAllResult blocked = exportAllFigures(m_renderer->figures(), blocker.fileName(), FigureFormat::Png, {});
        QVERIFY(blocked.files.isEmpty());
        QVERIFY2(blocked.error.contains(blocker.fileName()), qPrintable(blocked.error));
    }

    void functionFigureDrawsTheSumOfUnits()
    {
        // 1-D data and one hidden layer: the output thick and dark, a coloured thin curve per unit,
        // the units' chips in the legend; without the legend, no chips.
        Config config = defaultConfig();
        config.data.generator = Generator::CurveSin;
        config.data.count = 150;
        config.features = {Feature::X1};
        config.network.hidden = {LayerSpec{5, Activation::Sigmoid}};
        config.network.head = OutputHead::Linear;
        config.network.loss = Loss::Squared;
        config.training.optimizer.learningRate = 0.03;
        FigureRenderer renderer(trainedSource(config, 60));
        const Figure *figure = renderer.figure("function");
        QVERIFY(figure);
        QCOMPARE(figure->figureTitle(), QString("Function: a sum of units"));
        const QString path = m_dir.filePath("function.png");
        FigureExportSettings settings;
        settings.size = QSize(800, 600);
        QCOMPARE(exportFigure(*figure, path, settings), QString());
        const QImage image(path);
        QCOMPARE(image.size(), QSize(800, 600));
        int dark = 0, coloured = 0;
        for (int y = 0; y < image.height(); ++y) {
            for (int x = 0; x < image.width(); ++x) {
                const QColor c(image.pixel(x, y));
                dark += c.value() < 60;
                coloured += c.hsvSaturation() > 120 && c.value() > 100;
            }
        }
        QVERIFY2(dark > 2000, qPrintable(QString::number(dark)));         // F(x) 3 px wide over the plot, and text
        QVERIFY2(coloured > 1500, qPrintable(QString::number(coloured)));  // five terms and five chips

        FigureExportSettings plain = settings;
        plain.options.legend = false;
        const QString bare = m_dir.filePath("function-bare.png");
        QCOMPARE(exportFigure(*figure, bare, plain), QString());
        const QImage noLegend(bare);
        int colouredBare = 0;
        for (int y = 0; y < noLegend.height(); ++y)
            for (int x = 0; x < noLegend.width(); ++x) {
                const QColor c(noLegend.pixel(x, y));
                colouredBare += c.hsvSaturation() > 120 && c.value() > 100;
            }
        QVERIFY(colouredBare < coloured);  // the chips' swatches are gone, the terms stay
        QVERIFY(colouredBare > 500);
    }

    void regressionBoundaryHasAValueScale()
    {
        Config config = defaultConfig();
        config.data.generator = Generator::Plane;
        config = fitConfigToData(config, Task::Regression, 1);
        FigureRenderer renderer(trainedSource(config, 5));
        FigureExportSettings settings;
        const QString path = m_dir.filePath("regression.svg");
        QCOMPARE(exportFigure(*renderer.figure("boundary"), path, settings), QString());
        const QByteArray svg = readAll(path);
        QVERIFY(svg.contains("Regression surface"));
        QVERIFY(svg.contains(">value<"));
        QVERIFY(svg.contains("Gradient"));  // the colour scale is a vector gradient
        QVERIFY(!svg.contains("Class 1"));
    }

    void dialogOffersPresetsAndKeepsSettings()
    {
        FigureExportDialog dialog("Decision boundary");
        QCOMPARE(FigureExportDialog::presetSizes(),
                 QList<QSize>({QSize(800, 600), QSize(1600, 1200), QSize(1920, 1080)}));
        FigureExportSettings s;
        s.size = QSize(1234, 567);
        s.devicePixelRatio = 2.0;
        s.options.title = false;
        s.options.legend = false;
        s.options.titleText = "My run";
        dialog.setSettings(s);
        dialog.setFormat(FigureFormat::Png);
        const FigureExportSettings back = dialog.settings();
        QCOMPARE(back.size, s.size);
        QCOMPARE(back.devicePixelRatio, 2.0);
        QCOMPARE(back.options.title, false);
        QCOMPARE(back.options.legend, false);
        QCOMPARE(back.options.titleText, QString("My run"));
        dialog.setFormat(FigureFormat::Svg);
        QCOMPARE(dialog.format(), FigureFormat::Svg);
        QCOMPARE(dialog.settings().devicePixelRatio, 1.0);  // vectors have no pixel ratio
    }

    void viewsGetTheFigureActions()
    {
        LossPlot plot;
        const QList<QAction *> actions = attachFigureMenu(&plot, &plot);
        QCOMPARE(actions.size(), 2);
        QCOMPARE(plot.actions(), actions);
        QCOMPARE(plot.contextMenuPolicy(), Qt::ActionsContextMenu);

        // The boundary view erases with the right button, so it keeps its policy.
        Document document;
        PaintTool tool;
        BoundaryView view(&document, &tool);
        attachFigureMenu(&view, &view);
        QCOMPARE(view.contextMenuPolicy(), Qt::PreventContextMenu);
        QCOMPARE(view.actions().size(), 2);
    }
};

QTEST_MAIN(TestFigureExport)
#include "test_figureexport.moc"
