#include "lossplot.h"

#include <QPainter>

namespace np {

LossPlot::LossPlot(QWidget *parent)
    : QWidget(parent)
{
    setMinimumSize(200, 120);
}

void LossPlot::setHistory(const History &history, bool reset)
{
    if (reset)
        m_history.clear();
    m_history.insert(m_history.end(), history.begin() + static_cast<std::ptrdiff_t>(std::min(m_history.size(), history.size())),
                     history.end());
    update();
}

void LossPlot::setClassification(bool classification)
{
    m_classification = classification;
    update();
}

void LossPlot::setLogScale(bool logScale)
{
    m_logScale = logScale;
    update();
}

void LossPlot::setShowLearningRate(bool show)
{
    m_showLearningRate = show;
    update();
}

void LossPlot::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.fillRect(rect(), palette().base());
}

}  // namespace np
