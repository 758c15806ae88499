#include "settingwidgets.h"

#include <QAbstractButton>
#include <QComboBox>
#include <QEvent>
#include <QFontMetrics>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QRegularExpression>
#include <QSignalBlocker>
#include <QSlider>
#include <QSpinBox>

#include <algorithm>
#include <cmath>

namespace np {

// --- NumberSpinBox

NumberSpinBox::NumberSpinBox(QWidget *parent)
    : QDoubleSpinBox(parent)
{
    // QDoubleSpinBox rounds every value to decimals(); keep enough for ε = 1e-12.
    setDecimals(12);
    setKeyboardTracking(false);
}

QString NumberSpinBox::textFromValue(double value) const
{
    return numberLocale().toString(value, 'g', 6);
}

double NumberSpinBox::valueFromText(const QString &text) const
{
    QString bare = stripped(text);
    if (bare.isNull())
        return minimum();  // the special value text stands for the minimum
    bool ok = false;
    const double value = parse(bare, &ok);
    return ok ? value : this->value();
}

QValidator::State NumberSpinBox::validate(QString &input, int &) const
{
    const QString bare = stripped(input);
    if (bare.isNull())
        return QValidator::Acceptable;
    if (bare.isEmpty())
        return QValidator::Intermediate;
    bool ok = false;
    const double value = parse(bare, &ok);
    if (ok && value >= minimum() && value <= maximum())
        return QValidator::Acceptable;
    // "1e", "0." and "-" are on their way to a number.
    static const QRegularExpression partial(QStringLiteral("^[+-]?[0-9]*[.,]?[0-9]*([eE][+-]?[0-9]*)?$"));
    return partial.match(bare).hasMatch() ? QValidator::Intermediate : QValidator::Invalid;
}

void NumberSpinBox::fixup(QString &input) const
{
    bool ok = false;
    const double value = parse(stripped(input), &ok);
    if (ok)
        input = textFromValue(std::clamp(value, minimum(), maximum()));
}

QLocale NumberSpinBox::numberLocale() const
{
    QLocale l = locale();
    l.setNumberOptions(QLocale::OmitGroupSeparator);
    return l;
}

QString NumberSpinBox::stripped(const QString &text) const
{
    if (!specialValueText().isEmpty() && text == specialValueText())
        return {};
    QString bare = text;
    if (!prefix().isEmpty() && bare.startsWith(prefix()))
        bare.remove(0, prefix().size());
    if (!suffix().isEmpty() && bare.endsWith(suffix()))
        bare.chop(suffix().size());
    bare = bare.trimmed();
    return bare.isNull() ? QStringLiteral("") : bare;
}

double NumberSpinBox::parse(const QString &text, bool *ok) const
{
    // The user's locale first, then the C locale: "0.5" works even where "0,5" is usual.
    const double value = numberLocale().toDouble(text, ok);
    return *ok ? value : QLocale::c().toDouble(text, ok);
}

// --- LogSpinBox

namespace {

constexpr double kTolerance = 1e-9;

// Grid value i: 10^(i/2) for even i, 3·10^((i-1)/2) for odd i.
double grid(int i)
{
    const int k = i >= 0 ? i / 2 : -((1 - i) / 2);
    return (i - 2 * k == 1 ? 3.0 : 1.0) * std::pow(10.0, k);
}

// The largest grid index whose value is at most v (v > 0).
int floorIndex(double v)
{
    const int k = static_cast<int>(std::floor(std::log10(v) + kTolerance));
    const double mantissa = v / std::pow(10.0, k);
    return 2 * k + (mantissa >= 3.0 * (1.0 - kTolerance) ? 1 : 0);
}

}  // namespace

LogSpinBox::LogSpinBox(double lowest, QWidget *parent)
    : NumberSpinBox(parent)
    , m_lowest(lowest)
{
}

void LogSpinBox::stepBy(int steps)
{
    double v = value();
    for (; steps > 0; --steps)
        v = nextUp(v);
    for (; steps < 0; ++steps)
        v = nextDown(v);
    setValue(v);
}

QAbstractSpinBox::StepEnabled LogSpinBox::stepEnabled() const
{
    if (isReadOnly())
        return StepNone;
    StepEnabled enabled = StepNone;
    if (value() < maximum())
        enabled |= StepUpEnabled;
    if (value() > minimum())
        enabled |= StepDownEnabled;
    return enabled;
}

double LogSpinBox::nextUp(double v) const
{
    if (v < m_lowest * (1.0 - kTolerance))
        return m_lowest;
    return grid(floorIndex(v) + 1);
}

double LogSpinBox::nextDown(double v) const
{
    if (v <= m_lowest * (1.0 + kTolerance))
        return std::min(minimum(), m_lowest);
    int i = floorIndex(v);
    if (grid(i) >= v * (1.0 - kTolerance))
        --i;  // v is on the grid: go one below it
    return grid(i);
}

// --- SeedSpinBox

SeedSpinBox::SeedSpinBox(QWidget *parent)
    : QDoubleSpinBox(parent)
{
    setDecimals(0);
    setRange(0.0, 9007199254740992.0);
    setKeyboardTracking(false);
}

QSize SeedSpinBox::sizeHint() const
{
    return narrowed(QDoubleSpinBox::sizeHint());
}

QSize SeedSpinBox::minimumSizeHint() const
{
    return narrowed(QDoubleSpinBox::minimumSizeHint());
}

QSize SeedSpinBox::narrowed(QSize size) const
{
    const QFontMetrics metrics = fontMetrics();
    const int spare = metrics.horizontalAdvance(textFromValue(maximum()))
                      - metrics.horizontalAdvance(QStringLiteral("0000000"));
    size.setWidth(size.width() - std::max(0, spare));
    return size;
}

// --- WheelGuard

void WheelGuard::guard(QWidget *root)
{
    const auto widgets = root->findChildren<QWidget *>();
    for (QWidget *w : widgets) {
        if (qobject_cast<QComboBox *>(w) || qobject_cast<QAbstractSpinBox *>(w) || qobject_cast<QSlider *>(w)) {
            w->setFocusPolicy(Qt::StrongFocus);
            w->removeEventFilter(this);
            w->installEventFilter(this);
        }
    }
}

bool WheelGuard::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::Wheel) {
        auto *widget = static_cast<QWidget *>(watched);
        if (!widget->hasFocus()) {
            // Ignored and filtered: Qt then offers the wheel to the parents (the scroll area).
            event->ignore();
            return true;
        }
    }
    return QObject::eventFilter(watched, event);
}

