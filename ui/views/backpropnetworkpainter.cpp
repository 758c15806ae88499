#include "backpropnetworkpainter.h"

#include "backpropstyle.h"

#include <QObject>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace np {

NetworkWalkStep NetworkWalkStep::at(int step, int layers)
{
    if (step <= 0)
        return {Point, -1};
    if (step <= layers)
        return {Forward, step - 1};
    if (step == layers + 1)
        return {Loss, layers - 1};
    if (step <= 2 * layers + 1)
        return {Backward, 2 * layers + 1 - step};
    return {Update, -1};
}

BackpropNetworkPainter::BackpropNetworkPainter(const PointBackprop &walk, const Model &model, int step,
                                               WalkUnit hovered, const QPalette &palette)
    : m_walk(walk)
    , m_model(model)
    , m_step(step)
    , m_at(NetworkWalkStep::at(step, static_cast<int>(walk.layers.size())))
    , m_hovered(hovered)
    , m_palette(palette)
{
}

QRectF BackpropNetworkPainter::diagramArea(const QRectF &rect, double textWidth, const QFontMetricsF &fm) const
{
    const double text = wrappedHeight(explanation(), textWidth - 2 * fm.height(), fm);
    return rect.adjusted(0, fm.height(), 0, -std::min(text + fm.height(), rect.height() * 0.62));
}

std::vector<std::vector<QPointF>> BackpropNetworkPainter::unitCentres(const QRectF &area, const QFontMetricsF &fm,
                                                                      double *radius) const
{
    std::vector<int> sizes{static_cast<int>(m_walk.input.size())};
    for (const LayerBackprop &layer : m_walk.layers)
        sizes.push_back(static_cast<int>(layer.a.size()));
    const int most = *std::max_element(sizes.begin(), sizes.end());
    const double em = fm.height();
    // Room on the right of each column for the unit's numbers.
    const double textWidth = fm.horizontalAdvance(QStringLiteral("z \u22120.0000")) + 2.5 * em;
    const double columnWidth = (area.width() - textWidth - 2 * em) / std::max<std::size_t>(1, sizes.size() - 1);
    const double rowHeight = (area.height() - em) / most;
    const double r = std::clamp(std::min(rowHeight * 0.22, columnWidth * 0.12), 3.0, 1.1 * em);
    if (radius)
        *radius = r;
    std::vector<std::vector<QPointF>> centres;
    for (std::size_t c = 0; c < sizes.size(); ++c) {
        std::vector<QPointF> column;
        const double x = area.left() + em + r + c * columnWidth;
        const double top = area.top() + em / 2 + (area.height() - em - sizes[c] * rowHeight) / 2;
        for (int j = 0; j < sizes[c]; ++j)
            column.emplace_back(x, top + (j + 0.5) * rowHeight);
        centres.push_back(std::move(column));
    }
    return centres;
}

WalkUnit BackpropNetworkPainter::unitAt(const QRectF &area, const QFontMetricsF &fm, QPointF pos) const
{
    double r = 0;
    const auto centres = unitCentres(area, fm, &r);
    for (std::size_t c = 0; c < centres.size(); ++c) {
        for (std::size_t j = 0; j < centres[c].size(); ++j) {
            // The unit's circle and its numbers beside it.
            const QRectF hit(centres[c][j] - QPointF(r, r + fm.height()), QSizeF(2 * r + 5 * fm.height(), 2 * r + 2 * fm.height()));
            if (hit.contains(pos))
                return {int(c), int(j)};
        }
    }
    return {};
}

void BackpropNetworkPainter::drawEdges(QPainter &painter, const std::vector<std::vector<QPointF>> &centres) const
{
    const BackpropColors colors = BackpropColors::from(m_palette);
    for (std::size_t l = 0; l < m_walk.layers.size(); ++l) {
        const LayerBackprop &layer = m_walk.layers[l];
        const bool showGradient = (m_at.phase == NetworkWalkStep::Backward && m_at.layer <= int(l));
        const bool showChange = m_at.phase == NetworkWalkStep::Update;
        Matrix<double> shown = showChange ? Matrix<double>(layer.WAfter - layer.W) : showGradient ? layer.dW : layer.W;
        const double most = std::max(1e-12, shown.cwiseAbs().maxCoeff());
        const auto &from = centres[l];
        const auto &to = centres[l + 1];
        for (std::size_t j = 0; j < to.size(); ++j) {
            const Index row = layer.rowOfUnit(int(j));
            for (std::size_t i = 0; i < from.size(); ++i) {
                const double v = shown(row, Index(i));
                const double t = std::abs(v) / most;
                QColor color = showGradient || showChange ? colors.gradient : colors.value;
                color.setAlphaF(0.15 + 0.75 * t);
                painter.setPen(QPen(color, 0.5 + 3.0 * t, v < 0 ? Qt::DashLine : Qt::SolidLine));
                painter.drawLine(from[i], to[j]);
            }
        }
    }
}

