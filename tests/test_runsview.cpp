// The runs table and comparison: what a recorded run shows, when the recorder records (and
// when it must not), sorting, overlaying the selected runs, restoring one, deleting.

#include "runsview.h"
#include "sweepview.h"

#include "data/generators.h"

#include <QtTest>
#include <QCheckBox>
#include <QProgressBar>
#include <QPainter>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>

#include <cmath>

using namespace np;

namespace {

Config spiralConfig(double lr, int width, Activation g)
{
    Config c;
    c.data.generator = Generator::Spiral;
    c.data.count = 200;
    c.data.noise = 0.1;
    c.network.hidden = {LayerSpec{width, g}, LayerSpec{width, g}};
    c.training.optimizer.kind = OptimizerKind::Adam;
    c.training.optimizer.learningRate = lr;
    return c;
}

/// A real run: trained for `epochs` epochs with the config.
RunRecord trainedRun(const Config &c, int epochs)
{
    Trainer t;
    const Dataset data = generateDataset(c.data);
    if (!t.reset(c, data).empty())
        return {};
    for (int e = 0; e < epochs; ++e)
        t.trainEpoch();
    RunRecord r;
    r.config = c;
    r.dataset = data;
    r.dataDescription = dataDescription(c, data).toStdString();
    r.epochs = t.epoch();
    r.steps = t.stepCount();
    r.history = t.history();
    r.train = r.history.back().train;
    r.validation = r.history.back().validation;
    r.model = t.model();
    return r;
}

/// A run with made-up numbers, for the table's formatting and sorting.
RunRecord fakeRun(double lr, double trainLoss, double validationLoss, double accuracy)
{
    RunRecord r;
    r.config = spiralConfig(lr, 8, Activation::Tanh);
    r.dataset.points.resize(10);
    r.epochs = 12;
    r.train.count = 8;
    r.train.loss = trainLoss;
    r.train.accuracy = accuracy;
    r.validation.count = std::isnan(validationLoss) ? 0 : 2;
    r.validation.loss = validationLoss;
    r.validation.accuracy = accuracy;
    return r;
}

TrainingSnapshot snapshot(std::uint64_t serial, std::uint64_t generation, std::int64_t epoch, const Model &model)
{
    TrainingSnapshot s;
    s.serial = serial;
    s.generation = generation;
    s.epoch = epoch;
    s.step = epoch * 20;
    s.model = model;
    return s;
}

History historyTo(std::int64_t epochs)
{
    History h;
    for (std::int64_t e = 0; e <= epochs; ++e) {
        HistoryRecord r;
        r.epoch = e;
        r.train.count = 160;
        r.train.loss = 1.0 / double(e + 1);
        r.validation.count = 40;
        r.validation.loss = 1.2 / double(e + 1);
        h.push_back(r);
    }
    return h;
}

QString text(const RunsModel &model, int row, int column)
{
    return model.data(model.index(row, column)).toString();
}

}  // namespace

class TestRunsView : public QObject
{
    Q_OBJECT

private slots:
    void aRecordedRunShowsItsSettingsAndResults()
    {
        RunsModel model;
        QCOMPARE(model.record(fakeRun(0.01, 0.123456, 0.2, 0.875)), 1);
        QCOMPARE(model.record(fakeRun(0.3, 0.5, Metrics::nan, 0.5)), 2);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.columnCount(), int(RunsModel::ColumnCount));
        QCOMPARE(text(model, 0, RunsModel::Name), QStringLiteral("#1 Adam lr 0.01, 2×8 tanh"));
        QCOMPARE(text(model, 0, RunsModel::Optimizer), QStringLiteral("Adam"));
        QCOMPARE(text(model, 0, RunsModel::LearningRate), QStringLiteral("0.01"));
        QCOMPARE(text(model, 0, RunsModel::Layers), QStringLiteral("2×8"));
        QCOMPARE(text(model, 0, RunsModel::ActivationColumn), QStringLiteral("tanh"));
        QCOMPARE(text(model, 0, RunsModel::Epochs), QStringLiteral("12"));
        QCOMPARE(text(model, 0, RunsModel::TrainLoss), QStringLiteral("0.1235"));
        QCOMPARE(text(model, 0, RunsModel::ValidationLoss), QStringLiteral("0.2"));
        QCOMPARE(text(model, 0, RunsModel::Quality), QStringLiteral("87.5%"));
        QCOMPARE(text(model, 1, RunsModel::ValidationLoss), QStringLiteral("–"));  // no validation points
        QCOMPARE(text(model, 1, RunsModel::Quality), QStringLiteral("50.0%"));     // then on the training points

