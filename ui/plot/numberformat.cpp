#include "numberformat.h"

#include <cmath>

namespace np {

QString formatNumber(double v, int decimals)
{
    if (std::abs(v) < 0.5 * std::pow(10.0, -decimals))
        v = 0.0;  // no "-0.00"
    return QString::number(v, 'f', decimals).replace(QLatin1Char('-'), QChar(0x2212));
}

QString formatNumber(double v)
{
    // Two significant digits for the small values weights often have, fewer decimals as they grow.
    const double m = std::abs(v);
    const int decimals = m >= 100 ? 0 : m >= 10 ? 1 : m >= 0.095 ? 2 : m >= 0.0095 ? 3 : 4;
    QString s = formatNumber(v, decimals);
    if (s.contains(QLatin1Char('.'))) {
        while (s.endsWith(QLatin1Char('0')))
            s.chop(1);
        if (s.endsWith(QLatin1Char('.')))
            s.chop(1);
    }
    return s;
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
