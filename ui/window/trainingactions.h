#pragma once

#include <QList>
#include <QObject>

class QAction;
class QMainWindow;
class QMenu;

namespace np {

class SpeedControl;
class TrainerSync;
class TrainingController;

/// The training controls: Play/Pause (Space), Step One Batch (S), Step One Epoch (E) and
/// Reset (R) as window actions (objectNames play, stepBatch, stepEpoch, reset), in the Train
/// menu and the toolbar beside the speed; Play reads Pause while training runs.
class TrainingActions : public QObject
{
    Q_OBJECT

public:
    TrainingActions(QMainWindow *window, TrainingController *controller, TrainerSync *sync);

    /// Play, the two steps and Reset, in that order.
    QList<QAction *> actions() const { return m_actions; }
    /// Adds the toolbar: the actions, then the speed.
    void addToolBar();
    SpeedControl *speed() const { return m_speed; }

private:
    QMainWindow *m_window;
    TrainingController *m_controller;
    QList<QAction *> m_actions;
    SpeedControl *m_speed = nullptr;
};

}  // namespace np
