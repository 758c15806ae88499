#include "datasummary.h"

#include <QCoreApplication>
#include <QLocale>

#include <algorithm>
#include <array>

namespace np {

namespace {

QString tr(const char *text, int n = -1)
{
    return QCoreApplication::translate("np::DataSummary", text, nullptr, n);
}

}  // namespace

QString formatCount(qint64 n)
{
    QLocale locale;
    if (locale.language() == QLocale::C)
        locale = QLocale(QLocale::English);
    return locale.toString(n);
}

QString dataSummary(const Dataset &dataset, bool withValidation)
{
    const auto &points = dataset.points;
    if (points.empty())
        return tr("Your data: no points yet. Paint some, or generate.");
    const qint64 count = qint64(points.size());
    const int validation = dataset.validationCount();
    const QString pointsText = count == 1 ? tr("1 point") : tr("%1 points").arg(formatCount(count));
    QString what;
    if (dataset.isClassification()) {
        std::array<bool, kMaxClasses> used{};
        for (const DataPoint &p : points) {
            if (p.label >= 0 && p.label < kMaxClasses)
                used[std::size_t(p.label)] = true;
        }
        const int classes = int(std::count(used.begin(), used.end(), true));
        what = classes == 1 ? tr("1 class") : tr("%1 classes").arg(classes);
    } else if (!withValidation) {
        return tr("Your data: %1").arg(pointsText);  // the targets' range is the long form's
    } else {
        const auto [lo, hi] = std::minmax_element(points.begin(), points.end(),
                                                  [](const DataPoint &a, const DataPoint &b) { return a.target < b.target; });
        what = tr("targets %1 … %2").arg(QString::number(lo->target, 'g', 3), QString::number(hi->target, 'g', 3));
    }
    QString text = tr("Your data: %1, %2").arg(pointsText, what);
    if (withValidation && validation > 0)
        text += tr(" (%1 for validation)").arg(formatCount(validation));
    return text;
}

}  // namespace np
