#include "diagrampainter.h"
#include "neuronformula.h"

#include "colors.h"
#include "numberformat.h"
#include "thinlines.h"

#include <QFontMetricsF>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace np {

namespace {

const QRgb kDeadColor = qRgb(120, 120, 120);
const QRgb kSaturatedColor = qRgb(214, 39, 40);

QColor signColor(double w)
{
    return classColor(w >= 0 ? 1 : 0);  // blue positive, orange negative, as the maps
}

bool bounded(Activation g)
{
    return g == Activation::Sigmoid || g == Activation::Tanh;
}

}  // namespace

DiagramPainter::DiagramPainter(const DiagramNetwork &net, const ViewFrame &frame, const QPalette &palette,
                               DiagramStamps *stamps)
    : m_net(net)
    , m_frame(frame)
    , m_palette(palette)
    , m_stamps(stamps)
{
}

const QImage &DiagramPainter::neuronImage(const ViewFrame &frame, int column, int unit)
{
    static const QImage none;
    const NeuronMaps *maps = frame.neurons.get();
    if (!maps)
        return none;
    const auto u = std::size_t(unit);
    if (column == 0)
        return u < maps->inputs.size() ? maps->inputs[u] : none;
    const auto l = std::size_t(column - 1);
    return l < maps->layers.size() && u < maps->layers[l].size() ? maps->layers[l][u] : none;
}

UnitState DiagramPainter::unitState(const ViewFrame &frame, int column, int unit)
{
    const NeuronMaps *maps = frame.neurons.get();
    if (!maps || column < 1)
        return UnitState::Normal;
    const auto l = std::size_t(column - 1);
    const auto u = std::size_t(unit);
    return l < maps->states.size() && u < maps->states[l].size() ? maps->states[l][u] : UnitState::Normal;
}

std::vector<DiagramLegendItem> DiagramPainter::legendItems(const DiagramNetwork &net)
{
    std::vector<DiagramLegendItem> items{{DiagramLegendItem::Positive, tr("positive weight")},
                                         {DiagramLegendItem::Negative, tr("negative weight")},
                                         {DiagramLegendItem::Bias, tr("bias")}};
    bool relu = false, saturating = false;
    for (const LayerSpec &layer : net.spec().hidden) {
        relu = relu || layer.activation == Activation::ReLU;
        saturating = saturating || bounded(layer.activation);
    }
    if (relu)
        items.push_back({DiagramLegendItem::Dead, tr("dead ReLU")});
    if (saturating)
        items.push_back({DiagramLegendItem::Saturated, tr("saturated")});
    int keep = 0;
    for (int c = 1; c < net.columnCount(); ++c) {
        if (DiagramEdges::incomingDrawn(net, c) < net.unitCount(c - 1))
            keep = std::max(keep, DiagramEdges::incomingDrawn(net, c));
    }
    if (keep > 0)
        items.push_back({DiagramLegendItem::Text, tr("wide layers: each unit's strongest %1 inputs").arg(keep)});
    return items;
}

QString DiagramPainter::columnTitle(int column) const
{
    if (column == 0)
        return tr("Input");
    if (column == m_net.columnCount() - 1)
        return tr("Output");
    return tr("Hidden %1").arg(column);
}

QString DiagramPainter::columnSubtitle(int column) const
{
    if (column == 0)
        return m_net.unitCount(0) == 1 ? tr("1 feature") : tr("%1 features").arg(m_net.unitCount(0));
    if (column == m_net.columnCount() - 1)
        return QString::fromUtf8(headTitle(m_net.spec().head)).toLower();
    const LayerSpec &spec = m_net.spec().hidden[std::size_t(column - 1)];
    QString text = QStringLiteral("%1 %2").arg(spec.units).arg(QString::fromUtf8(activationInfo(spec.activation).title));
    if (spec.batchNorm)
        text += tr(" · BN");
    if (spec.dropout > 0)
        text += tr(" · drop %1").arg(spec.dropout);
    return text;
}

