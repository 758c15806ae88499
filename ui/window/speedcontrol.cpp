#include "speedcontrol.h"

#include <QLabel>
#include <QSlider>
#include <QToolBar>

#include <algorithm>
#include <array>

namespace np {

namespace {

// The slider's steps in epochs per second; the last means as fast as possible.
constexpr std::array<double, 10> kSpeeds = {0.5, 1, 2, 5, 10, 30, 100, 300, 1000, 0};

QString speedText(double epochsPerSecond)
{
    if (epochsPerSecond <= 0)
        return QObject::tr("max");
    return QObject::tr("%1 epochs/s").arg(epochsPerSecond);
}

}  // namespace

SpeedControl::SpeedControl(QToolBar *bar)
    : QObject(bar)
{
    bar->addWidget(new QLabel(tr("Speed "), bar));
    m_slider = new QSlider(Qt::Horizontal, bar);
    m_slider->setObjectName(QStringLiteral("speed"));
    m_slider->setRange(0, int(kSpeeds.size()) - 1);
    // 100 epochs/s by default: fast enough to converge in seconds, slow enough to watch.
    m_slider->setValue(int(std::find(kSpeeds.begin(), kSpeeds.end(), 100.0) - kSpeeds.begin()));
    m_slider->setMaximumWidth(160);
    m_slider->setToolTip(tr("Training speed in epochs per second; at the right end, as fast as the machine goes"));
    m_label = new QLabel(speedText(speed()), bar);
    m_label->setMinimumWidth(m_label->fontMetrics().horizontalAdvance(QStringLiteral("1000 epochs/s")));
    m_label->setToolTip(m_slider->toolTip());
    bar->addWidget(m_slider);
    bar->addWidget(m_label);
    connect(m_slider, &QSlider::valueChanged, this, [this] {
        m_label->setText(speedText(speed()));
        emit speedChanged(speed());
    });
}

double SpeedControl::speed() const
{
    return kSpeeds[static_cast<std::size_t>(m_slider->value())];
}

int SpeedControl::step() const
{
    return m_slider->value();
}

void SpeedControl::setStep(int step)
{
    m_slider->setValue(std::clamp(step, 0, m_slider->maximum()));
}

void SpeedControl::fitEpochs(std::int64_t epochs)
{
    if (epochs <= 0 || speed() <= 0 || speed() * 20 >= double(epochs))
        return;
    const auto fast = std::find_if(kSpeeds.begin(), kSpeeds.end(),
                                   [&](double s) { return s == 0 || s * 20 >= double(epochs); });
    m_slider->setValue(int(fast - kSpeeds.begin()));
}

}  // namespace np
