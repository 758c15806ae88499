#include "sweepgallery.h"

#include "colors.h"
#include "numberformat.h"

#include <QMouseEvent>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace np {

namespace {

QString valueCaption(SweepSetting setting, double value)
{
    const QString label = QString::fromStdString(sweepValueLabel(setting, value));
    switch (setting) {
    case SweepSetting::LearningRate:
        return QStringLiteral("η = ") + label;
    case SweepSetting::HiddenWidth:
        return SweepGallery::tr("width %1").arg(label);
    case SweepSetting::BatchSize:
        return value == 0 ? label : SweepGallery::tr("batch %1").arg(label);
    case SweepSetting::LayerCount:
        return SweepGallery::tr("%n hidden layer(s)", nullptr, int(value));
    default:
        return label;
    }
}

}  // namespace

struct SweepGallery::Grid
{
    int columns = 1;
    double side = 0.0;
    double cellWidth = 0.0;
    double cellHeight = 0.0;
    QPointF origin;

    QRectF tile(int index) const
    {
        const int row = index / columns;
        const int column = index % columns;
        return QRectF(origin.x() + column * cellWidth, origin.y() + row * cellHeight, side, side);
    }
};

SweepGallery::SweepGallery(QWidget *parent)
    : QWidget(parent)
{
    setBackgroundRole(QPalette::Base);
    setAutoFillBackground(true);
    // The scroll area around the gallery asks the size policy, not hasHeightForWidth(), whether
    // the height follows the width: without the flag it squeezes the rows and cuts tiles off.
    QSizePolicy policy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    policy.setHeightForWidth(true);
    setSizePolicy(policy);
}

void SweepGallery::start(SweepSetting setting, const std::vector<double> &values, const Dataset &dataset)
{
    m_setting = setting;
    m_dataset = dataset;
    m_tiles.assign(values.size(), {});
    for (std::size_t i = 0; i < values.size(); ++i)
        m_tiles[i].result.value = values[i];
    m_best = -1;
    updateGeometry();
    update();
}

void SweepGallery::setResult(int index, const SweepResult &result, const QImage &boundary)
{
    if (index < 0 || index >= int(m_tiles.size()))
        return;
    m_tiles[std::size_t(index)] = {result, boundary};
    update();
}

void SweepGallery::finish()
{
    std::vector<SweepResult> results;
    for (const Tile &t : m_tiles)
        results.push_back(t.result);
    m_best = bestSweepResult(results);
    update();
}

double SweepGallery::tileSide() const
{
    return std::round(9.5 * QFontMetricsF(font()).height());
}

double SweepGallery::sideFor(double width) const
{
    // A dock narrower than one tile scales the tiles down rather than cutting them off.
    const double line = QFontMetricsF(font()).height();
    return std::max(2.0 * line, std::min(tileSide(), std::floor(width - line)));
}

SweepGallery::Grid SweepGallery::grid(const QRectF &area, double side, double line) const
{
    Grid g;
    g.side = side;
    g.cellWidth = side + line;
    g.cellHeight = side + 2.6 * line;
    g.columns = std::max(1, int((area.width() + line) / g.cellWidth));
    g.origin = area.topLeft();
    return g;
}

QRectF SweepGallery::tileRect(int index) const
{
    const double line = QFontMetricsF(font()).height();
    return grid(QRectF(rect()).adjusted(line / 2, line / 2, -line / 2, -line / 2), sideFor(width()), line).tile(index);
}

QStringList SweepGallery::tileLabel(int index) const
{
    const SweepResult &r = m_tiles[std::size_t(index)].result;
    QString caption = valueCaption(m_setting, r.value);
    if (index == m_best)
        caption += tr(" — best");
    const bool validation = r.validation.count > 0;
    const double loss = validation ? r.validation.loss : r.train.loss;
    QString outcome;
    switch (r.status) {
    case SweepStatus::Pending:
        outcome = tr("waiting…");
        break;
    case SweepStatus::Finished:
        outcome = (validation ? tr("val. loss %1") : tr("loss %1")).arg(formatValue(loss));
        break;
    case SweepStatus::Diverged:
        outcome = tr("diverged in epoch %1").arg(r.epochs + 1);
        break;
    case SweepStatus::Cancelled:
        outcome = tr("cancelled at epoch %1").arg(r.epochs);
        break;
    case SweepStatus::Failed:
        outcome = tr("cannot train");
        break;
    }
    return {caption, outcome};
}

QSize SweepGallery::sizeHint() const
{
    const int line = fontMetrics().height();
    const int side = int(tileSide());
    return {4 * (side + line) + line, heightForWidth(4 * (side + line) + line)};
}

int SweepGallery::heightForWidth(int width) const
{
    const double line = fontMetrics().height();
    const Grid g = grid(QRectF(0, 0, width - line, 0), sideFor(width), line);
    const int rows = std::max(1, int((m_tiles.size() + std::size_t(g.columns) - 1) / std::size_t(g.columns)));
    return int(rows * g.cellHeight + line);
}

QString SweepGallery::figureName() const
{
    return QStringLiteral("sweep");
}

QString SweepGallery::figureTitle() const
{
    return tr("Sweep over %1").arg(QString::fromUtf8(sweepSettingInfo(m_setting).title).toLower());
}

