#include "trainingactions.h"

#include "speedcontrol.h"
#include "trainersync.h"
#include "trainingcontroller.h"

#include <QAction>
#include <QMainWindow>
#include <QStyle>
#include <QToolBar>

namespace np {

TrainingActions::TrainingActions(QMainWindow *window, TrainingController *controller, TrainerSync *sync)
    : QObject(window)
    , m_window(window)
    , m_controller(controller)
{
    auto add = [&](const QString &name, const QString &text, Qt::Key key, QStyle::StandardPixmap icon,
                   const QString &toolTip, auto slot) {
        auto *a = new QAction(window->style()->standardIcon(icon), text, window);
        a->setObjectName(name);
        a->setShortcut(QKeySequence(key));
        a->setToolTip(toolTip);
        connect(a, &QAction::triggered, this, slot);
        window->addAction(a);  // shortcuts work with the menu bar hidden (presentation mode)
        m_actions.append(a);
        return a;
    };
    QAction *play = add(QStringLiteral("play"), tr("&Play"), Qt::Key_Space, QStyle::SP_MediaPlay,
                        tr("Play or pause training (Space)"), [controller] { controller->togglePlay(); });
    add(QStringLiteral("stepBatch"), tr("Step One &Batch"), Qt::Key_S, QStyle::SP_MediaSeekForward,
        tr("Train on one batch and pause (S)"), [controller] { controller->stepBatch(); });
    add(QStringLiteral("stepEpoch"), tr("Step One &Epoch"), Qt::Key_E, QStyle::SP_MediaSkipForward,
        tr("Train one pass over the training points and pause (E)"), [controller] { controller->stepEpoch(); });
    add(QStringLiteral("reset"), tr("&Reset"), Qt::Key_R, QStyle::SP_BrowserReload,
        tr("Start again from the initial weights (R); the seed decides them"), [sync] { sync->restart(); });

    connect(controller, &TrainingController::runningChanged, this, [this, play](bool running) {
        play->setText(running ? tr("&Pause") : tr("&Play"));
        play->setIcon(m_window->style()->standardIcon(running ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
    });
}

void TrainingActions::addToolBar()
{
    // Not "Training": the toolbar menu lists it beside the Training dock.
    QToolBar *bar = m_window->addToolBar(tr("Training Controls"));
    bar->setObjectName(QStringLiteral("trainingToolBar"));
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->addActions(m_actions);
    bar->addSeparator();
    m_speed = new SpeedControl(bar);
    connect(m_speed, &SpeedControl::speedChanged, m_controller, &TrainingController::setSpeed);
}

}  // namespace np
