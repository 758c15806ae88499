#include "backpropgraphpainter.h"

#include "backpropstyle.h"

#include <QObject>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace np {

namespace {


QString name(const ComputationGraph &g, int i)
{
    return QString::fromStdString(g.node(i).name);
}

// The text on an input's value box: "x = −2".
QString inputText(const ComputationGraph &g, int i)
{
    return name(g, i) + QStringLiteral(" = ") + backpropNumber(g.node(i).value);
}

}  // namespace

BackpropGraphPainter::BackpropGraphPainter(const ComputationGraph &graph, int step, const QPalette &palette)
    : m_graph(graph)
    , m_walk{&graph, step}
    , m_palette(palette)
{
}

QRectF BackpropGraphPainter::graphArea(const QRectF &rect, const QFontMetricsF &fm) const
{
    const double text = wrappedHeight(explanation(), rect.width() - 2 * fm.height(), fm);
    return rect.adjusted(0, 0, 0, -std::min(text + fm.height(), rect.height() * 0.62));
}

std::vector<QRectF> BackpropGraphPainter::boxes(const QRectF &area, const QFontMetricsF &fm) const
{
    std::vector<QRectF> out(static_cast<std::size_t>(m_graph.size()));
    int columns = 1;
    double rows = 1;
    double inputWidth = fm.horizontalAdvance(QStringLiteral("w = \u22120.0000"));
    for (int i = 0; i < m_graph.size(); ++i) {
        columns = std::max(columns, m_graph.column(i) + 1);
        rows = std::max(rows, m_graph.node(i).row + 1);
        if (m_graph.node(i).kind == GateKind::Input)
            inputWidth = std::max(inputWidth, fm.horizontalAdvance(inputText(m_graph, i)) + fm.height());
    }
    const double em = fm.height();
    const double rowHeight = std::min(area.height() / rows, 5.0 * em);
    const double top = area.top() + (area.height() - rowHeight * rows) / 2;
    const double left = area.left() + em;
    // The last column leaves room for the output wire and its labels.
    const double columnWidth = (area.width() - 2 * em - inputWidth - 8 * em) / std::max(1, columns - 1);
    const double gateWidth = std::clamp(columnWidth * 0.4, 2.5 * em, 4.5 * em);
    const double boxHeight = std::min(1.8 * em, rowHeight * 0.6);
    for (int i = 0; i < m_graph.size(); ++i) {
        const GraphNode &n = m_graph.node(i);
        const double y = top + (n.row + 0.5) * rowHeight;
        if (n.kind == GateKind::Input) {
            out[std::size_t(i)] = QRectF(left, y - boxHeight / 2, inputWidth, boxHeight);
        } else {
            const double x = left + inputWidth + (m_graph.column(i) - 0.5) * columnWidth + columnWidth / 2;
            out[std::size_t(i)] = QRectF(x - gateWidth / 2, y - boxHeight / 2, gateWidth, boxHeight);
        }
    }
    return out;
}