QString DiagramPainter::shownTitle(const DiagramLayout &g, const QFontMetricsF &fm, int c, QRectF *box) const
{
    const int count = m_net.columnCount();
    const DiagramColumn &column = g.columns[std::size_t(c)];
    // The output's title is centred over its column too, so it may reach as far left as right.
    const double slot = c + 1 < count ? g.columns[std::size_t(c + 1)].x - column.x
                                      : 2 * (g.bounds.right() - column.x - column.map / 2);
    const double width = std::max(column.map, slot - 2);
    const double centre = column.x + column.map / 2;
    // The editable diagram's hidden columns share the line with their remove button.
    if (g.editing && c > 0 && c + 1 < count) {
        const DiagramLayout::HiddenTitle t = DiagramLayout::hiddenTitle(fm, c, centre, width, g.headerTop, g.lineHeight);
        if (box)
            *box = t.textBox;
        return t.text;
    }
    if (box)
        *box = QRectF(centre - width / 2, g.headerTop, width, g.lineHeight);
    QString title = columnTitle(c);
    if (fm.horizontalAdvance(title) > width)
        title = c == 0 ? tr("In") : c + 1 == count ? tr("Out") : tr("H%1").arg(c);
    return fm.elidedText(title, Qt::ElideRight, width);
}

int DiagramPainter::stepCount() const
{
    return 1 + DiagramEdges::kLevels + 1 + m_net.columnCount() + 1;
}

void DiagramPainter::drawDiagram(QPainter &painter, const DiagramLayout &g, const DiagramEdges &b, bool legend,
                                 const QRectF &exposed) const
{
    for (int step = 0; step < stepCount(); ++step)
        drawStep(painter, g, b, legend, exposed, step);
}

