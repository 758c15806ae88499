// The words under the network walk: each step's formula in the notes' notation, and the numbers
// it is applied to for the hovered unit.
#include "backpropnetworkpainter.h"
#include "backpropstyle.h"
#include "numberformat.h"

#include <QObject>

#include <algorithm>

namespace np {

namespace {

constexpr int kMostTerms = 4;

QString superscript(int n)
{
    static const char16_t digits[] = u"\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079";
    QString out;
    for (QChar c : QString::number(n))
        out += QChar(digits[c.digitValue()]);
    return out;
}

QString vectorText(const Vector<double> &v)
{
    QStringList parts;
    for (Index i = 0; i < v.size() && i < kMostTerms + 2; ++i)
        parts << backpropNumber(v(i));
    if (v.size() > kMostTerms + 2)
        parts << QStringLiteral("\u2026");
    return QLatin1Char('(') + parts.join(QStringLiteral(", ")) + QLatin1Char(')');
}

// "a·b + c·d + …": the first few products of a dot product.
QString productTerms(const Vector<double> &a, const Vector<double> &b)
{
    QStringList terms;
    for (Index i = 0; i < a.size() && i < kMostTerms; ++i)
        terms << backpropFactor(a(i)) + QStringLiteral("\u00b7") + backpropFactor(b(i));
    if (a.size() > kMostTerms)
        terms << QStringLiteral("\u2026");
    return terms.join(QStringLiteral(" + "));
}


}  // namespace

QString BackpropNetworkPainter::layerName(int layer) const
{
    const int layers = static_cast<int>(m_walk.layers.size());
    if (layer + 1 == layers)
        return QObject::tr("the output layer (%1 head)").arg(QString::fromUtf8(headTitle(m_model.network.head)));
    const LayerSpec &spec = m_model.network.hidden[std::size_t(layer)];
    return QObject::tr("layer %1 (%2)").arg(layer + 1).arg(QString::fromUtf8(activationInfo(spec.activation).title));
}

QString BackpropNetworkPainter::unitName(int column, int unit) const
{
    if (column == 0)
        return QStringLiteral("x") + subscript(unit + 1);
    if (column == static_cast<int>(m_walk.layers.size()))
        return QObject::tr("output unit %1").arg(unit + 1);
    return QObject::tr("unit %1 of layer %2").arg(unit + 1).arg(column);
}

WalkUnit BackpropNetworkPainter::focus() const
{
    if (m_hovered.isValid())
        return m_hovered;
    switch (m_at.phase) {
    case NetworkWalkStep::Point: return {0, 0};
    case NetworkWalkStep::Forward:
    case NetworkWalkStep::Backward: return {m_at.layer + 1, 0};
    case NetworkWalkStep::Loss:
    case NetworkWalkStep::Update: return {static_cast<int>(m_walk.layers.size()), 0};
    }
    return {};
}

QStringList BackpropNetworkPainter::forwardLines(int l, int j) const
{
    const LayerBackprop &layer = m_walk.layers[std::size_t(l)];
    const Vector<double> aPrev = l == 0 ? m_walk.input : m_walk.layers[std::size_t(l - 1)].a;
    const QString L = superscript(l + 1), P = superscript(l);
    const bool isOutput = l + 1 == static_cast<int>(m_walk.layers.size());
    QStringList lines;
    QString g = isOutput ? QString::fromUtf8(headTitle(m_model.network.head))
                         : QString::fromUtf8(activationInfo(m_model.network.hidden[std::size_t(l)].activation).title);
    const QString aPrevName = l == 0 ? QStringLiteral("x") : QStringLiteral("a") + P;
    lines << QObject::tr("z%1 = W%1 %2 + b%1,   a%1 = g(z%1) with g = %3").arg(L, aPrevName, g);
    const Index row = layer.rowOfUnit(j);
    const QString sub = subscript(j + 1);
    QString sum = productTerms(layer.W.row(row).transpose(), aPrev);
    if (layer.b.size())
        sum += QStringLiteral(" + ") + backpropFactor(layer.b(row));
    lines << QObject::tr("%1: z%2 = %3 = %4").arg(unitName(l + 1, j), sub, sum, backpropNumber(layer.z(row)));
    if (layer.gamma.size()) {
        lines << QObject::tr("batch norm (running statistics): u%1 = \u03b3 (z \u2212 \u03bc)/\u03c3 + \u03b2 = %2, then a = g(u)")
                     .arg(sub, backpropNumber(layer.s(row)));
    }
    const Index pieces = layer.z.size() / std::max<Index>(1, layer.a.size());
    if (pieces > 1) {
        lines << QObject::tr("maxout: a%1 = max(%2) = %3, the winning piece").arg(sub, vectorText(layer.s.segment(j * pieces, pieces)),
                                                                             backpropNumber(layer.a(j)));
    } else {
        lines << QObject::tr("a%1 = %2(%3) = %4").arg(sub, g, backpropNumber(layer.s(row)), backpropNumber(layer.a(j)));
    }
    return lines;
}

QStringList BackpropNetworkPainter::lossLines() const
{
    const LayerBackprop &out = m_walk.layers.back();
    const OutputHead head = m_model.network.head;
    const Loss loss = m_model.network.loss;
    QStringList lines;
    lines << QObject::tr("L = %1 = %2,   with a = %3 and y = %4")
                 .arg(QString::fromUtf8(lossTitle(loss)), backpropNumber(m_walk.loss), vectorText(out.a), vectorText(m_walk.y));
    const bool matched = ((head == OutputHead::Sigmoid || head == OutputHead::OneVsRest) && loss == Loss::BinaryCrossEntropy) ||
                         (head == OutputHead::Softmax && loss == Loss::CategoricalCrossEntropy) ||
                         (head == OutputHead::Linear && loss == Loss::Squared);
    if (matched)
        lines << QObject::tr("\u03b4\u1d38 = \u2202L/\u2202z\u1d38 = a \u2212 y = %1 (the head and the loss cancel)").arg(vectorText(out.deltaZ));
    else if (loss == Loss::Squared)
        lines << QObject::tr("\u03b4\u1d38 = \u2202L/\u2202z\u1d38 = (a \u2212 y) \u2299 g\u2032(z\u1d38) = %1").arg(vectorText(out.deltaZ));
    else
        lines << QObject::tr("\u03b4\u1d38 = \u2202L/\u2202z\u1d38 from the loss = %1").arg(vectorText(out.deltaZ));
    return lines;
}

QStringList BackpropNetworkPainter::backwardLines(int l, int j) const
{
    const LayerBackprop &layer = m_walk.layers[std::size_t(l)];
    const Vector<double> aPrev = l == 0 ? m_walk.input : m_walk.layers[std::size_t(l - 1)].a;
    const QString L = superscript(l + 1), N = superscript(l + 2);
    const QString sub = subscript(j + 1);
    const Index row = layer.rowOfUnit(j);
    QStringList lines;
    const QString aPrevName = l == 0 ? QStringLiteral("x") : QStringLiteral("a") + superscript(l);
    if (l + 1 == static_cast<int>(m_walk.layers.size())) {
        lines << QObject::tr("\u03b4%1 from the loss;   \u2202L/\u2202W%1 = \u03b4%1 (%2)\u1d40,   \u2202L/\u2202b%1 = \u03b4%1").arg(L, aPrevName);
    } else {
        const LayerBackprop &next = m_walk.layers[std::size_t(l + 1)];
        lines << QObject::tr("\u03b4%1 = (W%2)\u1d40 \u03b4%2 \u2299 g\u2032(z%1),   \u2202L/\u2202W%1 = \u03b4%1 (%3)\u1d40").arg(L, N, aPrevName);
        lines << QObject::tr("%1: \u03b4%2 = (%3) \u00b7 g\u2032(z%2) = %4 \u00b7 %5 = %6")
                     .arg(unitName(l + 1, j), sub, productTerms(next.W.col(j), next.deltaZ), backpropFactor(layer.da(j)),
                          backpropFactor(layer.gPrime(row)), backpropNumber(layer.delta(row)));
        if (layer.gamma.size())
            lines << QObject::tr("batch norm: that is \u2202L/\u2202u; \u2202L/\u2202z = \u03b4 \u03b3/\u03c3 = %1 (running \u03c3)")
                         .arg(backpropNumber(layer.deltaZ(row)));
    }
    QString dW = QObject::tr("\u2202L/\u2202W%1 row %2 = \u03b4%3 %4 = %5 \u00b7 %6 = %7")
                     .arg(L, QString::number(j + 1), sub, aPrevName, backpropFactor(layer.deltaZ(row)), vectorText(aPrev),
                          vectorText(layer.dW.row(row).transpose()));
    if (layer.db.size())
        dW += QObject::tr(";   \u2202L/\u2202b%1 = %2").arg(sub, backpropNumber(layer.db(row)));
    lines << dW;
    return lines;
}

QStringList BackpropNetworkPainter::updateLines(int l, int j) const
{
    QStringList lines;
    lines << QObject::tr("W \u2190 W \u2212 \u03b7 \u2202L/\u2202W with \u03b7 = %1 (this one point, plain SGD)").arg(backpropNumber(m_walk.learningRate));
    lines << QObject::tr("Loss on the point: %1 before, %2 after the step").arg(backpropNumber(m_walk.loss), backpropNumber(m_walk.lossAfter));
    if (l >= 0) {
        const LayerBackprop &layer = m_walk.layers[std::size_t(l)];
        const Index row = layer.rowOfUnit(j);
        QString text = QObject::tr("%1: W row %2 %3 \u2192 %4").arg(unitName(l + 1, j)).arg(row + 1)
                           .arg(vectorText(layer.W.row(row).transpose()), vectorText(layer.WAfter.row(row).transpose()));
        if (layer.b.size())
            text += QObject::tr(",  b %1 \u2192 %2").arg(backpropNumber(layer.b(row)), backpropNumber(layer.bAfter(row)));
        lines << text;
    }
    return lines;
}

QStringList BackpropNetworkPainter::notes() const
{
    QStringList lines = m_extraNotes;
    if (m_walk.usesBatchNorm())
        lines << QObject::tr("Batch norm uses its running statistics here (evaluation mode); in training a batch's own mean "
                             "and variance normalise z, so a batch's step differs from this one point's.");
    if (m_walk.usesDropout)
        lines << QObject::tr("Dropout is off for one point's walk; training drops units at random.");
    return lines;
}

QStringList BackpropNetworkPainter::explanation() const
{
    const int layers = static_cast<int>(m_walk.layers.size());
    const WalkUnit f = focus();
    QStringList lines;
    const QString step = QObject::tr("Step %1 of %2").arg(m_step).arg(NetworkWalkStep::lastStep(layers));
    QString point = m_model.task == Task::Regression ? QObject::tr("target %1").arg(backpropNumber(m_walk.target))
                                                     : QObject::tr("class %1").arg(m_walk.label);
    switch (m_at.phase) {
    case NetworkWalkStep::Point:
        lines << step + QObject::tr(": the point (%1, %2), %3").arg(backpropNumber(m_walk.x1), backpropNumber(m_walk.x2), point);
        lines << QObject::tr("The network's input x = %1 (its features%2)").arg(vectorText(m_walk.input),
                         m_model.standardizer.isEmpty() ? QString() : QObject::tr(", standardised"));
        lines << QObject::tr("\u2192 steps forward layer by layer, then the loss, then backward; hover a unit for its numbers.");
        break;
    case NetworkWalkStep::Forward:
        lines << step + QObject::tr(", forward: %1").arg(layerName(m_at.layer));
        lines << forwardLines(m_at.layer, f.column == m_at.layer + 1 ? f.unit : 0);
        break;
    case NetworkWalkStep::Loss:
        lines << step + QObject::tr(": the loss on the point");
        lines << lossLines();
        break;
    case NetworkWalkStep::Backward:
        lines << step + QObject::tr(", backward: %1").arg(layerName(m_at.layer));
        lines << backwardLines(m_at.layer, f.column == m_at.layer + 1 ? f.unit : 0);
        break;
    case NetworkWalkStep::Update:
        lines << step + QObject::tr(": one SGD step on this point");
        lines << updateLines(f.column >= 1 ? f.column - 1 : layers - 1, f.column >= 1 ? f.unit : 0);
        break;
    }
    lines << notes();
    return lines;
}

}  // namespace np
