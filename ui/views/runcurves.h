#pragma once

#include "figure.h"
#include "valuecap.h"

#include "training/runrecord.h"

#include <QWidget>

#include <vector>

namespace np {

/// The colour of the n-th curve in the comparison: Okabe-Ito hues, strongest first.
QColor runColor(int index);

/// The loss curves of several runs on one plot: training solid, validation dashed, one colour
/// per run, a legend with the run names, linear or log scale.
class RunCurves : public QWidget, public Figure
{
    Q_OBJECT

public:
    explicit RunCurves(QWidget *parent = nullptr);

    /// The runs to overlay (copied: a run's history is at most kMaxRunHistoryRows rows).
    void setRuns(const std::vector<RunRecord> &runs);
    bool logScale() const { return m_logScale; }
    void setLogScale(bool logScale);

    /// Curves drawn: per run, one for the training loss and one for validation when it has any.
    int curveCount() const;
    /// The run names in the legend, in drawing order.
    QStringList legendLabels() const;

    /// The note over the plot when a run blew up past the axis ("▲ loss up to 3.2e26"; where
    /// each run left the scale, triangles on the top edge show); empty when every curve fits.
    QString offScaleNote() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

    QString figureName() const override;
    QString figureTitle() const override;
    void paintFigure(QPainter &painter, const QRectF &rect, const FigureOptions &options) const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    struct Curve
    {
        QString name;
        std::vector<QPointF> train;       // (epoch, loss)
        std::vector<QPointF> validation;
    };

    /// The axis' cap over all curves: clipped when any run blew up.
    ValueCap curvesCap(double factor) const;
    void draw(QPainter &painter, const QRectF &rect, const QFontMetricsF &fm, const FigureOptions &options) const;

    std::vector<Curve> m_curves;
    bool m_logScale = false;
};

}  // namespace np
