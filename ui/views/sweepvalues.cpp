#include "sweepvalues.h"

#include <QCoreApplication>
#include <QStringList>

#include <cmath>

namespace np {

namespace {

bool matchesName(const QString &word, const char *key, const char *title)
{
    return word.compare(QString::fromUtf8(key), Qt::CaseInsensitive) == 0
           || word.compare(QString::fromUtf8(title), Qt::CaseInsensitive) == 0;
}

}  // namespace

std::vector<double> parseSweepValues(SweepSetting setting, const QString &text, QString *error)
{
    std::vector<double> values;
    for (const QString &part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString word = part.trimmed();
        if (word.isEmpty())
            continue;
        bool ok = false;
        double v = 0.0;
        if (setting == SweepSetting::Activation) {
            for (const ActivationInfo &info : activations()) {
                if (matchesName(word, info.key, info.title)) {
                    v = double(info.activation);
                    ok = true;
                }
            }
        } else if (setting == SweepSetting::Optimizer) {
            for (int k = 0; k <= int(OptimizerKind::AdamW); ++k) {
                const auto kind = static_cast<OptimizerKind>(k);
                if (matchesName(word, optimizerKey(kind), optimizerTitle(kind))) {
                    v = double(k);
                    ok = true;
                }
            }
        } else if (setting == SweepSetting::BatchSize && word.startsWith(QLatin1String("full"), Qt::CaseInsensitive)) {
            ok = true;
        } else {
            v = word.toDouble(&ok);
            ok = ok && std::isfinite(v) && v >= 0
                 && (setting == SweepSetting::LearningRate || v == std::floor(v));
        }
        if (!ok) {
            if (error)
                *error = QCoreApplication::translate("np::SweepView", "“%1” is not a value for %2.").arg(word, QString::fromUtf8(sweepSettingInfo(setting).title).toLower());
            return {};
        }
        values.push_back(v);
    }
    if (values.empty() && error)
        *error = QCoreApplication::translate("np::SweepView", "Enter the values to try, separated by commas.");
    return values;
}

QString sweepValuesText(SweepSetting setting, const std::vector<double> &values)
{
    QStringList parts;
    for (double v : values)
        parts << QString::fromStdString(sweepValueLabel(setting, v));
    return parts.join(QStringLiteral(", "));
}

}  // namespace np