void DiagramPainter::drawStep(QPainter &painter, const DiagramLayout &g, const DiagramEdges &b, bool legend,
                              const QRectF &exposed, int step) const
{
    const bool all = exposed.isNull();
    // A line is skipped only when its box (widened by the widest pen) misses the exposed area.
    const double reach = 4 * b.width + 2;
    const QRectF edgeArea = exposed.adjusted(-reach, -reach, reach, reach);
    std::vector<QLineF> shown;
    const QColor text = m_palette.color(QPalette::Text);
    const QColor base = m_palette.color(QPalette::Base);
    const int count = m_net.columnCount();
    const QFontMetricsF fm(painter.font());

    if (step == 0) {
        // Column titles, elided to their slot.
        painter.setPen(text);
        for (int c = 0; c < count; ++c) {
            QRectF box;
            const QString title = shownTitle(g, fm, c, &box);
            painter.drawText(box, Qt::AlignCenter, title);
            if (g.editing && c > 0 && c + 1 < count)
                continue;  // the activation and units controls stand in the lines below
            const double width = box.width();
            QString subtitle = columnSubtitle(c);
            if (fm.horizontalAdvance(subtitle) > width)
                subtitle = subtitle.section(QStringLiteral(" ("), 0, 0);  // "sigmoid (binary)" -> "sigmoid"
            painter.drawText(box.translated(0, g.lineHeight), Qt::AlignCenter, fm.elidedText(subtitle, Qt::ElideRight, width));
        }

        // Edges, weak before strong so the strong ones stay on top: one level per step.
        painter.setRenderHint(QPainter::Antialiasing);
        return;
    }
    if (step <= DiagramEdges::kLevels) {
        const int level = step - 1;
        const double t = (level + 0.5) / DiagramEdges::kLevels;
        for (bool dense : {true, false}) {
            for (bool positive : {false, true}) {
                const std::vector<QLineF> *source = &b.lines[DiagramEdges::index(dense, positive, level)];
                if (!all) {
                    shown.clear();
                    for (const QLineF &line : *source) {
                        if (std::max(line.x1(), line.x2()) >= edgeArea.left() && std::min(line.x1(), line.x2()) <= edgeArea.right()
                            && std::max(line.y1(), line.y2()) >= edgeArea.top() && std::min(line.y1(), line.y2()) <= edgeArea.bottom())
                            shown.push_back(line);
                    }
                    source = &shown;
                }
                const std::vector<QLineF> &lines = *source;
                if (lines.empty())
                    continue;
                // Opaque colours faded towards the background: translucent lines cost the raster
                // engine ten times as much. Dense layers draw one-pixel aliased lines, their
                // strength shown by the fading alone, written straight into the screen's picture.
                const double opacity = dense ? 0.1 + 0.55 * t : 0.25 + 0.75 * t;
                const QRgb colour = blend(base.rgb(), signColor(positive ? 1 : -1).rgb(), opacity);
                if (dense) {
                    drawThinLines(painter, lines.data(), int(lines.size()), colour);
                    continue;
                }
                painter.setRenderHint(QPainter::Antialiasing);
                painter.setPen(QPen(QColor(colour), b.width * (0.6 + 3.4 * t), Qt::SolidLine, Qt::FlatCap));
                painter.drawLines(lines.data(), int(lines.size()));
            }
        }
        return;
    }
    if (step == DiagramEdges::kLevels + 1) {
        // Input names, and the features switched off as faded places with their names.
        painter.setPen(text);
        const DiagramColumn &inputs = g.columns.front();
        const auto label = [&](const QRectF &r) {
            return QRectF(r.left() - g.labelWidth, r.center().y() - g.em / 2, g.labelWidth - g.pad / 2, g.em);
        };
        for (int u = 0; u < inputs.units; ++u)
            painter.drawText(label(inputs.rect(u)), Qt::AlignRight | Qt::AlignVCenter, m_net.inputName(u));
        if (!inputs.places.empty()) {
            const QColor faded = QColor(blend(base.rgb(), text.rgb(), 0.4));
            const QColor empty = QColor(blend(base.rgb(), text.rgb(), 0.06));
            for (int place = 0; place < inputs.slotCount(); ++place) {
                if (std::find(inputs.places.begin(), inputs.places.end(), place) != inputs.places.end())
                    continue;
                const QRectF r = inputs.slotRect(place);
                painter.fillRect(r, empty);
                painter.setPen(QPen(faded, 1, Qt::DashLine));
                painter.drawRect(r.adjusted(0, 0, -1, -1));
                painter.setPen(faded);
                if (std::size_t(place) < g.inputPlaceNames.size())
                    painter.drawText(label(r), Qt::AlignRight | Qt::AlignVCenter, g.inputPlaceNames[std::size_t(place)]);
            }
            painter.setPen(text);
        }
        return;
    }

    // Maps, their frames, state marks and bias markers.
    const QColor frame = QColor(blend(base.rgb(), text.rgb(), 0.45));
    if (const int c = step - DiagramEdges::kLevels - 2; c < count) {
        const DiagramColumn &column = g.columns[std::size_t(c)];
        painter.setRenderHint(QPainter::SmoothPixmapTransform, column.map > 20);
        // A unit's frame, saturated mark and bias marker reach this far outside its map.
        const double unitReach = std::max(column.map / 14, g.biasRadius) + 3;
        const QRectF unitArea = exposed.adjusted(-unitReach, -unitReach, unitReach, unitReach);
        for (int u = 0; u < column.units; ++u) {
            const QRectF r = column.rect(u);
            if (!all && !r.intersects(unitArea))
                continue;
            const QImage &image = neuronImage(m_frame, c, u);
            painter.setRenderHint(QPainter::Antialiasing, false);
            if (image.isNull())
                painter.fillRect(r, base);
            else
                painter.drawImage(r, image);
            const UnitState state = unitState(m_frame, c, u);
            painter.setBrush(Qt::NoBrush);
            if (state == UnitState::Saturated) {
                const double w = std::max(1.5, column.map / 14);
                painter.setPen(QPen(QColor(kSaturatedColor), w, Qt::SolidLine, Qt::SquareCap, Qt::MiterJoin));
                painter.drawRect(r.adjusted(-w / 2, -w / 2, w / 2, w / 2));
            } else {
                painter.setPen(QPen(frame, 1));
                painter.drawRect(r.adjusted(0, 0, -1, -1));
            }
            if (state == UnitState::Dead)
                drawDeadMark(painter, r, column.map);
        }
        if (!m_net.hasBias(c))
            return;
        // Tiny markers look the same without antialiasing, at a fraction of the cost.
        const bool smooth = g.biasRadius > 2.5;
        const double r = g.biasRadius;
        painter.setRenderHint(QPainter::Antialiasing, smooth);
        painter.setPen(QPen(frame, 1));
        // On screen, stamps of the markers' shades: a shade per 1/128 of the strength, under one
        // level of 255 apart in colour.
        const bool stamped = m_stamps && Stamps::stampable(painter);
        if (stamped)
            m_stamps->bias.setLook({r, double(frame.rgba()), double(base.rgba()), double(smooth)}, r + 1, painter);
        for (int u = 0; u < column.units; ++u) {
            if (!all && !column.rect(u).intersects(unitArea))
                continue;
            int row = u;
            if (m_net.pieces(c) > 1)
                row = u * m_net.pieces(c);  // a maxout unit's first piece
            const double v = m_net.bias(c, row);
            const double t = m_net.strength(float(v));
            const QPointF centre = column.rect(u).bottomLeft();
            if (!stamped) {
                painter.setBrush(QColor(blend(base.rgb(), signColor(v).rgb(), 0.25 + 0.75 * t)));
                painter.drawEllipse(centre, r, r);
                continue;
            }
            const QRgb fill = blend(base.rgb(), signColor(v).rgb(), 0.25 + 0.75 * std::round(t * 128) / 128);
            m_stamps->bias.stamp(painter, centre, fill, [&](QPainter &p, const QPointF &at) {
                p.setRenderHint(QPainter::Antialiasing, smooth);
                p.setPen(QPen(frame, 1));
                p.setBrush(QColor(fill));
                p.drawEllipse(at, r, r);
            });
        }
        return;
    }
    painter.setRenderHint(QPainter::Antialiasing, false);
    if (legend)
        drawLegend(painter, g);
}

