#pragma once

#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QToolButton;

namespace np {

/// The bar above the Backprop view: graph or network mode, the graph example, the step buttons
/// (Home ← → End), and in network mode "Next point" and "Apply step".
class BackpropControls : public QWidget
{
    Q_OBJECT

public:
    explicit BackpropControls(QWidget *parent = nullptr);

    QComboBox *modeCombo() const { return m_mode; }
    QComboBox *exampleCombo() const { return m_example; }
    QPushButton *nextPointButton() const { return m_nextPoint; }
    QPushButton *applyButton() const { return m_apply; }

    /// Shows the widgets of a mode (0 graph, 1 network) and the step read-out.
    void showState(int mode, int step, int lastStep, bool canApply);

signals:
    void modeChosen(int mode);
    void exampleChosen(int index);
    void firstRequested();
    void backRequested();
    void forwardRequested();
    void lastRequested();
    void nextPointRequested();
    void applyRequested();

private:
    QComboBox *m_mode;
    QComboBox *m_example;
    QToolButton *m_first, *m_back, *m_forward, *m_last;
    QLabel *m_step;
    QPushButton *m_nextPoint;
    QPushButton *m_apply;
};

}  // namespace np
