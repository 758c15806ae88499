#include "numberformat.h"

#include <algorithm>
#include <cmath>

namespace np {

QString formatNumber(double v, int decimals)
{
    if (std::abs(v) < 0.5 * std::pow(10.0, -decimals))
        v = 0.0;  // no "-0.00"
    return QString::number(v, 'f', decimals).replace(QLatin1Char('-'), QChar(0x2212));
}

namespace {

/// Drops the zeros after the decimal point, and the point when nothing follows it.
QString trimZeros(QString s)
{
    if (s.contains(QLatin1Char('.'))) {
        while (s.endsWith(QLatin1Char('0')))
            s.chop(1);
        if (s.endsWith(QLatin1Char('.')))
            s.chop(1);
    }
    return s;
}

}  // namespace

QString formatNumber(double v)
{
    // Two significant digits for the small values weights often have, fewer decimals as they grow.
    const double m = std::abs(v);
    const int decimals = m >= 100 ? 0 : m >= 10 ? 1 : m >= 0.095 ? 2 : m >= 0.0095 ? 3 : 4;
    return trimZeros(formatNumber(v, decimals));
}

namespace {

const QChar kMinus(0x2212);

/// What a value without a number shows: the infinities as such, NaN by name.
QString nonFinite(double v)
{
    if (std::isnan(v))
        return QStringLiteral("NaN");
    return v > 0 ? QStringLiteral("∞") : QString(kMinus) + QStringLiteral("∞");
}

}  // namespace

QString formatScientific(double v, int significant)
{
    if (!std::isfinite(v))
        return nonFinite(v);
    if (v == 0.0)
        return QStringLiteral("0");
    significant = std::clamp(significant, 1, 17);
    // Qt writes "2.50e-08": the mantissa loses its trailing zeros, the exponent its "+" and
    // leading zeros, so a tick label stays short ("2.5e-8", "1e26").
    const QString s = QString::number(std::abs(v), 'e', significant - 1);
    const qsizetype e = s.indexOf(QLatin1Char('e'));
    const int exponent = s.mid(e + 1).toInt();
    const QString text = trimZeros(s.left(e)) + QLatin1Char('e') + QString::number(exponent);
    return v < 0 ? kMinus + text : text;
}

QString formatValue(double v, int significant)
{
    if (!std::isfinite(v))
        return nonFinite(v);
    if (v == 0.0)
        return QStringLiteral("0");
    significant = std::clamp(significant, 1, 17);
    // The exponent after rounding: 999.96 with three digits is 1000, not 999.
    const double rounded = QString::number(std::abs(v), 'e', significant - 1).toDouble();
    const int exponent = static_cast<int>(std::floor(std::log10(rounded)));
    if (exponent < -3 || exponent >= 6)
        return formatScientific(v, significant);
    const QString text = trimZeros(QString::number(rounded, 'f', std::max(0, significant - 1 - exponent)));
    return v < 0 ? kMinus + text : text;
}

QString subscript(const QString &text)
{
    QString s = text;
    for (QChar &c : s) {
        if (c.isDigit())
            c = QChar(0x2080 + (c.unicode() - '0'));
    }
    return s;
}

QString subscript(int n)
{
    return subscript(QString::number(n));
}

}  // namespace np