void DiagramPainter::drawDeadMark(QPainter &painter, const QRectF &unit, double map) const
{
    const double half = map * 0.35;  // of the cross, 15 % of the map in from its sides
    const double width = std::max(1.5, map / 10);
    const auto cross = [half, width](QPainter &p, const QPointF &c) {
        p.setRenderHint(QPainter::Antialiasing);
        p.setPen(QPen(QColor(kDeadColor), width, Qt::SolidLine, Qt::RoundCap));
        p.drawLine(c + QPointF(-half, -half), c + QPointF(half, half));
        p.drawLine(c + QPointF(half, -half), c + QPointF(-half, half));
    };
    if (m_stamps && Stamps::stampable(painter)) {
        m_stamps->dead.setLook({map}, half + width / 2 + 1, painter);
        m_stamps->dead.stamp(painter, unit.center(), 0, cross);
        return;
    }
    cross(painter, unit.center());
}

void DiagramPainter::drawLegend(QPainter &painter, const DiagramLayout &g) const
{
    const QColor text = m_palette.color(QPalette::Text);
    const QColor base = m_palette.color(QPalette::Base);
    const double em = g.em;
    painter.setRenderHint(QPainter::Antialiasing);
    for (std::size_t k = 0; k < g.legendItems.size(); ++k) {
        const DiagramLegendItem &item = g.legendItems[k];
        double x = g.legendPositions[k].x();
        const double top = g.legendPositions[k].y();
        const double y = top + em / 2;
        const QRectF box(x, y - em / 3, 2 * em / 3, 2 * em / 3);
        switch (item.key) {
        case DiagramLegendItem::Positive:
        case DiagramLegendItem::Negative:
            painter.setPen(QPen(signColor(item.key == DiagramLegendItem::Positive ? 1 : -1), std::max(2.0, em / 6),
                                Qt::SolidLine, Qt::FlatCap));
            painter.drawLine(QPointF(x, y), QPointF(x + 1.5 * em, y));
            break;
        case DiagramLegendItem::Bias:
            painter.setPen(QPen(QColor(blend(base.rgb(), text.rgb(), 0.45)), 1));
            painter.setBrush(signColor(1));
            painter.drawEllipse(box.center(), em / 4, em / 4);
            break;
        case DiagramLegendItem::Dead:
            painter.setPen(QPen(QColor(kDeadColor), std::max(1.5, em / 8), Qt::SolidLine, Qt::RoundCap));
            painter.drawLine(box.topLeft(), box.bottomRight());
            painter.drawLine(box.topRight(), box.bottomLeft());
            break;
        case DiagramLegendItem::Saturated:
            painter.setPen(QPen(QColor(kSaturatedColor), std::max(1.5, em / 10)));
            painter.setBrush(Qt::NoBrush);
            painter.drawRect(box);
            break;
        case DiagramLegendItem::Text:
            break;
        }
        x += DiagramLegendItem::keyWidth(item, em);
        painter.setPen(text);
        painter.drawText(QRectF(x, top, g.bounds.right() - x, em), Qt::AlignLeft | Qt::AlignVCenter, item.text);
    }
    painter.setRenderHint(QPainter::Antialiasing, false);
}

