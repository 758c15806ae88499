#include "backpropcontrols.h"

#include "analysis/graphexamples.h"

#include <QComboBox>
#include <QBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QToolButton>

namespace np {

BackpropControls::BackpropControls(QWidget *parent)
    : QWidget(parent)
{
    m_mode = new QComboBox(this);
    m_mode->addItem(tr("Graph"));
    m_mode->addItem(tr("Your network"));
    m_mode->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_mode->setToolTip(tr("A computational graph from the notes, or one training point through your own network"));
    m_example = new QComboBox(this);
    m_example->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_example->setMinimumContentsLength(12);
    for (const GraphExample &e : graphExamples())
        m_example->addItem(QString::fromUtf8(e.title), QString::fromLatin1(e.key));
    m_example->setToolTip(tr("The computational graph to work through"));
    auto button = [this](const QString &text, const QString &tip) {
        auto *b = new QToolButton(this);
        b->setText(text);
        b->setToolTip(tip);
        b->setFocusPolicy(Qt::NoFocus);  // the keys belong to the view
        return b;
    };
    m_first = button(QStringLiteral("|\u25c0"), tr("First step (Home)"));
    m_back = button(QStringLiteral("\u25c0"), tr("Step back (\u2190)"));
    m_forward = button(QStringLiteral("\u25b6"), tr("Step forward (\u2192)"));
    m_last = button(QStringLiteral("\u25b6|"), tr("Last step (End)"));
    m_step = new QLabel(this);
    m_nextPoint = new QPushButton(tr("Next point"), this);
    m_nextPoint->setToolTip(tr("Walk the next training point (or click a point in the plane)"));
    m_nextPoint->setFocusPolicy(Qt::NoFocus);
    m_apply = new QPushButton(tr("Apply step"), this);
    m_apply->setToolTip(tr("Keep this one point's SGD step in the network's weights (one undo step)"));
    m_apply->setFocusPolicy(Qt::NoFocus);

    // Two rows, so the bar fits a narrow dock: what is shown, then how far the walk is.
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 2, 4, 2);
    layout->setSpacing(2);
    auto *top = new QHBoxLayout;
    top->addWidget(m_mode);
    top->addWidget(m_example, 1);
    top->addWidget(m_nextPoint);
    top->addStretch(0);
    auto *bottom = new QHBoxLayout;
    for (QWidget *w : std::initializer_list<QWidget *>{m_first, m_back, m_forward, m_last, m_step})
        bottom->addWidget(w);
    bottom->addStretch(1);
    bottom->addWidget(m_apply);
    layout->addLayout(top);
    layout->addLayout(bottom);

    connect(m_mode, &QComboBox::activated, this, &BackpropControls::modeChosen);
    connect(m_example, &QComboBox::activated, this, &BackpropControls::exampleChosen);
    connect(m_first, &QToolButton::clicked, this, &BackpropControls::firstRequested);
    connect(m_back, &QToolButton::clicked, this, &BackpropControls::backRequested);
    connect(m_forward, &QToolButton::clicked, this, &BackpropControls::forwardRequested);
    connect(m_last, &QToolButton::clicked, this, &BackpropControls::lastRequested);
    connect(m_nextPoint, &QPushButton::clicked, this, &BackpropControls::nextPointRequested);
    connect(m_apply, &QPushButton::clicked, this, &BackpropControls::applyRequested);
}

void BackpropControls::showState(int mode, int step, int lastStep, bool canApply)
{
    m_mode->setCurrentIndex(mode);
    m_example->setVisible(mode == 0);
    m_nextPoint->setVisible(mode == 1);
    m_apply->setVisible(mode == 1);
    m_apply->setEnabled(canApply);
    m_step->setText(tr("%1 / %2").arg(step).arg(lastStep));
    m_first->setEnabled(step > 0);
    m_back->setEnabled(step > 0);
    m_forward->setEnabled(step < lastStep);
    m_last->setEnabled(step < lastStep);
}

}  // namespace np
