#pragma once

#include "analysis/gradientreport.h"

#include <QCoreApplication>

class QFont;
class QPainter;
class QPalette;
class QRectF;

namespace np {

/// The gradient check as the health view shows it: a title, what was checked and how long it
/// took, then a row per layer with a bar of its relative error on a log axis, the value with ✓
/// or ✗, and the threshold as a dashed line through the bars.
class GradientCheckTable
{
    Q_DECLARE_TR_FUNCTIONS(GradientCheckTable)

public:
    /// Draws into rect with rows `lineHeight` high; "Checking…" while report is null.
    static void draw(QPainter &painter, const QRectF &rect, double lineHeight, double pad, const GradientReport *report,
                     const QFont &font, const QPalette &palette);
};

}  // namespace np