void DiagramPainter::drawHover(QPainter &painter, const DiagramLayout &g, const DiagramHit &hover, const QPointF &pointer,
                               const QRectF &visible, bool editable) const
{
    if (hover.kind == DiagramHit::None)
        return;
    // Below the header's controls: child widgets would cover a popup drawn over them.
    QRectF area = visible;
    if (g.editing)
        area.setTop(std::min(area.bottom() - 4 * g.em,
                             std::max(area.top(), g.headerTop + g.headerLines * g.lineHeight)));
    painter.setRenderHint(QPainter::Antialiasing);
    const QColor text = m_palette.color(QPalette::Text);
    const double unit = g.em / 16;
    auto drawEdge = [&](int c, int i, int j, double extra) {
        const float w = m_net.weight(c, i, j);
        const double t = m_net.strength(w);
        const QLineF line = g.edge(c, i, j);
        if (extra > 0) {
            painter.setPen(QPen(text, unit * (0.6 + 3.4 * t) + 2 * extra, Qt::SolidLine, Qt::RoundCap));
            painter.drawLine(line);
        }
        painter.setPen(QPen(signColor(w), unit * (0.6 + 3.4 * t) + extra, Qt::SolidLine, Qt::RoundCap));
        painter.drawLine(line);
    };

    if (hover.kind == DiagramHit::Neuron) {
        // Every connection of the unit, thinned or not.
        const int c = hover.column;
        if (c >= 1)
            for (int j = 0; j < m_net.unitCount(c - 1); ++j)
                drawEdge(c, hover.unit, j, 0);
        if (c + 1 < m_net.columnCount())
            for (int i = 0; i < m_net.unitCount(c + 1); ++i)
                drawEdge(c + 1, i, hover.unit, 0);
        drawUnitPopup(painter, g, hover, area);
        return;
    }
    if (hover.kind == DiagramHit::Edge)
        drawEdge(hover.column, hover.unit, hover.from, std::max(1.0, unit));
    if (hover.kind == DiagramHit::Bias) {
        painter.setPen(QPen(text, 2));
        painter.setBrush(Qt::NoBrush);
        painter.drawEllipse(g.columns[std::size_t(hover.column)].rect(hover.unit).bottomLeft(),
                            g.biasRadius + 2, g.biasRadius + 2);
    }

    // A tooltip-like box by the pointer: the value, what it connects, how to change it.
    QStringList lines{NeuronFormula::valueText(m_net, hover)};
    if (hover.kind == DiagramHit::Edge)
        lines << QStringLiteral("%1 → %2").arg(NeuronFormula::unitName(m_net, hover.column - 1, hover.from), NeuronFormula::unitName(m_net, hover.column, hover.unit));
    else
        lines << tr("bias of %1").arg(NeuronFormula::unitName(m_net, hover.column, hover.unit));
    if (editable)
        lines << tr("Click to edit");
    const QFontMetricsF fm(painter.font());
    double width = 0;
    for (const QString &line : lines)
        width = std::max(width, fm.horizontalAdvance(line));
    const double pad = std::round(g.em / 3);
    QRectF box(pointer + QPointF(g.em, g.em), QSizeF(width + 2 * pad, lines.size() * g.em + 2 * pad));
    if (box.right() > area.right())
        box.moveRight(pointer.x() - g.em);
    if (box.bottom() > area.bottom())
        box.moveBottom(pointer.y() - g.em);
    painter.setPen(QPen(m_palette.color(QPalette::ToolTipText), 1));
    painter.setBrush(m_palette.color(QPalette::ToolTipBase));
    painter.drawRoundedRect(box, pad, pad);
    for (int k = 0; k < lines.size(); ++k)
        painter.drawText(QRectF(box.left() + pad, box.top() + pad + k * g.em, width + 1, g.em),
                         Qt::AlignLeft | Qt::AlignVCenter, lines[k]);
}

