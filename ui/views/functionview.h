#pragma once

#include "figure.h"
#include "functionpainter.h"
#include "viewframe.h"

#include "data/curves.h"
#include "network/model.h"
#include "session/config.h"

#include <QWidget>

#include <vector>

namespace np {

/// The 1-D mode's picture of the universal approximation theorem: x across, the data, the curve
/// they come from, the network's output F(x) thick and, for one hidden layer, each unit's term
/// α g(w x + b) as a thin curve, so the sum can be seen. Hovering a curve or a unit's chip
/// highlights it and reads out α, w, b; dragging across the plot draws a curve of one's own
/// (curveDrawn). Deeper networks get their output only, and a sentence saying why.
///
/// Evaluated on the GUI thread from the frame's weights: a few hundred points through a 1-D
/// network cost microseconds, far less than posting them to the evaluator.
class FunctionView : public QWidget, public Figure
{
    Q_OBJECT

public:
    /// The x range drawn (the plane's) and how many points of it are evaluated.
    static constexpr double kXMin = -6.0;
    static constexpr double kXMax = 6.0;
    static constexpr int kSamples = 241;

    explicit FunctionView(QWidget *parent = nullptr);

    /// New weights (from the evaluator's frame, like the other views).
    void setFrame(const ViewFrame &frame);
    void setModel(const Model &model);
    /// The data drawn as points and the settings that say which curve they come from.
    void setData(const Config &config, const Dataset &dataset);

    /// The data about to be set were generated from a drawn curve: it is drawn as their target
    /// while they stay the data.
    void setDrawnCurve(const DrawnCurve &curve, const Dataset &dataset);

    const Approximation &approximation() const { return m_scene.approximation; }
    int highlightedUnit() const { return m_scene.highlighted; }
    void setHighlightedUnit(int unit);
    QString readoutText() const { return m_scene.readout; }
    QString messageText() const { return m_scene.message; }
    /// Whether dragging draws a curve: regression data and a network that reads x1 alone.
    bool canDraw() const;

    /// The layout on screen, and where a value lies on it (for tests and hit testing).
    FunctionLayout widgetLayout() const;
    QPointF toPixel(double x, double y) const;

    QString figureName() const override { return QStringLiteral("function"); }
    QString figureTitle() const override;
    void paintFigure(QPainter &painter, const QRectF &rect, const FigureOptions &options) const override;

    QSize sizeHint() const override { return {520, 380}; }
    QSize minimumSizeHint() const override { return {240, 200}; }

signals:
    /// The user drew a curve across the plot (sorted samples, data coordinates).
    void curveDrawn(const np::DrawnCurve &curve);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;

private:
    void recompute();
    void updateScales();
    void updateTexts();
    int unitNear(const QPointF &pos) const;
    QString unitReadout(int unit) const;

    Model m_model;
    bool m_haveModel = false;
    Config m_config;
    Dataset m_dataset;
    DrawnCurve m_drawn;          ///< the last curve drawn here, while the data are still its
    Dataset m_drawnDataset;
    FunctionScene m_scene;
    std::vector<QPointF> m_stroke;  ///< the curve being drawn, in data coordinates
    bool m_drawing = false;
    bool m_holdScale = false;  ///< the y axis stays while the curves fit it (updateScales)
};

}  // namespace np
