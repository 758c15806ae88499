#include "neuronformula.h"

#include "numberformat.h"

#include <QStringList>

#include <algorithm>
#include <cmath>

namespace np {

namespace {

constexpr int kFormulaTerms = 4;  // more inputs than this: the largest three and "…"

// The name of g in a formula; empty for the identity.
QString activationFunction(Activation g)
{
    switch (g) {
    case Activation::Step:
        return QStringLiteral("step");
    case Activation::Linear:
        return {};
    case Activation::Sigmoid:
        return QStringLiteral("σ");
    case Activation::Tanh:
        return QStringLiteral("tanh");
    case Activation::ReLU:
        return QStringLiteral("ReLU");
    case Activation::LeakyReLU:
        return QStringLiteral("LReLU");
    case Activation::ELU:
        return QStringLiteral("ELU");
    case Activation::Softplus:
        return QStringLiteral("softplus");
    case Activation::AbsReLU:
        return QStringLiteral("abs");
    case Activation::Maxout:
        return QStringLiteral("max");
    case Activation::GELU:
        return QStringLiteral("GELU");
    case Activation::SiLU:
        return QStringLiteral("SiLU");
    }
    return {};
}

}  // namespace

QString NeuronFormula::unitName(const DiagramNetwork &net, int column, int unit)
{
    if (column == 0)
        return net.inputName(unit);
    return QStringLiteral("a[%1]").arg(column) + subscript(unit + 1);
}

QString NeuronFormula::formula(const DiagramNetwork &net, int column, int unit)
{
    if (column == 0) {
        return net.isStandardized() ? tr("%1 (standardised)").arg(net.inputName(unit)) : net.inputName(unit);
    }
    const int l = column - 1;
    const LayerShape &shape = net.network().layer(l);
    const auto W = net.network().W(l);
    const int in = shape.in;

    // z for one row of W: the largest terms first when there are many, then the bias.
    auto sum = [&](int row) {
        std::vector<int> order(static_cast<std::size_t>(in));
        for (int j = 0; j < in; ++j)
            order[std::size_t(j)] = j;
        const bool elide = in > kFormulaTerms;
        if (elide) {
            std::partial_sort(order.begin(), order.begin() + (kFormulaTerms - 1), order.end(),
                              [&](int a, int b) { return std::abs(W(row, a)) > std::abs(W(row, b)); });
            order.resize(kFormulaTerms - 1);
        }
        QString text;
        auto term = [&text](double v, const QString &name) {
            const QString number = formatNumber(std::abs(v)) + (name.isEmpty() ? QString() : QStringLiteral("·") + name);
            if (text.isEmpty())
                text = v < 0 ? QChar(0x2212) + number : number;
            else
                text += (v < 0 ? QStringLiteral(" − ") : QStringLiteral(" + ")) + number;
        };
        for (int j : order)
            term(W(row, j), unitName(net, column - 1, j));
        if (elide)
            text += QStringLiteral(" + …");
        if (net.hasBias(column))
            term(net.network().b(l)(row), {});
        return shape.batchNorm ? QStringLiteral("BN(%1)").arg(text) : text;
    };

    const QString a = unitName(net, column, unit);
    if (shape.pieces > 1) {
        QStringList pieces, lines;
        for (int k = 0; k < shape.pieces; ++k) {
            pieces << QStringLiteral("z") + subscript(k + 1);
            lines << QStringLiteral("z%1 = %2").arg(subscript(k + 1), sum(unit * shape.pieces + k));
        }
        return QStringLiteral("%1 = max(%2)\n").arg(a, pieces.join(QStringLiteral(", "))) + lines.join(QLatin1Char('\n'));
    }
    if (shape.isOutput && net.spec().head == OutputHead::Softmax) {
        const QString z = QStringLiteral("z") + subscript(unit + 1);
        return QStringLiteral("%1 = softmax(z)%2\n%3 = %4").arg(a, subscript(unit + 1), z, sum(unit));
    }
    const QString g = activationFunction(shape.activation);
    return g.isEmpty() ? QStringLiteral("%1 = %2").arg(a, sum(unit)) : QStringLiteral("%1 = %2(%3)").arg(a, g, sum(unit));
}

QString NeuronFormula::valueText(const DiagramNetwork &net, const DiagramHit &hit)
{
    if (hit.kind == DiagramHit::Edge)
        return QStringLiteral("W[%1]%2 = %3")
            .arg(hit.column)
            .arg(subscript(QStringLiteral("₍%1,%2₎").arg(hit.row + 1).arg(hit.from + 1)), formatNumber(net.value(hit)));
    if (hit.kind == DiagramHit::Bias)
        return QStringLiteral("b[%1]%2 = %3").arg(hit.column).arg(subscript(hit.row + 1), formatNumber(net.value(hit)));
    return {};
}

}  // namespace np