void DiagramPainter::drawUnitPopup(QPainter &painter, const DiagramLayout &g, const DiagramHit &hover,
                                   const QRectF &area) const
{
    const int c = hover.column;
    const int u = hover.unit;
    const DiagramColumn &column = g.columns[std::size_t(c)];
    const QRectF unitRect = column.rect(u);
    const double em = g.em;
    const double pad = std::round(em / 2);

    QStringList lines;
    if (c == 0)
        lines << tr("Input %1").arg(m_net.inputName(u));
    else
        lines << tr("%1 · unit %2").arg(columnTitle(c)).arg(u + 1);
    lines << NeuronFormula::formula(m_net, c, u).split(QLatin1Char('\n'));
    const UnitState state = unitState(m_frame, c, u);
    if (state == UnitState::Dead)
        lines << tr("Dead: zero on every training point");
    else if (state == UnitState::Saturated)
        lines << tr("Saturated on nearly every training point");
    const NeuronMaps *maps = m_frame.neurons.get();
    if (maps && c >= 1 && std::size_t(c - 1) < maps->layerScale.size()) {
        const bool output = c == m_net.columnCount() - 1;
        const bool classes = output && m_frame.model.task == Task::Classification;
        const bool probability = output && (m_net.spec().head == OutputHead::Sigmoid
                                                            || m_net.spec().head == OutputHead::Softmax
                                                            || m_net.spec().head == OutputHead::OneVsRest);
        const double s = maps->layerScale[std::size_t(c - 1)];
        if (classes)
            lines << (m_net.unitCount(c) == 1 ? tr("coloured by the likelier class, as the plane")
                                               : tr("P(class %1) from 0 to 1 in its colour, as the plane").arg(u + 1));
        else
            lines << (probability ? tr("orange 0 … blue 1")
                              : tr("orange %1 … blue %2").arg(formatNumber(-s), formatNumber(s)));
    }

    const QFontMetricsF fm(painter.font());
    double width = 0;
    for (const QString &line : lines)
        width = std::max(width, fm.horizontalAdvance(line));
    const double side = std::round(std::clamp(0.4 * std::min(area.width(), area.height()), 6 * em, 14 * em));
    width = std::max(width, side);
    QRectF box(0, 0, width + 2 * pad, side + lines.size() * em + 3 * pad);
    box.moveLeft(unitRect.right() + em);
    if (box.right() > area.right())
        box.moveRight(unitRect.left() - em);
    box.moveLeft(std::max(box.left(), area.left()));
    box.moveTop(std::clamp(unitRect.center().y() - box.height() / 2, area.top(), std::max(area.top(), area.bottom() - box.height())));

    painter.setPen(QPen(m_palette.color(QPalette::ToolTipText), 1));
    painter.setBrush(m_palette.color(QPalette::ToolTipBase));
    painter.drawRoundedRect(box, pad / 2, pad / 2);
    const QRectF map(box.left() + pad + (width - side) / 2, box.top() + pad, side, side);
    const QImage &image = neuronImage(m_frame, c, u);
    painter.setRenderHint(QPainter::SmoothPixmapTransform);
    if (!image.isNull())
        painter.drawImage(map, image);
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(map);
    for (int k = 0; k < lines.size(); ++k)
        painter.drawText(QRectF(box.left() + pad, map.bottom() + pad + k * em, width + 1, em),
                         Qt::AlignLeft | Qt::AlignVCenter, lines[k]);
}

}  // namespace np