        Config mixed = spiralConfig(0.003, 8, Activation::ReLU);
        mixed.network.hidden[1].units = 4;
        mixed.network.hidden[1].activation = Activation::LeakyReLU;
        mixed.training.optimizer.kind = OptimizerKind::SGD;
        QCOMPARE(runName(7, mixed), QStringLiteral("#7 SGD lr 0.003, 8-4 ReLU/leaky ReLU"));
        mixed.network.hidden.clear();
        QCOMPARE(runName(8, mixed), QStringLiteral("#8 SGD lr 0.003, no hidden layer"));

        // Ids are never reused, even after deleting.
        model.remove(1);
        QCOMPARE(model.record(fakeRun(0.1, 0.3, 0.3, 0.9)), 3);
        QCOMPARE(model.rowOf(3), 1);
        QCOMPARE(model.rowOf(2), -1);
    }

    void theRecorderRecordsAGenerationWhenTheNextBegins()
    {
        RunsModel model;
        RunRecorder recorder(&model);
        const Config c = spiralConfig(0.03, 8, Activation::Tanh);
        const Dataset data = generateDataset(c.data);
        Model m;
        m.network = c.network;
        m.parameters = {1.0f, 2.0f};

        recorder.observe(snapshot(1, 1, 0, m), historyTo(0), c, data, 1);
        recorder.observe(snapshot(2, 1, 7, m), historyTo(7), c, data, 1);
        QCOMPARE(model.rowCount(), 0);  // still training

        // The user changes the width: the document has the new settings before the worker has
        // re-initialised, and an old-generation snapshot still arrives. The run keeps its own.
        Config wider = c;
        wider.network.hidden[0].units = 16;
        wider.network.hidden[1].units = 16;
        recorder.observe(snapshot(3, 1, 8, m), historyTo(8), wider, data, 1);
        Model wide = m;
        wide.network = wider.network;
        recorder.observe(snapshot(4, 2, 0, wide), historyTo(0), wider, data, 1);
        QCOMPARE(model.rowCount(), 1);
        const RunRecord &run = model.run(0);
        QCOMPARE(run.epochs, std::int64_t(8));
        QCOMPARE(run.steps, std::int64_t(160));
        QCOMPARE(run.config, c);
        QCOMPARE(run.dataset, data);
        QCOMPARE(run.history.size(), std::size_t(9));
        QCOMPARE(run.train.loss, 1.0 / 9.0);
        QCOMPARE(run.validation.loss, 1.2 / 9.0);
        QVERIFY(run.model.parameters == m.parameters);
        QCOMPARE(run.name, std::string("#1 Adam lr 0.03, 2×8 tanh"));
        QCOMPARE(run.dataDescription, std::string("Spiral, 2 classes, 200 points (40 validation)"));

        // A reset before the first epoch has ended records nothing.
        recorder.observe(snapshot(5, 3, 0, wide), historyTo(0), wider, data, 1);
        QCOMPARE(model.rowCount(), 1);

        // Saving records the run in progress; saving again unchanged adds nothing, and after more
        // training it updates the same row instead of adding a second.
        recorder.observe(snapshot(6, 3, 3, wide), historyTo(3), wider, data, 1);
        QCOMPARE(recorder.recordNow(), 2);
        QCOMPARE(recorder.recordNow(), 0);
        QCOMPARE(model.rowCount(), 2);
        recorder.observe(snapshot(7, 3, 5, wide), historyTo(5), wider, data, 1);
        recorder.observe(snapshot(8, 4, 0, wide), historyTo(0), wider, data, 1);  // reset
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.run(1).epochs, std::int64_t(5));

        // A restored run that is reset without training further is not recorded again.
        recorder.observe(snapshot(9, 5, 5, wide), historyTo(5), wider, data, 1);
        recorder.observe(snapshot(10, 6, 0, wide), historyTo(0), wider, data, 1);
        QCOMPARE(model.rowCount(), 2);
    }

    void aLongRunKeepsABoundedEvenHistory()
    {
        RunsModel model;
        RunRecorder recorder(&model);
        const Config c = spiralConfig(0.03, 8, Activation::Tanh);
        const Dataset data = generateDataset(c.data);
        Model m;
        m.network = c.network;
        const History full = historyTo(5000);
        History growing;
        for (std::int64_t e = 0; e <= 5000; e += 250) {  // arriving in pieces, as snapshots do
            growing.assign(full.begin(), full.begin() + e + 1);
            recorder.observe(snapshot(std::uint64_t(e + 1), 1, e, m), growing, c, data, 1);
        }
        recorder.observe(snapshot(9999, 2, 0, m), historyTo(0), c, data, 1);
        const History &h = model.run(0).history;
        QVERIFY2(h.size() <= kMaxRunHistoryRows && h.size() >= kMaxRunHistoryRows / 2,
                 std::to_string(h.size()).c_str());
        QCOMPARE(h.front().epoch, std::int64_t(0));
        QCOMPARE(h.back().epoch, std::int64_t(5000));  // the newest row always stays
        const std::int64_t spacing = h[1].epoch - h[0].epoch;
        for (std::size_t i = 1; i + 1 < h.size(); ++i)
            QCOMPARE(h[i].epoch - h[i - 1].epoch, spacing);
    }

    void sortingOrdersNumbersAndKeepsMissingValuesLast()
    {
        RunsModel model;
        model.record(fakeRun(0.1, 0.3, 0.4, 0.9));
        model.record(fakeRun(0.01, 0.1, Metrics::nan, 0.7));
        model.record(fakeRun(1, 0.2, 0.1, 0.8));
        RunsView view(&model);
        view.table()->selectRow(2);  // the selection follows its run through the sort
        model.sort(RunsModel::TrainLoss, Qt::AscendingOrder);
        QCOMPARE(model.run(0).id, 2);
        QCOMPARE(model.run(1).id, 3);
        QCOMPARE(model.run(2).id, 1);
        QCOMPARE(view.selectedRows(), std::vector<int>{1});
        model.sort(RunsModel::ValidationLoss, Qt::DescendingOrder);
        QCOMPARE(model.run(0).id, 1);
        QCOMPARE(model.run(1).id, 3);
        QCOMPARE(model.run(2).id, 2);  // no validation loss: last
        model.sort(RunsModel::ValidationLoss, Qt::AscendingOrder);
        QCOMPARE(model.run(2).id, 2);  // and last this way too
        model.sort(RunsModel::LearningRate, Qt::DescendingOrder);
        QCOMPARE(text(model, 0, RunsModel::LearningRate), QStringLiteral("1"));
        model.sort(RunsModel::Name, Qt::AscendingOrder);
        QCOMPARE(model.run(0).id, 1);
        QCOMPARE(model.run(2).id, 3);
    }

    void selectingRunsOverlaysTheirCurves()
    {
        RunsModel model;
        for (double lr : {0.003, 0.03, 0.3})
            model.record(trainedRun(spiralConfig(lr, 6, Activation::Tanh), 5));
        RunsView view(&model);
        view.resize(800, 600);
        QCOMPARE(view.curves()->curveCount(), 0);
        view.table()->selectRow(0);
        QCOMPARE(view.curves()->curveCount(), 2);  // training and validation
        view.table()->selectionModel()->select(model.index(2, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
        QCOMPARE(view.selectedRows(), (std::vector<int>{0, 2}));
        QCOMPARE(view.curves()->curveCount(), 4);
        QCOMPARE(view.curves()->legendLabels(),
                 (QStringList{QStringLiteral("#1 Adam lr 0.003, 2×6 tanh"), QStringLiteral("#3 Adam lr 0.3, 2×6 tanh")}));
        for (QPushButton *b : view.findChildren<QPushButton *>())
            QCOMPARE(b->isEnabled(), b->text() == RunsView::tr("&Delete"));  // restore takes one run

        view.findChild<QCheckBox *>()->setChecked(true);
        QVERIFY(view.curves()->logScale());

        // What lands on the screen: each selected run's colour is in the plot, the third's is not.
        const QImage image = view.curves()->grab().toImage();
        auto count = [&](const QColor &color) {
            int n = 0;
            for (int y = 0; y < image.height(); ++y) {
                for (int x = 0; x < image.width(); ++x) {
                    const QColor p = image.pixelColor(x, y);
                    n += std::abs(p.red() - color.red()) + std::abs(p.green() - color.green())
                             + std::abs(p.blue() - color.blue()) < 40;
                }
            }
            return n;
        };
        QVERIFY(count(runColor(0)) > 100);
        QVERIFY(count(runColor(1)) > 100);
        QCOMPARE(count(runColor(2)), 0);
    }

    void restoreEmitsTheRunsSettingsDataAndWeights()
    {
        RunsModel model;
        model.record(trainedRun(spiralConfig(0.01, 4, Activation::Tanh), 3));
        model.record(trainedRun(spiralConfig(0.1, 5, Activation::ReLU), 4));
        RunsView view(&model);
        QSignalSpy spy(&view, &RunsView::restoreRequested);

        view.table()->selectRow(1);
        QPushButton *restore = nullptr;
        for (QPushButton *b : view.findChildren<QPushButton *>())
            if (b->text() == RunsView::tr("&Restore"))
                restore = b;
        QVERIFY(restore && restore->isEnabled());
        restore->click();
        QCOMPARE(spy.count(), 1);
        const RunRecord &run = model.run(1);
        QCOMPARE(spy[0][0].value<Config>(), run.config);
        QCOMPARE(spy[0][1].value<Dataset>(), run.dataset);
        const auto state = spy[0][2].value<TrainerState>();
        QVERIFY(state.parameters == run.model.parameters);
        QCOMPARE(state.epoch, std::int64_t(4));
        QCOMPARE(state.history.back().train.loss, run.train.loss);

        // The state continues the run in a trainer: same weights, so the same loss.
        Trainer t;
        QCOMPARE(t.reset(run.config, run.dataset), std::string());
        QCOMPARE(t.restore(state), std::string());
        QCOMPARE(t.evaluate(false).loss, run.train.loss);
        QCOMPARE(t.epoch(), std::int64_t(4));

        // Double-clicking restores that row.
        view.resize(800, 500);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const QRect cell = view.table()->visualRect(model.index(0, RunsModel::Name));
        // As a real double click arrives: a click, then the double-click event (which item views
        // accept only on the index the press was on).
        QTest::mouseClick(view.table()->viewport(), Qt::LeftButton, {}, cell.center());
        QTest::mouseDClick(view.table()->viewport(), Qt::LeftButton, {}, cell.center());
        QCOMPARE(spy.count(), 2);
        QCOMPARE(spy[1][0].value<Config>(), model.run(0).config);
    }

    void deleteRemovesTheSelectedRuns()
    {
        RunsModel model;
        for (double lr : {0.1, 0.2, 0.3})
            model.record(fakeRun(lr, 0.1, 0.1, 0.9));
        RunsView view(&model);
        view.table()->selectRow(0);
        view.table()->selectionModel()->select(model.index(2, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
        for (QPushButton *b : view.findChildren<QPushButton *>())
            if (b->text() == RunsView::tr("&Delete"))
                b->click();
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.run(0).id, 2);
    }

    void sweepValuesParse()
    {
        QString error;
        QCOMPARE(parseSweepValues(SweepSetting::LearningRate, QStringLiteral("0.001, 0.01 ,1"), &error),
                 (std::vector<double>{0.001, 0.01, 1}));
        QCOMPARE(parseSweepValues(SweepSetting::Activation, QStringLiteral("tanh, ReLU, leaky_relu"), &error),
                 (std::vector<double>{double(Activation::Tanh), double(Activation::ReLU), double(Activation::LeakyReLU)}));
        QCOMPARE(parseSweepValues(SweepSetting::Optimizer, QStringLiteral("sgd, Adam"), &error),
                 (std::vector<double>{double(OptimizerKind::SGD), double(OptimizerKind::Adam)}));
        QCOMPARE(parseSweepValues(SweepSetting::BatchSize, QStringLiteral("1, full batch"), &error),
                 (std::vector<double>{1, 0}));
        QVERIFY(parseSweepValues(SweepSetting::HiddenWidth, QStringLiteral("4, 2.5"), &error).empty());
        QCOMPARE(error, QStringLiteral("“2.5” is not a value for hidden width."));
        QVERIFY(parseSweepValues(SweepSetting::Activation, QStringLiteral("tanh, wobbly"), &error).empty());
        QVERIFY(error.contains(QStringLiteral("wobbly")));
        // The presets' text parses back to the presets.
        for (const SweepSettingInfo &info : sweepSettings())
            QCOMPARE(parseSweepValues(info.setting, sweepValuesText(info.setting, sweepPreset(info.setting)), &error),
                     sweepPreset(info.setting));
    }

    void aSweepFillsTheGalleryInOrderAndMarksTheBest()
    {
        Config c = spiralConfig(0.01, 6, Activation::Tanh);
        SweepView view;
        view.resize(900, 700);
        view.setSource(c, generateDataset(c.data));
        view.setSetting(SweepSetting::LearningRate);
        view.setValuesText(QStringLiteral("0.001, 0.03, 0.3"));
        view.setEpochs(20);
        QSignalSpy finished(&view, &SweepView::finished);
        QVERIFY(view.start());
        QVERIFY(view.isRunning());
        QVERIFY(!view.start());  // one at a time
        QVERIFY(finished.wait(30000));
        QVERIFY(!view.isRunning());
        QCOMPARE(view.progressBar()->value(), 1000);

        const auto &tiles = view.gallery()->tiles();
        QCOMPARE(tiles.size(), std::size_t(3));
        std::vector<SweepResult> results;
        for (std::size_t i = 0; i < tiles.size(); ++i) {
            QCOMPARE(tiles[i].result.value, (std::vector<double>{0.001, 0.03, 0.3})[i]);
            QCOMPARE(tiles[i].result.status, SweepStatus::Finished);
            QCOMPARE(tiles[i].boundary.size(), QSize(96, 96));
            results.push_back(tiles[i].result);
        }
        const int best = bestSweepResult(results);
        QVERIFY(best >= 0);
        QCOMPARE(view.gallery()->bestIndex(), best);
        QVERIFY(view.gallery()->tileLabel(best)[0].endsWith(QStringLiteral("best")));
        QVERIFY(view.gallery()->tileLabel(0)[0].startsWith(QStringLiteral("η = 0.001")));
        QVERIFY(view.gallery()->tileLabel(0)[1].startsWith(QStringLiteral("val. loss ")));
        QCOMPARE(view.figureName(), QStringLiteral("sweep"));

        // Clicking a tile applies its value to the source settings, nothing else.
        QSignalSpy apply(&view, &SweepView::applyRequested);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const QRectF tile = view.gallery()->tileRect(1);
        QTest::mouseClick(view.gallery(), Qt::LeftButton, {}, tile.center().toPoint());
        QCOMPARE(apply.count(), 1);
        Config expected = c;
        expected.training.optimizer.learningRate = 0.03;
        QCOMPARE(apply[0][0].value<Config>(), expected);
    }

    void theGalleryShowsEveryTileScrolledOrScaled()
    {
        // Nine values in a small dock: every tile lies inside the gallery, which the scroll area
        // lets grow as tall as its rows need.
        Config c = spiralConfig(0.01, 6, Activation::Tanh);
        const Dataset data = generateDataset(c.data);
        for (const QSize size : {QSize(420, 300), QSize(150, 260)}) {
            SweepView view;
            view.resize(size);
            view.show();
            QVERIFY(QTest::qWaitForWindowExposed(&view));
            view.gallery()->start(SweepSetting::LearningRate, {1e-4, 3e-4, 1e-3, 3e-3, 0.01, 0.03, 0.1, 0.3, 1.0}, data);
            QTRY_VERIFY(view.gallery()->height() >= view.gallery()->heightForWidth(view.gallery()->width()));
            const QRectF inside = QRectF(view.gallery()->rect());
            for (int i = 0; i < 9; ++i) {
                const QRectF tile = view.gallery()->tileRect(i);
                QVERIFY2(inside.contains(tile), qPrintable(QStringLiteral("tile %1 at %2x%3 of %4x%5")
                                                               .arg(i).arg(tile.right()).arg(tile.bottom())
                                                               .arg(inside.width()).arg(inside.height())));
            }
        }
    }

    void theTableShowsFourRowsAndTheCurvesAUsefulSize()
    {
        // However small its dock makes it, the view keeps four rows of the table and room for
        // the curves' axes under them.
        RunsModel model;
        for (int i = 0; i < 6; ++i)
            model.record(fakeRun(0.01 * (i + 1), 0.5, 0.6, 0.8));
        RunsView view(&model);
        view.resize(view.minimumSizeHint());
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QVERIFY2(view.visibleRows() >= 4, qPrintable(QString::number(view.visibleRows())));
        const int line = view.fontMetrics().height();
        QVERIFY(view.curves()->height() >= 9 * line);
        QVERIFY(view.curves()->width() >= 30 * view.fontMetrics().averageCharWidth());
    }

    void aBlownUpRunIsClippedInTheComparison()
    {
        RunRecord calm = fakeRun(0.01, 0.5, 0.6, 0.8);
        calm.name = "calm";
        calm.history = historyTo(50);
        RunRecord wild = calm;
        wild.name = "wild";
        for (double v : {1e3, 1e12, 3.2e26}) {
            HistoryRecord r = wild.history.back();
            r.epoch += 1;
            r.train.loss = v;
            r.validation.loss = v;
            wild.history.push_back(r);
        }
        RunCurves curves;
        curves.resize(500, 300);
        curves.setRuns({calm, wild});
        QCOMPARE(curves.offScaleNote(), QStringLiteral("▲ loss up to 3.2e26"));
        curves.setRuns({calm});
        QVERIFY(curves.offScaleNote().isEmpty());
    }

    void cancellingASweepEndsItPromptly()
    {
        Config c = spiralConfig(0.01, 6, Activation::Tanh);
        SweepView view;
        view.setSource(c, generateDataset(c.data));
        view.setValuesText(QStringLiteral("0.001, 0.01, 0.1, 1"));
        view.setEpochs(100000);  // minutes of training, were it not cancelled
        QSignalSpy finished(&view, &SweepView::finished);
        QVERIFY(view.start());
        view.cancel();
        QVERIFY(finished.wait(30000));
        int unfinished = 0;
        for (const auto &tile : view.gallery()->tiles())
            unfinished += tile.result.status == SweepStatus::Cancelled || tile.result.status == SweepStatus::Pending;
        QCOMPARE(unfinished, 4);
        QCOMPARE(view.gallery()->bestIndex(), -1);
    }

};

QTEST_MAIN(TestRunsView)
#include "test_runsview.moc"
