// The document's undo: every setting change and data edit is one step with a name, slider drags
// merge, strokes are one step, and undo restores exactly. And the sync that sends the
// document's edits to the trainer: one command per turn, at once when flushed.

#include "data/generators.h"
#include "document.h"
#include "trainersync.h"
#include "trainingcontroller.h"

#include <QSignalSpy>
#include <QUndoStack>
#include <QtTest>

using namespace np;

namespace {

Dataset smallDataset()
{
    Dataset d;
    d.points = {{0, 0, 0, 0, false}, {1, 1, 1, 0, false}, {2, 2, 0, 0, true}, {3, 3, 1, 0, false}};
    return d;
}

}  // namespace

class TestDocument : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_document = std::make_unique<Document>();
        m_document->reset(defaultConfig(), smallDataset());
    }

    void settingChangesAreNamedUndoSteps()
    {
        QSignalSpy configSpy(m_document.get(), &Document::configChanged);
        Config c = m_document->config();
        c.training.optimizer.learningRate = 0.3;
        m_document->changeConfig(c, QStringLiteral("Change learning rate"));
        QCOMPARE(m_document->undoStack()->count(), 1);
        QCOMPARE(m_document->undoStack()->undoText(), QStringLiteral("Change learning rate"));
        QCOMPARE(m_document->config().training.optimizer.learningRate, 0.3);
        QCOMPARE(configSpy.count(), 1);
        m_document->undoStack()->undo();
        QCOMPARE(m_document->config(), defaultConfig());
        m_document->undoStack()->redo();
        QCOMPARE(m_document->config().training.optimizer.learningRate, 0.3);
        // An unchanged config is no step at all.
        m_document->changeConfig(m_document->config(), QStringLiteral("Nothing"));
        QCOMPARE(m_document->undoStack()->count(), 1);
    }

    void consecutiveChangesWithOneKeyMerge()
    {
        Config c = m_document->config();
        for (double lr : {0.02, 0.03, 0.05, 0.08}) {
            c.training.optimizer.learningRate = lr;
            m_document->changeConfig(c, QStringLiteral("Change learning rate"), QStringLiteral("lr"));
        }
        QCOMPARE(m_document->undoStack()->count(), 1);
        c.training.penalty.l2 = 0.1;
        m_document->changeConfig(c, QStringLiteral("Change L2"), QStringLiteral("l2"));
        QCOMPARE(m_document->undoStack()->count(), 2);
        m_document->undoStack()->undo();
        m_document->undoStack()->undo();
        QCOMPARE(m_document->config(), defaultConfig());
    }

    void aDragBackToTheStartLeavesNoStep()
    {
        Config c = m_document->config();
        c.training.batchSize = 20;
        m_document->changeConfig(c, QStringLiteral("Change batch size"), QStringLiteral("batch"));
        c.training.batchSize = defaultConfig().training.batchSize;
        m_document->changeConfig(c, QStringLiteral("Change batch size"), QStringLiteral("batch"));
        QCOMPARE(m_document->undoStack()->count(), 0);
    }

    void changesMoreThanASecondApartDoNotMerge()
    {
        qint64 now = 5000;
        m_document->setClock([&now] { return now; });
        Config c = m_document->config();
        c.training.optimizer.learningRate = 0.5;
        m_document->changeConfig(c, QStringLiteral("Change learning rate"), QStringLiteral("lr"));
        now += 1000;  // the window's edge: still one step
        c.training.optimizer.learningRate = 0.55;
        m_document->changeConfig(c, QStringLiteral("Change learning rate"), QStringLiteral("lr"));
        QCOMPARE(m_document->undoStack()->count(), 1);
        now += 1001;  // a second after the last change: a new step
        c.training.optimizer.learningRate = 0.6;
        m_document->changeConfig(c, QStringLiteral("Change learning rate"), QStringLiteral("lr"));
        QCOMPARE(m_document->undoStack()->count(), 2);
        m_document->setClock({});
    }

    void aPaintStrokeIsOneStep()
    {
        const Dataset before = m_document->dataset();
        m_document->beginStroke(QStringLiteral("Paint Points"));
        m_document->addPoints({{4, 4, 1, 0, false}});
        m_document->addPoints({{5, 5, 1, 0, false}, {-5, 5, 1, 0, true}});
        m_document->endStroke();
        QCOMPARE(m_document->undoStack()->count(), 1);
        QCOMPARE(m_document->undoStack()->undoText(), QStringLiteral("Paint Points"));
        QCOMPARE(m_document->dataset().points.size(), std::size_t(7));
        const Dataset after = m_document->dataset();
        m_document->undoStack()->undo();
        QCOMPARE(m_document->dataset(), before);
        m_document->undoStack()->redo();
        QCOMPARE(m_document->dataset(), after);
    }

    void anEmptyStrokeLeavesNoStep()
    {
        m_document->beginStroke(QStringLiteral("Erase Points"));
        m_document->removePoints({});
        m_document->endStroke();
        QCOMPARE(m_document->undoStack()->count(), 0);
    }

    void erasingPutsPointsBackInPlace()
    {
        const Dataset before = m_document->dataset();
        m_document->beginStroke(QStringLiteral("Erase Points"));
        m_document->removePoints({3, 1, 3});  // unsorted, duplicate
        m_document->removePoints({0});        // indices of the data as it is now
        m_document->endStroke();
        QCOMPARE(m_document->dataset().points.size(), std::size_t(1));
        QCOMPARE(m_document->dataset().points[0], before.points[2]);
        m_document->undoStack()->undo();
        QCOMPARE(m_document->dataset(), before);
    }

    void dataAndSettingsChangeTogether()
    {
        Config c = m_document->config();
        c.data.generator = Generator::Gaussians;
        c.data.classes = 3;
        const Dataset d = generateDataset(c.data);
        const Config fitted = fitConfigToData(c, d.task, d.classCount);
        m_document->changeDataset(d, QStringLiteral("Change generator"), &fitted);
        QCOMPARE(m_document->undoStack()->count(), 1);
        QCOMPARE(m_document->config().network.head, OutputHead::Softmax);
        QCOMPARE(m_document->dataset().classCount, 3);
        m_document->undoStack()->undo();
        QCOMPARE(m_document->config(), defaultConfig());
        QCOMPARE(m_document->dataset(), smallDataset());
    }

    void resetClearsTheHistory()
    {
        m_document->addPoints({{1, 2, 0, 0, false}});
        QCOMPARE(m_document->undoStack()->count(), 1);
        m_document->reset(defaultConfig(), Dataset{});
        QCOMPARE(m_document->undoStack()->count(), 0);
        QVERIFY(m_document->dataset().points.empty());
    }

    void editsReachTheTrainerAsOneCommandAtTheEndOfTheTurn()
    {
        TrainingController controller;
        TrainerSync sync(m_document.get(), &controller);
        QSignalSpy commands(&controller, &TrainingController::commandRequested);
        changeLearningRate(0.3);
        m_document->addPoints({{1, 2, 0, 0, false}});
        QCOMPARE(commands.count(), 0);  // not before the end of this turn...
        QTRY_COMPARE(commands.count(), 1);  // ...and then settings and data together
        const auto command = commands.first().at(0).value<TrainingCommand>();
        QCOMPARE(command.kind, TrainingCommand::Kind::SetData);
        QCOMPARE(command.config, m_document->config());
        QCOMPARE(command.dataset, m_document->dataset());
    }

    void aFlushSendsThePendingEditAtOnceAndOnlyOnce()
    {
        TrainingController controller;
        TrainerSync sync(m_document.get(), &controller);
        QSignalSpy commands(&controller, &TrainingController::commandRequested);
        changeLearningRate(0.3);
        sync.flush();
        QCOMPARE(commands.count(), 1);
        QCOMPARE(commands.first().at(0).value<TrainingCommand>().kind, TrainingCommand::Kind::ApplyConfig);
        sync.flush();
        QCoreApplication::processEvents();  // the end of the turn finds nothing left to send
        QCOMPARE(commands.count(), 1);
    }

    void aStartSendsTheWholeSessionAndDropsAPendingEdit()
    {
        TrainingController controller;
        TrainerSync sync(m_document.get(), &controller);
        QSignalSpy restarted(&sync, &TrainerSync::restarted);
        QSignalSpy commands(&controller, &TrainingController::commandRequested);
        m_document->addPoints({{1, 2, 0, 0, false}});
        const Config config = defaultConfig();
        sync.start(Session{config, generateDataset(config.data), std::nullopt});
        QCoreApplication::processEvents();
        QCOMPARE(commands.count(), 1);
        const auto command = commands.first().at(0).value<TrainingCommand>();
        QCOMPARE(command.kind, TrainingCommand::Kind::Reset);
        QCOMPARE(command.dataset, generateDataset(config.data));
        QCOMPARE(m_document->dataset(), command.dataset);
        QCOMPARE(m_document->undoStack()->count(), 0);
        QCOMPARE(restarted.count(), 1);
    }

    // A document dies silently: its undo stack, cleared by its own destructor, tells no one
    // that the clean state or the index changed (the listeners may be half gone too).
    void destroyingADocumentWithUnsavedEditsAnnouncesNothing()
    {
        changeLearningRate(0.3);
        m_document->addPoints({{1, 2, 0, 0, false}});
        QVERIFY(!m_document->undoStack()->isClean());
        QObject listener;
        int announced = 0;
        QUndoStack *stack = m_document->undoStack();
        connect(stack, &QUndoStack::cleanChanged, &listener, [&] { ++announced; });
        connect(stack, &QUndoStack::indexChanged, &listener, [&] { ++announced; });
        connect(stack, &QUndoStack::canUndoChanged, &listener, [&] { ++announced; });
        connect(m_document.get(), &Document::configChanged, &listener, [&] { ++announced; });
        connect(m_document.get(), &Document::datasetChanged, &listener, [&] { ++announced; });
        m_document.reset();
        QCOMPARE(announced, 0);
    }

private:
    void changeLearningRate(double lr)
    {
        Config c = m_document->config();
        c.training.optimizer.learningRate = lr;
        m_document->changeConfig(c, QStringLiteral("Change learning rate"));
    }

    std::unique_ptr<Document> m_document;
};

QTEST_MAIN(TestDocument)
#include "test_document.moc"
