#pragma once

#include "boundarylayout.h"

#include "data/dataset.h"

#include <QCoreApplication>
#include <QRectF>
#include <QSizeF>

class QFontMetricsF;
class QPainter;
class QPalette;

namespace np {

/// The small key in a corner of the plane on screen: the class colours (or the value scale of
/// a regression), what a ring means (a validation point) and what an outer ring means (a
/// misclassified point, while those are marked). It sits in the corner where it hides the
/// fewest points; everything is sized from the font, so it grows with presentation mode.
class PlaneLegend
{
    Q_DECLARE_TR_FUNCTIONS(PlaneLegend)

public:
    PlaneLegend(const Dataset &data, const QPalette &palette, bool showTraining, bool showValidation, bool marks);

    /// The lines of text it shows, top to bottom ("classes 1 2", "validation", "misclassified").
    QStringList lines() const;
    QSizeF size(const QFontMetricsF &fm) const;
    /// Its box in the layout's plot: the corner covering the fewest shown points, top right
    /// first; empty when the plot is too small to hold it with room to spare.
    QRectF place(const BoundaryLayout &layout, const QFontMetricsF &fm) const;
    void draw(QPainter &painter, const QRectF &box, const QFontMetricsF &fm) const;

private:
    bool hasValidation() const;

    const Dataset &m_data;
    const QPalette &m_palette;
    bool m_showTraining;
    bool m_showValidation;
    bool m_marks;
};

}  // namespace np
