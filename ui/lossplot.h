#pragma once

#include "training/history.h"

#include <QWidget>

namespace np {

/// Training and validation loss over epochs with accuracy (or RMSE for regression) on a second
/// axis, linear or log scale, a hover read-out, and an optional learning-rate track. Draws a
/// decimated copy of the history, so it stays fast however long training runs.
class LossPlot : public QWidget
{
    Q_OBJECT

public:
    explicit LossPlot(QWidget *parent = nullptr);

    /// The history to show. With reset, it replaces what the plot had (a new run or a compacted
    /// history); otherwise only rows past the ones already seen are new.
    void setHistory(const History &history, bool reset);
    void setClassification(bool classification);

    bool logScale() const { return m_logScale; }
    void setLogScale(bool logScale);
    bool showLearningRate() const { return m_showLearningRate; }
    void setShowLearningRate(bool show);

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    History m_history;
    bool m_classification = true;
    bool m_logScale = false;
    bool m_showLearningRate = false;
};

}  // namespace np
