#pragma once

#include <QObject>

#include <cstdint>

class QLabel;
class QSlider;
class QToolBar;

namespace np {

/// The toolbar's training speed: a slider over fixed steps in epochs per second, the last step
/// as fast as the machine goes, with the chosen speed written beside it.
class SpeedControl : public QObject
{
    Q_OBJECT

public:
    /// Adds "Speed", the slider (objectName "speed") and its read-out to the toolbar.
    explicit SpeedControl(QToolBar *bar);

    /// Epochs per second; 0 means as fast as possible.
    double speed() const;
    /// The slider's step, as kept in the settings.
    int step() const;
    void setStep(int step);
    /// Faster if need be, so that `epochs` epochs take about 20 seconds at most.
    void fitEpochs(std::int64_t epochs);

signals:
    void speedChanged(double epochsPerSecond);

private:
    QSlider *m_slider;
    QLabel *m_label;
};

}  // namespace np