void BackpropGraphPainter::paint(QPainter &painter, const QRectF &rect, const QFontMetricsF &fm) const
{
    const BackpropColors colors = BackpropColors::from(m_palette);
    const QRectF area = graphArea(rect, fm);
    const std::vector<QRectF> box = boxes(area, fm);
    const std::vector<double> values = m_graph.forward();
    const std::vector<double> gradients = m_walk.gradients(values);
    const int current = m_walk.currentGate();
    const double em = fm.height();
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);

    // A wire from a node's right edge to a consumer's input slot, or to the figure's right for f.
    auto drawWire = [&](int from, QPointF end) {
        const QPointF start(box[std::size_t(from)].right(), box[std::size_t(from)].center().y());
        QPainterPath path(start);
        const double dx = (end.x() - start.x()) / 2;
        path.cubicTo(start + QPointF(dx, 0), end - QPointF(dx, 0), end);
        painter.setPen(QPen(colors.grid, 1.5));
        painter.setBrush(Qt::NoBrush);
        painter.drawPath(path);
        // Labels on the wire's first stretch, where it is still level with its source.
        const double labelWidth = std::min(5.0 * em, std::max(2.0 * em, end.x() - start.x() - em));
        const QRectF above(start.x() + em / 4, start.y() - 1.05 * em, labelWidth, em);
        const QRectF below(start.x() + em / 4, start.y() + 0.05 * em, labelWidth, em);
        if (m_walk.hasValue(from)) {
            painter.setPen(colors.value);
            painter.drawText(above, Qt::AlignLeft | Qt::AlignVCenter | Qt::TextDontClip, backpropNumber(values[std::size_t(from)]));
        }
        if (m_walk.hasGradient(from)) {
            painter.setPen(colors.gradient);
            painter.drawText(below, Qt::AlignLeft | Qt::AlignVCenter | Qt::TextDontClip, backpropNumber(gradients[std::size_t(from)]));
        }
    };

    for (int i = 0; i < m_graph.size(); ++i) {
        const GraphNode &n = m_graph.node(i);
        for (std::size_t k = 0; k < n.inputs.size(); ++k) {
            const QRectF &to = box[std::size_t(i)];
            const double slot = to.top() + to.height() * (k + 1.0) / (n.inputs.size() + 1.0);
            drawWire(n.inputs[k], QPointF(to.left(), slot));
        }
    }
    const int f = m_graph.output();
    const QPointF outEnd(std::min(area.right() - 2 * em, box[std::size_t(f)].right() + 6 * em), box[std::size_t(f)].center().y());
    drawWire(f, outEnd);
    painter.setPen(colors.text);
    painter.drawText(QRectF(outEnd.x() + em / 4, outEnd.y() - em / 2, 2 * em, em), Qt::AlignLeft | Qt::AlignVCenter, name(m_graph, f));

    QFont small = painter.font();
    small.setPointSizeF(std::max(6.0, small.pointSizeF() * 0.85));
    for (int i = 0; i < m_graph.size(); ++i) {
        const GraphNode &n = m_graph.node(i);
        const QRectF &r = box[std::size_t(i)];
        const bool isCurrent = i == current;
        painter.setPen(QPen(isCurrent ? colors.current : colors.grid, isCurrent ? 2.5 : 1.0));
        painter.setBrush(n.kind == GateKind::Input ? m_palette.color(QPalette::Base) : colors.box);
        painter.drawRoundedRect(r, em / 4, em / 4);
        painter.setPen(colors.text);
        if (n.kind == GateKind::Input) {
            painter.drawText(r, Qt::AlignCenter, inputText(m_graph, i));
        } else {
            painter.drawText(r, Qt::AlignCenter, QString::fromUtf8(gateSymbol(n.kind)));
            // The gate's output wire is named above the box.
            painter.save();
            painter.setFont(small);
            painter.setPen(colors.muted);
            painter.drawText(QRectF(r.left() - em, r.top() - 1.1 * em, r.width() + 2 * em, em),
                             Qt::AlignHCenter | Qt::AlignBottom, name(m_graph, i));
            painter.restore();
        }
    }

    // The legend and the explanation below the graph.
    const QRectF textArea(rect.left() + em, area.bottom() + em / 4, rect.width() - 2 * em, rect.bottom() - area.bottom());
    const QStringList lines = explanation();
    QList<QColor> pens;
    for (int i = 0; i < lines.size(); ++i)
        pens << (i > 0 && lines[i].contains(QStringLiteral("upstream")) ? colors.gradient : colors.text);
    drawWrapped(painter, textArea, lines, pens, fm);
    painter.restore();
}

QString BackpropGraphPainter::forwardText(int gate, const std::vector<double> &values) const
{
    const GraphNode &n = m_graph.node(gate);
    auto in = [&](std::size_t k) { return values[std::size_t(n.inputs[k])]; };
    QStringList names, numbers;
    for (std::size_t k = 0; k < n.inputs.size(); ++k) {
        names << name(m_graph, n.inputs[k]);
        numbers << backpropFactor(in(k));
    }
    QString symbolic, numeric;
    switch (n.kind) {
    case GateKind::Add: symbolic = names.join(QStringLiteral(" + ")); numeric = numbers.join(QStringLiteral(" + ")); break;
    case GateKind::Multiply: symbolic = names.join(QStringLiteral(" \u00b7 ")); numeric = numbers.join(QStringLiteral(" \u00b7 ")); break;
    case GateKind::Max: symbolic = QStringLiteral("max(%1)").arg(names.join(QStringLiteral(", "))); numeric = QStringLiteral("max(%1)").arg(numbers.join(QStringLiteral(", "))); break;
    case GateKind::Exp: symbolic = QStringLiteral("e^%1").arg(names[0]); numeric = QStringLiteral("e^%1").arg(numbers[0]); break;
    case GateKind::Reciprocal: symbolic = QStringLiteral("1 / %1").arg(names[0]); numeric = QStringLiteral("1 / %1").arg(numbers[0]); break;
    case GateKind::AddOne: symbolic = names[0] + QStringLiteral(" + 1"); numeric = numbers[0] + QStringLiteral(" + 1"); break;
    case GateKind::Negate: symbolic = QStringLiteral("\u2212") + names[0]; numeric = QStringLiteral("\u2212") + numbers[0]; break;
    case GateKind::Sigmoid: symbolic = QStringLiteral("\u03c3(%1)").arg(names[0]); numeric = QStringLiteral("\u03c3(%1)").arg(numbers[0]); break;
    case GateKind::Tanh: symbolic = QStringLiteral("tanh(%1)").arg(names[0]); numeric = QStringLiteral("tanh(%1)").arg(numbers[0]); break;
    case GateKind::Square: symbolic = QStringLiteral("(%1)\u00b2").arg(names[0]); numeric = QStringLiteral("%1\u00b2").arg(numbers[0]); break;
    case GateKind::Input: break;
    }
    return QStringLiteral("%1 = %2 = %3 = %4").arg(name(m_graph, gate), symbolic, numeric, backpropNumber(values[std::size_t(gate)]));
}

