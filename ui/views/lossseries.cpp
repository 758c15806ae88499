#include "lossseries.h"

#include "numberformat.h"

#include <QPalette>

namespace np {

bool isValidationSeries(LossPlot::Series s)
{
    return s == LossPlot::ValidationLoss || s == LossPlot::ValidationAccuracy || s == LossPlot::ValidationRmse;
}

QString lossSeriesName(LossPlot::Series s)
{
    switch (s) {
    case LossPlot::TrainLoss:
        return LossPlot::tr("train loss");
    case LossPlot::ValidationLoss:
        return LossPlot::tr("validation loss");
    case LossPlot::TrainAccuracy:
        return LossPlot::tr("train accuracy");
    case LossPlot::ValidationAccuracy:
        return LossPlot::tr("validation accuracy");
    case LossPlot::TrainRmse:
        return LossPlot::tr("train RMSE");
    case LossPlot::ValidationRmse:
        return LossPlot::tr("validation RMSE");
    case LossPlot::LearningRate:
    case LossPlot::SeriesCount:
        break;
    }
    return LossPlot::tr("learning rate");
}

QString lossSeriesValue(LossPlot::Series s, double v)
{
    if (s == LossPlot::TrainAccuracy || s == LossPlot::ValidationAccuracy)
        return QString::number(100.0 * v, 'f', 1) + QLatin1Char('%');
    return formatValue(v, 4);
}

/// Validation curves share their training curve's colour and are dashed: the pair reads as one
/// quantity, and the dashes survive greyscale printing and colour-vision deficiencies.
QPen lossSeriesPen(const QColor &color, LossPlot::Series s, double width)
{
    QPen pen(color, s == LossPlot::LearningRate ? std::max(1.0, 0.7 * width) : width);
    pen.setCapStyle(Qt::FlatCap);
    pen.setJoinStyle(Qt::RoundJoin);
    if (isValidationSeries(s))
        pen.setDashPattern({3.0, 2.0});
    return pen;
}

QColor lossSeriesColor(LossPlot::Series series, const QPalette &palette)
{
    // Okabe-Ito hues (as the class colours), lighter on dark backgrounds for contrast. Reddish
    // purple for the metric keeps it apart from the orange and blue that mean classes elsewhere.
    const bool dark = palette.color(QPalette::Base).lightness() < 128;
    switch (series) {
    case LossPlot::TrainLoss:
    case LossPlot::ValidationLoss:
        return dark ? QColor(0x56, 0xB4, 0xE9) : QColor(0x00, 0x72, 0xB2);
    case LossPlot::LearningRate:
        return dark ? QColor(0x2E, 0xC4, 0x94) : QColor(0x00, 0x9E, 0x73);
    default:
        return dark ? QColor(0xE0, 0x8F, 0xBF) : QColor(0xB0, 0x4F, 0x8A);
    }
}

}  // namespace np
