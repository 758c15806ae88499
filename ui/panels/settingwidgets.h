#pragma once

// Small building blocks shared by the settings panels: number boxes that read and write
// numbers the way people type them, a 1-3-10 stepping box for rates and penalties, a seed box,
// form rows with tooltips on label and field, and setters that do not echo back as edits.
//
// Header-only on purpose: the classes add no signals, slots or properties (so need no moc),
// and the functions are a few lines each.

#include <QAbstractButton>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFontMetrics>
#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QRegularExpression>
#include <QSignalBlocker>
#include <QSlider>
#include <QSpinBox>

#include <algorithm>
#include <cmath>

namespace np {

/// A double spin box that shows a number as short as it is ("0.003", "1e-05", "0.999") and
/// reads back what people type, in either notation. Values commit on Enter or when focus
/// leaves (no keyboard tracking), so typing "0.05" never passes through 0 on the way.
class NumberSpinBox : public QDoubleSpinBox
{
public:
    explicit NumberSpinBox(QWidget *parent = nullptr)
        : QDoubleSpinBox(parent)
    {
        // QDoubleSpinBox rounds every value to decimals(); keep enough for ε = 1e-12.
        setDecimals(12);
        setKeyboardTracking(false);
    }

    QString textFromValue(double value) const override
    {
        return numberLocale().toString(value, 'g', 6);
    }

    double valueFromText(const QString &text) const override
    {
        QString bare = stripped(text);
        if (bare.isNull())
            return minimum();  // the special value text stands for the minimum
        bool ok = false;
        const double value = parse(bare, &ok);
        return ok ? value : this->value();
    }

    QValidator::State validate(QString &input, int &) const override
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

    void fixup(QString &input) const override
    {
        bool ok = false;
        const double value = parse(stripped(input), &ok);
        if (ok)
            input = textFromValue(std::clamp(value, minimum(), maximum()));
    }

private:
    QLocale numberLocale() const
    {
        QLocale l = locale();
        l.setNumberOptions(QLocale::OmitGroupSeparator);
        return l;
    }

    // The text without prefix and suffix; a null string for the special value text.
    QString stripped(const QString &text) const
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

    double parse(const QString &text, bool *ok) const
    {
        // The user's locale first, then the C locale: "0.5" works even where "0,5" is usual.
        const double value = numberLocale().toDouble(text, ok);
        return *ok ? value : QLocale::c().toDouble(text, ok);
    }
};

/// A NumberSpinBox whose arrows walk the grid … 0.001, 0.003, 0.01, 0.03, 0.1 … (each step
/// about ×3), so one box covers rates from 1e-5 to 10 in a few clicks. Below the lowest grid
/// value it steps to the minimum (0 for penalties: "off").
class LogSpinBox : public NumberSpinBox
{
public:
    explicit LogSpinBox(double lowest, QWidget *parent = nullptr)
        : NumberSpinBox(parent)
        , m_lowest(lowest)
    {
    }

    void stepBy(int steps) override
    {
        double v = value();
        for (; steps > 0; --steps)
            v = nextUp(v);
        for (; steps < 0; ++steps)
            v = nextDown(v);
        setValue(v);
    }

protected:
    StepEnabled stepEnabled() const override
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

private:
    static constexpr double kTolerance = 1e-9;

    // Grid value i: 10^(i/2) for even i, 3·10^((i-1)/2) for odd i.
    static double grid(int i)
    {
        const int k = i >= 0 ? i / 2 : -((1 - i) / 2);
        return (i - 2 * k == 1 ? 3.0 : 1.0) * std::pow(10.0, k);
    }

    // The largest grid index whose value is at most v (v > 0).
    static int floorIndex(double v)
    {
        const int k = static_cast<int>(std::floor(std::log10(v) + kTolerance));
        const double mantissa = v / std::pow(10.0, k);
        return 2 * k + (mantissa >= 3.0 * (1.0 - kTolerance) ? 1 : 0);
    }

    double nextUp(double v) const
    {
        if (v < m_lowest * (1.0 - kTolerance))
            return m_lowest;
        return grid(floorIndex(v) + 1);
    }

    double nextDown(double v) const
    {
        if (v <= m_lowest * (1.0 + kTolerance))
            return std::min(minimum(), m_lowest);
        int i = floorIndex(v);
        if (grid(i) >= v * (1.0 - kTolerance))
            --i;  // v is on the grid: go one below it
        return grid(i);
    }

    double m_lowest;
};

/// Seeds are whole numbers up to 2^53 (exact in a double and in JSON), beyond QSpinBox's int.
class SeedSpinBox : public QDoubleSpinBox
{
public:
    explicit SeedSpinBox(QWidget *parent = nullptr)
        : QDoubleSpinBox(parent)
    {
        setDecimals(0);
        setRange(0.0, 9007199254740992.0);
        setKeyboardTracking(false);
    }

    // Sized for seven digits rather than the sixteen of 2^53: seeds people pick are short, and
    // the full width would push the field under its label in a narrow dock.
    QSize sizeHint() const override { return narrowed(QDoubleSpinBox::sizeHint()); }
    QSize minimumSizeHint() const override { return narrowed(QDoubleSpinBox::minimumSizeHint()); }

private:
    QSize narrowed(QSize size) const
    {
        const QFontMetrics metrics = fontMetrics();
        const int spare = metrics.horizontalAdvance(textFromValue(maximum()))
                          - metrics.horizontalAdvance(QStringLiteral("0000000"));
        size.setWidth(size.width() - std::max(0, spare));
        return size;
    }
};

/// Keeps the mouse wheel for scrolling the panel: a combo box, spin box or slider takes wheel
/// steps only once it has focus (a click or Tab), so scrolling past a control cannot change
/// the output layer or regenerate the data.
class WheelGuard : public QObject
{
public:
    using QObject::QObject;

    /// Guards every such control below root (call again for controls added later).
    void guard(QWidget *root)
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

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
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
};

/// A form that gives its fields the dock's width, and puts a field under its label when the
/// two do not fit side by side (narrow docks, large fonts).
inline QFormLayout *makeForm(QWidget *parent = nullptr)
{
    auto *form = new QFormLayout(parent);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setRowWrapPolicy(QFormLayout::WrapLongRows);
    form->setLabelAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    return form;
}

/// Adds "label: field" with the tooltip on both, so hovering either explains the setting.
inline QLabel *addRow(QFormLayout *form, const QString &label, QWidget *field, const QString &toolTip)
{
    auto *text = new QLabel(label);
    text->setBuddy(field);
    text->setToolTip(toolTip);
    field->setToolTip(toolTip);
    form->addRow(text, field);
    return text;
}

// Setters for syncing controls from the document: blocked signals, so showing a value is
// never mistaken for the user changing it (no feedback loop, no undo step).
inline void setQuietly(QSpinBox *box, int value)
{
    const QSignalBlocker blocker(box);
    box->setValue(value);
}

inline void setQuietly(QDoubleSpinBox *box, double value)
{
    const QSignalBlocker blocker(box);
    box->setValue(value);
}

inline void setQuietly(QSlider *slider, int value)
{
    const QSignalBlocker blocker(slider);
    slider->setValue(value);
}

inline void setCheckedQuietly(QAbstractButton *button, bool checked)
{
    const QSignalBlocker blocker(button);
    button->setChecked(checked);
}

/// Selects the item whose data is `data`; returns false when there is none.
inline bool setCurrentDataQuietly(QComboBox *combo, int data)
{
    const QSignalBlocker blocker(combo);
    const int index = combo->findData(data);
    combo->setCurrentIndex(index);
    return index >= 0;
}

}  // namespace np
