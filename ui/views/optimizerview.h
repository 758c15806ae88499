#pragma once

#include "figure.h"
#include "optimizerpicture.h"

#include <QWidget>

class QBoxLayout;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QSpinBox;
class QTimer;
class QToolButton;

namespace np {

class OptimizerCanvas;
class OptimizerLossCanvas;
class OptimizerTable;

/// Optimizers on 2-D surfaces: the contours of a test function (its formula shown), the path of
/// each chosen optimizer from one start point (drag it), animated step by step or run to the
/// end, f against the step beside it, and each optimizer's update vector at the current step.
/// The paths come from the trainer's own optimizer code (core/analysis/trajectory.h); they are
/// computed once per edit on the GUI thread (300 steps of 8 optimizers take well under a
/// millisecond) and animating only shows more of them. It does not touch the training document.
class OptimizerView : public QWidget, public Figure
{
    Q_OBJECT

public:
    explicit OptimizerView(QWidget *parent = nullptr);
    ~OptimizerView() override;

    /// Shows a scene (a lesson's) from its first step, paused.
    void setScene(const OptimizerScene &scene);
    const OptimizerScene &scene() const { return m_picture.scene; }
    const OptimizerPicture &picture() const { return m_picture; }

    int step() const { return m_picture.step; }
    void setStep(int step);
    bool isPlaying() const;
    void play();
    void pause();
    void stepOnce();
    void reset();
    void runToEnd();
    /// Moves the start point; the paths are computed again from there.
    void moveStart(Point2 start);

    OptimizerCanvas *canvas() const { return m_canvas; }
    OptimizerTable *table() const { return m_table; }

    QString figureName() const override { return QStringLiteral("optimizers"); }
    QString figureTitle() const override;
    void paintFigure(QPainter &painter, const QRectF &rect, const FigureOptions &options) const override;

signals:
    void stepChanged(int step);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void applyScene(const OptimizerScene &scene);
    void updateDirection();
    void syncControls();
    void onTick();
    void onSurfaceEdited();

    OptimizerPicture m_picture;
    QComboBox *m_surface = nullptr;
    QDoubleSpinBox *m_condition = nullptr;
    QDoubleSpinBox *m_rotation = nullptr;
    QDoubleSpinBox *m_noise = nullptr;
    QSpinBox *m_steps = nullptr;
    QToolButton *m_play = nullptr;
    QToolButton *m_step = nullptr;
    QToolButton *m_reset = nullptr;
    QToolButton *m_end = nullptr;
    QToolButton *m_tableButton = nullptr;
    QToolButton *m_add = nullptr;
    QToolButton *m_remove = nullptr;
    QLabel *m_stepLabel = nullptr;
    QWidget *m_tablePanel = nullptr;
    OptimizerTable *m_table = nullptr;
    OptimizerCanvas *m_canvas = nullptr;
    OptimizerLossCanvas *m_loss = nullptr;
    QBoxLayout *m_body = nullptr;
    QTimer *m_timer = nullptr;
    bool m_syncing = false;
};

}  // namespace np