void BackpropNetworkPainter::paint(QPainter &painter, const QRectF &rect, double textWidth, const QFontMetricsF &fm) const
{
    const BackpropColors colors = BackpropColors::from(m_palette);
    const QRectF area = diagramArea(rect, textWidth, fm);
    double r = 0;
    const auto centres = unitCentres(area, fm, &r);
    const double em = fm.height();
    const int layers = static_cast<int>(m_walk.layers.size());
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    drawEdges(painter, centres);

    int currentColumn = -1;
    if (m_at.phase == NetworkWalkStep::Forward || m_at.phase == NetworkWalkStep::Backward || m_at.phase == NetworkWalkStep::Loss)
        currentColumn = m_at.layer + 1;
    const WalkUnit focused = focus();
    // Numbers beside every unit when there is room for them, else beside the focused unit only
    // (the others show theirs on hover); the circles' fill shows the sizes either way.
    double rowGap = 1e9, columnGap = 1e9;
    for (const auto &column : centres) {
        if (column.size() > 1)
            rowGap = std::min(rowGap, column[1].y() - column[0].y());
    }
    if (centres.size() > 1)
        columnGap = centres[1].front().x() - centres[0].front().x();
    const bool roomy = rowGap >= 2.4 * em && columnGap >= 6.5 * em;
    for (std::size_t c = 0; c < centres.size(); ++c) {
        const int l = int(c) - 1;
        const bool haveValues = c == 0 || m_at.phase >= NetworkWalkStep::Loss ||
                                (m_at.phase == NetworkWalkStep::Forward && m_at.layer >= l);
        const bool haveDelta = c > 0 && (m_at.phase == NetworkWalkStep::Update ||
                                         (m_at.phase == NetworkWalkStep::Backward && m_at.layer <= l));
        // The column's name above it.
        painter.setPen(colors.muted);
        const QString title = c == 0 ? QObject::tr("input") : l + 1 == layers ? QObject::tr("output") : QObject::tr("layer %1").arg(l + 1);
        painter.drawText(QRectF(centres[c].front().x() - 3 * em, area.top() - 0.2 * em, 6 * em, em), Qt::AlignCenter, title);
        for (std::size_t j = 0; j < centres[c].size(); ++j) {
            const QPointF p = centres[c][j];
            const bool isFocus = focused == WalkUnit{int(c), int(j)};
            painter.setPen(QPen(int(c) == currentColumn ? colors.current : colors.grid, isFocus ? 3.0 : 1.5));
            painter.setBrush(m_palette.color(QPalette::Base));
            painter.drawEllipse(p, r, r);
            if (c > 0 && (haveDelta || haveValues)) {
                // δ (backward) or a (forward) as the fill's strength, relative to the layer's largest.
                const LayerBackprop &layer = m_walk.layers[std::size_t(l)];
                const Vector<double> &v = haveDelta ? layer.deltaZ : layer.a;
                const double most = std::max(1e-12, v.cwiseAbs().maxCoeff());
                QColor fill = haveDelta ? colors.gradient : colors.value;
                fill.setAlphaF(0.1 + 0.6 * std::abs(v(haveDelta ? layer.rowOfUnit(int(j)) : Index(j))) / most);
                painter.setPen(Qt::NoPen);
                painter.setBrush(fill);
                painter.drawEllipse(p, r * 0.8, r * 0.8);
            }
            if (!roomy && !isFocus && c > 0)
                continue;
            QStringList values;
            if (c == 0) {
                values << unitName(0, int(j)) + QLatin1Char(' ') + backpropNumber(m_walk.input(Index(j)));
            } else if (haveValues) {
                const LayerBackprop &layer = m_walk.layers[std::size_t(l)];
                values << QStringLiteral("z %1").arg(backpropNumber(layer.z(layer.rowOfUnit(int(j)))));
                if (layer.gamma.size())  // batch norm: g takes u = γ (z − μ)/σ + β
                    values << QStringLiteral("u %1").arg(backpropNumber(layer.s(layer.rowOfUnit(int(j)))));
                values << QStringLiteral("a %1").arg(backpropNumber(layer.a(Index(j))));
            }
            const double x = p.x() + r + em / 6;
            painter.setPen(colors.value);
            // The values stacked above the δ line (which starts just below the centre).
            double y = values.size() > 1 ? p.y() + r * 0.3 - values.size() * 0.8 * em - 0.2 * em : p.y() - r - 0.5 * em;
            for (const QString &v : values) {
                painter.drawText(QRectF(x, y, 6 * em, em), Qt::AlignLeft | Qt::AlignVCenter, v);
                y += 0.8 * em;
            }
            if (haveDelta) {
                const LayerBackprop &layer = m_walk.layers[std::size_t(l)];
                painter.setPen(colors.gradient);
                painter.drawText(QRectF(x, p.y() + r * 0.3, 6 * em, em), Qt::AlignLeft | Qt::AlignVCenter,
                                 QStringLiteral("\u03b4 %1").arg(backpropNumber(layer.deltaZ(layer.rowOfUnit(int(j))))));
            }
        }
    }

    const QRectF textArea(rect.left() + em, area.bottom() + em / 2, textWidth - 2 * em, rect.bottom() - area.bottom());
    const QStringList lines = explanation();
    QList<QColor> pens;
    for (int i = 0; i < lines.size(); ++i) {
        const bool gradient = i > 0 && (lines[i].contains(QChar(0x03b4)) || lines[i].contains(QStringLiteral("\u2202L")));
        pens << (gradient ? colors.gradient : colors.text);
    }
    drawWrapped(painter, textArea, lines, pens, fm);
    painter.restore();
}

}  // namespace np
