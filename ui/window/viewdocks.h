#pragma once

#include "trainingsnapshot.h"
#include "viewevaluator.h"

#include "analysis/weighttrajectory.h"

#include <QList>
#include <QObject>

#include <map>
#include <memory>
#include <vector>

class QDockWidget;
class QMainWindow;
class QWidget;

namespace np {

class BackpropView;
class ClosedFormView;
class Document;
class Figure;
class FoldingView;
class FunctionView;
class HealthView;
class LandscapeView;
class LessonPanel;
class NetworkDiagram;
class OptimizerView;
class RegionsView;
class RunRecorder;
class RunsModel;
class RunsView;
class SweepView;
class TrainingController;

/// A dock holding content (in a scroll area when scroll is set), raised when the View menu opens it.
QDockWidget *makeDock(QMainWindow *window, const QString &title, const QString &name, QWidget *content,
                      bool scroll);

/// The docks beyond the plane and the settings: the network diagram, the folding, regions and
/// gradient-health views, the runs table, the sweep and the lessons. Creates them (closed at
/// first, except the network diagram), feeds them frames, history and the current settings,
/// and asks the evaluator only for what the open ones draw: an 8x64 network's neuron maps cost
/// nothing while the diagram is closed.
class ViewDocks : public QObject
{
    Q_OBJECT

public:
    /// The analysis views are tabbed with lossDock (a squarer place than the strip below the plane).
    ViewDocks(QMainWindow *window, Document *document, TrainingController *controller, ViewEvaluator *evaluator,
              QDockWidget *lossDock);
    ~ViewDocks() override;

    /// The docks, for the View menu and presentation mode.
    QList<QDockWidget *> docks() const { return m_docks; }
    QDockWidget *dock(const QString &figureName) const;

    NetworkDiagram *networkDiagram() const { return m_network; }
    FoldingView *foldingView() const { return m_folding; }
    RegionsView *regionsView() const { return m_regions; }
    HealthView *healthView() const { return m_health; }
    BackpropView *backpropView() const { return m_backprop; }
    RunsView *runsView() const { return m_runs; }
    RunsModel *runsModel() const { return m_runsModel; }
    SweepView *sweepView() const { return m_sweep; }
    LessonPanel *lessonPanel() const { return m_lessons; }
    FunctionView *functionView() const { return m_function; }
    OptimizerView *optimizerView() const { return m_optimizers; }
    LandscapeView *landscapeView() const { return m_landscape; }
    ClosedFormView *closedFormView() const { return m_closedForm; }
    /// The run's weights so far, recorded from the snapshots (never in the training loop).
    const WeightTrajectory &trajectory() const { return m_trajectory; }

    /// Every view that can be exported, for "Export all figures".
    std::vector<const Figure *> figures() const;

    /// A new evaluated frame / history rows / the document's settings or data changed.
    void setFrame(const ViewFrame &frame);
    void setHistory(const History &history, bool reset);
    void setSource();
    /// After every snapshot: the run recorder follows the generations.
    void observeSnapshot();
    /// The app saves: the current run is recorded too.
    void recordRunNow();
    /// The run about to start (a lesson's) is recorded in Runs under this title.
    void setNextRunTitle(const QString &title);

    /// What the open docks need from the evaluator.
    ViewNeeds needs() const;
    /// Shown and not covered by another dock's tab.
    bool isOnScreen(QDockWidget *dock) const;

signals:
    /// Restore a recorded run.
    void restoreRequested(const np::Config &config, const np::Dataset &dataset, const np::TrainerState &state);

private:
    QDockWidget *addDock(QWidget *content, const QString &title, const QString &name, Qt::DockWidgetArea area,
                         bool scroll);
    void updateNeeds();

    QMainWindow *m_window;
    Document *m_document;
    TrainingController *m_controller;
    ViewEvaluator *m_evaluator;
    QList<QDockWidget *> m_docks;
    std::map<QDockWidget *, bool> m_onScreen;  ///< as each dock last reported its visibility
    NetworkDiagram *m_network = nullptr;
    FoldingView *m_folding = nullptr;
    RegionsView *m_regions = nullptr;
    HealthView *m_health = nullptr;
    BackpropView *m_backprop = nullptr;
    RunsModel *m_runsModel = nullptr;
    std::unique_ptr<RunRecorder> m_recorder;
    RunsView *m_runs = nullptr;
    SweepView *m_sweep = nullptr;
    LessonPanel *m_lessons = nullptr;
    FunctionView *m_function = nullptr;
    OptimizerView *m_optimizers = nullptr;
    LandscapeView *m_landscape = nullptr;
    ClosedFormView *m_closedForm = nullptr;
    WeightTrajectory m_trajectory;
    std::uint64_t m_trajectoryGeneration = 0;
    QDockWidget *m_networkDock = nullptr;
    QDockWidget *m_foldingDock = nullptr;
    QDockWidget *m_regionsDock = nullptr;
};

}  // namespace np
