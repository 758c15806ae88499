#pragma once

// Small building blocks shared by the settings panels: number boxes that read and write
// numbers the way people type them, a 1-3-10 stepping box for rates and penalties, a seed box,
// form rows with tooltips on label and field, and setters that do not echo back as edits.
// The classes add no signals, slots or properties, so they need no moc.

#include <QDoubleSpinBox>
#include <QLocale>
#include <QObject>

class QAbstractButton;
class QComboBox;
class QFormLayout;
class QLabel;
class QSlider;
class QSpinBox;

namespace np {

/// A double spin box that shows a number as short as it is ("0.003", "1e-05", "0.999") and
/// reads back what people type, in either notation. Values commit on Enter or when focus
/// leaves (no keyboard tracking), so typing "0.05" never passes through 0 on the way.
class NumberSpinBox : public QDoubleSpinBox
{
public:
    explicit NumberSpinBox(QWidget *parent = nullptr);

    QString textFromValue(double value) const override;
    double valueFromText(const QString &text) const override;
    QValidator::State validate(QString &input, int &pos) const override;
    void fixup(QString &input) const override;

private:
    QLocale numberLocale() const;
    /// The text without prefix and suffix; a null string for the special value text.
    QString stripped(const QString &text) const;
    double parse(const QString &text, bool *ok) const;
};

/// A NumberSpinBox whose arrows walk the grid … 0.001, 0.003, 0.01, 0.03, 0.1 … (each step
/// about ×3), so one box covers rates from 1e-5 to 10 in a few clicks. Below the lowest grid
/// value it steps to the minimum (0 for penalties: "off").
class LogSpinBox : public NumberSpinBox
{
public:
    explicit LogSpinBox(double lowest, QWidget *parent = nullptr);

    void stepBy(int steps) override;

protected:
    StepEnabled stepEnabled() const override;

private:
    double nextUp(double v) const;
    double nextDown(double v) const;

    double m_lowest;
};

/// Seeds are whole numbers up to 2^53 (exact in a double and in JSON), beyond QSpinBox's int.
class SeedSpinBox : public QDoubleSpinBox
{
public:
    explicit SeedSpinBox(QWidget *parent = nullptr);

    // Sized for seven digits rather than the sixteen of 2^53: seeds people pick are short, and
    // the full width would push the field under its label in a narrow dock.
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

private:
    QSize narrowed(QSize size) const;
};

/// Keeps the mouse wheel for scrolling the panel: a combo box, spin box or slider takes wheel
/// steps only once it has focus (a click or Tab), so scrolling past a control cannot change
/// the output layer or regenerate the data.
class WheelGuard : public QObject
{
public:
    using QObject::QObject;

    /// Guards every such control below root (call again for controls added later).
    void guard(QWidget *root);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
};

/// A form that gives its fields the dock's width, and puts a field under its label when the
/// two do not fit side by side (narrow docks, large fonts).
QFormLayout *makeForm(QWidget *parent = nullptr);

/// Adds "label: field" with the tooltip on both, so hovering either explains the setting.
QLabel *addRow(QFormLayout *form, const QString &label, QWidget *field, const QString &toolTip);

/// Two widgets in one form field: the first takes the spare width.
QWidget *pairRow(QWidget *a, QWidget *b);
/// A wrapped note in the placeholder colour, found by its object name.
QLabel *noteLabel(const QString &text, const QString &name);

// Setters for syncing controls from the document: blocked signals, so showing a value is
// never mistaken for the user changing it (no feedback loop, no undo step).
void setQuietly(QSpinBox *box, int value);
void setQuietly(QDoubleSpinBox *box, double value);
void setQuietly(QSlider *slider, int value);
void setCheckedQuietly(QAbstractButton *button, bool checked);
/// Selects the item whose data is `data`; returns false when there is none.
bool setCurrentDataQuietly(QComboBox *combo, int data);

}  // namespace np
