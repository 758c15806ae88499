#pragma once

#include "backgroundjob.h"
#include "figure.h"

#include "analysis/closedform.h"
#include "analysis/weighttrajectory.h"
#include "session/config.h"

#include <QPointF>
#include <QWidget>

#include <optional>
#include <vector>

class QAction;
class QLabel;
class QPushButton;

namespace np {

/// The exact ridge optimum of a linear model beside gradient descent (the notes' closed form
/// theta* = (X^T X + lambda I)^-1 X^T y): "Solve exactly" computes it with lambda = the L2
/// strength for a network with no hidden layer, linear output and squared loss; the view shows
/// theta* next to the current weights and |theta_GD - theta*| on a log scale over the run, whose
/// straight fall is gradient descent's linear convergence. The solve is one pass over the points
/// for d + 1 unknowns: 0.5 ms for 10,000 points, but about a second for the 1,000,000 the data
/// may hold, so it runs in the background; the time it took is shown.
class ClosedFormView : public QWidget, public Figure
{
    Q_OBJECT

public:
    explicit ClosedFormView(QWidget *parent = nullptr);
    ~ClosedFormView() override;

    /// The settings and data: lambda, whether the closed form applies. A solution already shown
    /// is solved again for them (once the weights have caught up), so it stays true.
    void setSource(const Config &config, const Dataset &dataset);
    /// The current weights (a frame's model).
    void setModel(const Model &model);
    /// The run's weights so far, for the distance curve (owned by the caller).
    void setTrajectory(const WeightTrajectory *trajectory);

    /// Train › Solve Exactly (enabled when the closed form applies).
    QAction *solveAction() const { return m_solveAction; }
    /// Solves in the background for the current weights' features and data (nothing when the
    /// closed form does not apply); referenceChanged follows.
    void solve();
    /// Solves on the calling thread (figures without a window, tests); false when it does not apply.
    bool solveNow();
    bool isSolving() const { return m_job.isRunning(); }
    void clearSolution();
    bool applies() const;
    /// Why the closed form does not apply, or a note on what it ignores (L1); empty otherwise.
    QString note() const;
    const std::optional<ClosedFormSolution> &solution() const { return m_solution; }
    double solveMilliseconds() const { return m_solveMs; }

    /// |theta_GD - theta*| for the current weights (NaN without a solution).
    double currentDistance() const;
    /// (step, |theta - theta*|) for every recorded weight vector of the run, then the current one.
    std::vector<QPointF> distanceCurve() const;
    /// The factor the distance shrinks by per step, from a least-squares line through
    /// log distance over the curve (points above the single-precision floor); NaN with too few.
    double convergenceRate() const;

    QString figureName() const override { return QStringLiteral("closedform"); }
    QString figureTitle() const override;
    void paintFigure(QPainter &painter, const QRectF &rect, const FigureOptions &options) const override;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    /// The solution's training loss (what the loss curve levels off at) and its label, for the
    /// loss plot's reference line; NaN when there is none.
    void referenceChanged(double loss, const QString &label);

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    bool canSolve() const;
    void onSolved(ClosedFormSolution solution, double milliseconds);
    void updateControls();
    QRectF contentRect() const;
    void drawContent(QPainter &painter, const QRectF &rect) const;
    double drawTable(QPainter &painter, const QRectF &rect) const;
    void drawDistance(QPainter &painter, const QRectF &rect) const;

    QPushButton *m_solveButton = nullptr;
    QLabel *m_status = nullptr;
    QWidget *m_bar = nullptr;
    QAction *m_solveAction = nullptr;

    Config m_config;
    Dataset m_dataset;
    Model m_model;
    const WeightTrajectory *m_trajectory = nullptr;
    std::optional<ClosedFormSolution> m_solution;
    bool m_resolvePending = false;  ///< the source changed: solve again once the weights match it
    double m_solveMs = 0;
    BackgroundJob m_job;  ///< declared last: destroyed first, it waits for a running solve
};

}  // namespace np
