#pragma once

#include "boundarylayout.h"
#include "viewevaluator.h"

#include "data/dataset.h"

#include <QCoreApplication>
#include <QImage>
#include <QPalette>
#include <QPen>

#include <cstdint>
#include <vector>

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
    /// The points and the misclassified marks drawn once into transparent images the size of
    /// the device, then reused frame after frame: the points until the data, the layout or the
    /// look changes, the marks until the predictions change too. A screen cache (20,000 points
    /// cost more to draw than a frame may take); figures draw every point anew.
    struct PointLayers
    {
        QImage points, marks;
        QRectF plot;
        double radius = 0;
        const Dataset *data = nullptr;
        std::size_t count = 0;
        std::uint64_t revision = 0;
        bool training = false, validation = false;
        QRgb base = 0, text = 0;
        std::vector<int> predicted;  ///< the predictions the marks were drawn for (empty: none)
        int pointDraws = 0;          ///< how often the points were drawn into the layer (for tests)
    };

    BoundaryPainter(const ViewFrame &frame, const Dataset &data, std::uint64_t datasetRevision,
                    const QPalette &palette, bool showTraining, bool showValidation, bool showMisclassified = true);

    /// Whether misclassified points are ringed now: asked for, and predictions for this data.
    bool marksShown() const;

    /// The boundary, the axes and the points in the layout's plot; with layers, the points come
    /// from them (drawn into them first when out of date).
    void drawPlane(QPainter &painter, const BoundaryLayout &layout, PointLayers *layers = nullptr) const;
    /// The legend's width for the given metrics: a column of class markers (or the value scale)
    /// and the markers' meanings.
    double legendWidth(const QFontMetricsF &fm) const;
    void drawLegend(QPainter &painter, const QRectF &area, const QFontMetricsF &fm) const;

private:
    bool isShown(const DataPoint &point) const;
    void drawAxes(QPainter &painter, const BoundaryLayout &layout) const;
    void drawPoints(QPainter &painter, const BoundaryLayout &layout) const;
    void drawDiscs(QPainter &painter, const BoundaryLayout &layout) const;
    void drawMarks(QPainter &painter, const BoundaryLayout &layout) const;
    void stampMarks(QPainter &painter, const BoundaryLayout &layout, qreal dpr) const;
    void drawLayers(QPainter &painter, const BoundaryLayout &layout, PointLayers &layers) const;

    const ViewFrame &m_frame;
    const Dataset &m_data;
    std::uint64_t m_datasetRevision;
    const QPalette &m_palette;
    bool m_showTraining;
    bool m_showValidation;
    bool m_showMisclassified;
};

}  // namespace np