void SweepGallery::paintFigure(QPainter &painter, const QRectF &rect, const FigureOptions &options) const
{
    painter.fillRect(rect, palette().color(QPalette::Base));
    const QFontMetricsF fm(font(), painter.device());
    QRectF area = rect.adjusted(fm.height() / 2, fm.height() / 2, -fm.height() / 2, -fm.height() / 2);
    if (options.title) {
        QFont bold = font();
        bold.setBold(true);
        painter.setFont(bold);
        painter.setPen(palette().color(QPalette::Text));
        painter.drawText(QRectF(area.left(), area.top(), area.width(), 1.2 * fm.height()), Qt::AlignCenter,
                         options.titleText.isEmpty() ? figureTitle() : options.titleText);
        area.setTop(area.top() + 1.6 * fm.height());
    }
    // As many tiles per row as the screen would, scaled to fill the width.
    const int columns = std::max(1, std::min(int(m_tiles.size()), 4));
    const double side = std::max(2.0 * fm.height(), (area.width() + fm.height()) / columns - fm.height());
    draw(painter, area, side, fm);
}

void SweepGallery::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    const QFontMetricsF fm(font());
    draw(painter, QRectF(rect()).adjusted(fm.height() / 2, fm.height() / 2, -fm.height() / 2, -fm.height() / 2),
         sideFor(width()), fm);
}

void SweepGallery::draw(QPainter &p, const QRectF &area, double side, const QFontMetricsF &fm) const
{
    p.setRenderHint(QPainter::Antialiasing);
    p.setRenderHint(QPainter::SmoothPixmapTransform);
    p.setFont(font());
    const QColor text = palette().color(QPalette::Text);
    const QColor base = palette().color(QPalette::Base);
    const QColor muted(blend(base.rgb(), text.rgb(), 0.55));
    const double line = fm.height();
    if (m_tiles.empty()) {
        p.setPen(muted);
        p.drawText(area, Qt::AlignCenter | Qt::TextWordWrap,
                   tr("Choose a setting and its values, then Start: every value is trained on the same data "
                      "from the same seed, and its decision boundary appears here."));
        return;
    }
    const Grid g = grid(area, side, line);
    const double radius = std::max(1.2, side / 100.0);
    for (int i = 0; i < int(m_tiles.size()); ++i) {
        const Tile &tile = m_tiles[std::size_t(i)];
        const QRectF r = g.tile(i);
        if (tile.boundary.isNull()) {
            p.fillRect(r, QColor(blend(base.rgb(), text.rgb(), 0.06)));
        } else {
            p.drawImage(r, tile.boundary);
            // The data on top, small: the boundary only means something next to the points.
            const auto toPixel = [&](double x1, double x2) {
                return QPointF(r.left() + (x1 + kSweepExtent) / (2 * kSweepExtent) * r.width(),
                               r.top() + (kSweepExtent - x2) / (2 * kSweepExtent) * r.height());
            };
            p.save();
            p.setClipRect(r);
            for (const DataPoint &pt : m_dataset.points) {
                const QColor fill = m_dataset.isClassification() ? classColor(pt.label)
                                                                 : QColor(divergingColor(pt.target, base.rgb()));
                p.setPen(QPen(QColor(blend(fill.rgb(), text.rgb(), 0.55)), 0.6));
                p.setBrush(pt.validation ? base : fill);
                p.drawEllipse(toPixel(pt.x1, pt.x2), radius, radius);
            }
            p.restore();
        }
        const bool diverged = tile.result.status == SweepStatus::Diverged || tile.result.status == SweepStatus::Failed;
        if (diverged) {
            // Washed out: its weights are the last good ones, not a result to trust.
            QColor veil = base;
            veil.setAlphaF(0.6f);
            p.fillRect(r, veil);
        }
        const bool best = i == m_best;
        const double frame = best ? std::max(2.0, line / 5.0) : 1.0;
        p.setBrush(Qt::NoBrush);
        p.setPen(QPen(best ? text : muted, frame));
        p.drawRect(r.adjusted(-frame / 2, -frame / 2, frame / 2, frame / 2));

        const QStringList label = tileLabel(i);
        QFont captionFont = font();
        captionFont.setBold(best);
        p.setFont(captionFont);
        p.setPen(text);
        const QRectF first(r.left(), r.bottom() + 0.25 * line, r.width(), line);
        p.drawText(first, Qt::AlignLeft | Qt::AlignVCenter, QFontMetricsF(captionFont, p.device()).elidedText(label[0], Qt::ElideRight, r.width()));
        p.setFont(font());
        p.setPen(diverged ? QColor(classColor(3)) : muted);
        p.drawText(first.translated(0, line), Qt::AlignLeft | Qt::AlignVCenter,
                   fm.elidedText(label[1], Qt::ElideRight, r.width()));
    }
}

void SweepGallery::mouseReleaseEvent(QMouseEvent *event)
{
    for (int i = 0; i < int(m_tiles.size()); ++i) {
        if (tileRect(i).contains(event->position())) {
            emit tileClicked(i);
            return;
        }
    }
    QWidget::mouseReleaseEvent(event);
}

}  // namespace np