// --- forms and quiet setters

QFormLayout *makeForm(QWidget *parent)
{
    auto *form = new QFormLayout(parent);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setRowWrapPolicy(QFormLayout::WrapLongRows);
    form->setLabelAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    return form;
}

QLabel *addRow(QFormLayout *form, const QString &label, QWidget *field, const QString &toolTip)
{
    auto *text = new QLabel(label);
    text->setBuddy(field);
    text->setToolTip(toolTip);
    field->setToolTip(toolTip);
    form->addRow(text, field);
    return text;
}

QWidget *pairRow(QWidget *a, QWidget *b)
{
    auto *row = new QWidget;
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(a, 1);
    layout->addWidget(b);
    return row;
}

QLabel *noteLabel(const QString &text, const QString &name)
{
    auto *label = new QLabel(text);
    label->setObjectName(name);
    label->setWordWrap(true);
    label->setForegroundRole(QPalette::PlaceholderText);
    return label;
}

void setQuietly(QSpinBox *box, int value)
{
    const QSignalBlocker blocker(box);
    box->setValue(value);
}

void setQuietly(QDoubleSpinBox *box, double value)
{
    const QSignalBlocker blocker(box);
    box->setValue(value);
}

void setQuietly(QSlider *slider, int value)
{
    const QSignalBlocker blocker(slider);
    slider->setValue(value);
}

void setCheckedQuietly(QAbstractButton *button, bool checked)
{
    const QSignalBlocker blocker(button);
    button->setChecked(checked);
}

bool setCurrentDataQuietly(QComboBox *combo, int data)
{
    const QSignalBlocker blocker(combo);
    const int index = combo->findData(data);
    combo->setCurrentIndex(index);
    return index >= 0;
}

}  // namespace np
