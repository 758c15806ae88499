#pragma once

#include "boundarylayout.h"
#include "viewevaluator.h"

#include "data/dataset.h"

#include <QCoreApplication>
#include <QPalette>
#include <QPen>

#include <cstdint>

class QFontMetricsF;
class QPainter;

namespace np {

/// One data point: a filled disc (training) or a ring on the background (validation).
void drawPointMarker(QPainter &painter, const QPointF &centre, double radius, const QColor &fill, bool validation,
                     const QColor &base, const QColor &text);
/// The ring around a misclassified point of `radius`: its pen, and its radius.
QPen misclassifiedPen(double radius, const QColor &text);
double misclassifiedRadius(double radius);

/// Draws what the boundary view's screen and its figure share: the decision boundary (or the
/// regression surface) from the frame, the axes, the points with misclassified ones marked,
/// and the figure's legend. Points marked misclassified only when the frame's predictions
/// belong to the data shown (the same revision).
class BoundaryPainter
{
    Q_DECLARE_TR_FUNCTIONS(BoundaryPainter)

public:
    BoundaryPainter(const ViewFrame &frame, const Dataset &data, std::uint64_t datasetRevision,
                    const QPalette &palette, bool showTraining, bool showValidation, bool showMisclassified = true);

    /// Whether misclassified points are ringed now: asked for, and predictions for this data.
    bool marksShown() const;

    /// The boundary, the axes and the points in the layout's plot.
    void drawPlane(QPainter &painter, const BoundaryLayout &layout) const;
    /// The legend's width for the given metrics: a column of class markers (or the value scale)
    /// and the markers' meanings.
    double legendWidth(const QFontMetricsF &fm) const;
    void drawLegend(QPainter &painter, const QRectF &area, const QFontMetricsF &fm) const;

private:
    bool isShown(const DataPoint &point) const;
    void drawAxes(QPainter &painter, const BoundaryLayout &layout) const;
    void drawPoints(QPainter &painter, const BoundaryLayout &layout) const;

    const ViewFrame &m_frame;
    const Dataset &m_data;
    std::uint64_t m_datasetRevision;
    const QPalette &m_palette;
    bool m_showTraining;
    bool m_showValidation;
    bool m_showMisclassified;
};

}  // namespace np