QStringList BackpropGraphPainter::explanation() const
{
    const std::vector<double> values = m_graph.forward();
    const int gates = m_walk.gateCount();
    const int step = m_walk.step;
    const QString f = name(m_graph, m_graph.output());
    QStringList lines;
    lines << QObject::tr("Step %1 of %2").arg(step).arg(m_walk.lastStep());
    if (step == 0) {
        lines[0] += QObject::tr(": the inputs");
        lines << QObject::tr("Click an input to change its value. \u2192 computes the gates one by one (values above the wires, in blue),")
              << QObject::tr("then goes back gate by gate (gradients \u2202%1/\u2202wire below the wires, in orange).").arg(f);
        return lines;
    }
    const int gate = m_walk.currentGate();
    const GraphNode &n = m_graph.node(gate);
    if (!m_walk.isBackward()) {
        lines[0] += QObject::tr(", forward: the %1 gate").arg(QString::fromUtf8(gateSymbol(n.kind)));
        lines << forwardText(gate, values);
        if (step == gates)
            lines << QObject::tr("The forward pass is done. \u2192 starts backward with \u2202%1/\u2202%1 = 1.").arg(f);
        return lines;
    }
    // Backward through `gate`: its upstream gradient is complete once every consumer is handled.
    const std::vector<double> before = m_graph.partialBackward(values, step - gates - 1);
    const std::vector<double> after = m_walk.gradients(values);
    const double upstream = before[std::size_t(gate)];
    lines[0] += QObject::tr(", backward: the %1 gate, upstream \u2202%2/\u2202%3 = %4")
                    .arg(QString::fromUtf8(gateSymbol(n.kind)), f, name(m_graph, gate), backpropNumber(upstream));
    for (std::size_t k = 0; k < n.inputs.size(); ++k) {
        const int in = n.inputs[k];
        const double local = m_graph.localDerivative(gate, int(k), values);
        QString line = QObject::tr("\u2202%1/\u2202%2: upstream \u00d7 local = %3 \u00d7 %4 = %5")
                           .arg(f, name(m_graph, in), backpropFactor(upstream), backpropFactor(local), backpropNumber(upstream * local));
        if (before[std::size_t(in)] != 0.0)
            line += QObject::tr("; added to the %1 it had: %2").arg(backpropNumber(before[std::size_t(in)]),
                                                                   backpropNumber(after[std::size_t(in)]));
        lines << line;
    }
    if (const std::string note = m_graph.behaviourNote(gate, values); !note.empty())
        lines << QString::fromStdString(note);
    if (step == m_walk.lastStep()) {
        QStringList grads;
        for (int i : m_graph.inputs())
            grads << QStringLiteral("\u2202%1/\u2202%2 = %3").arg(f, name(m_graph, i), backpropNumber(after[std::size_t(i)]));
        lines << grads.join(QStringLiteral(", "));
        // A sigmoid neuron: the expanded chain's dF/dz equals the single gate's sigma (1 - sigma).
        for (int i = 0; i < m_graph.size(); ++i) {
            const double z = values[std::size_t(i)];
            const double s = values.back();
            if (m_graph.node(i).name == "z" && std::abs(s - 1.0 / (1.0 + std::exp(-z))) < 1e-12) {
                lines << QObject::tr("\u2202f/\u2202z = %1 = \u03c3(1 \u2212 \u03c3) = %2 \u00d7 %3: the expanded chain and the one \u03c3 gate give the same gradient.")
                             .arg(backpropNumber(after[std::size_t(i)]), backpropNumber(s), backpropNumber(1 - s));
            }
        }
    }
    return lines;
}

}  // namespace np
