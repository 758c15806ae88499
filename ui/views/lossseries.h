#pragma once

#include "lossplot.h"

#include <QColor>
#include <QPen>
#include <QString>

class QPalette;

namespace np {

// How the loss plot names, formats, colours and strokes each of its series.

/// Validation curves (loss, accuracy, RMSE) are dashed in their training curve's colour.
bool isValidationSeries(LossPlot::Series s);
/// "train loss", "validation accuracy", "learning rate".
QString lossSeriesName(LossPlot::Series s);
/// A value as the read-out shows it: "87.5%" for accuracy, four significant digits otherwise.
QString lossSeriesValue(LossPlot::Series s, double v);
/// The pen of a series' line: dashed for validation, thinner for the learning rate.
QPen lossSeriesPen(const QColor &color, LossPlot::Series s, double width);
/// The colour of a series in a palette (lighter variants on dark backgrounds).
QColor lossSeriesColor(LossPlot::Series series, const QPalette &palette);

}  // namespace np
