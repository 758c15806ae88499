#include "trainingstatus.h"

#include "document.h"
#include "trainingcontroller.h"

#include <QLabel>
#include <QStatusBar>

#include <cmath>

namespace np {

namespace {

QString formatLoss(double v)
{
    return std::isfinite(v) ? QString::number(v, 'g', 4) : QStringLiteral("–");
}

QString formatPercent(double v)
{
    return std::isfinite(v) ? QString::number(100.0 * v, 'f', 1) + QLatin1Char('%') : QStringLiteral("–");
}

}  // namespace

TrainingStatus::TrainingStatus(QStatusBar *bar, TrainingController *controller, Document *document)
    : QObject(bar)
    , m_controller(controller)
    , m_document(document)
    , m_epoch(new QLabel(bar))
    , m_loss(new QLabel(bar))
    , m_quality(new QLabel(bar))
    , m_rate(new QLabel(bar))
{
    for (QLabel *label : {m_epoch, m_loss, m_quality, m_rate})
        bar->addPermanentWidget(label);
    connect(controller, &TrainingController::snapshotChanged, this, &TrainingStatus::update);
    update();
}

void TrainingStatus::update()
{
    const TrainingSnapshot &s = m_controller->latest();
    const History &h = m_controller->history();
    m_epoch->setText(tr("Epoch %1 · step %2").arg(s.epoch).arg(s.step));
    if (h.empty()) {
        m_loss->clear();
        m_quality->clear();
    } else {
        const HistoryRecord &r = h.back();
        m_loss->setText(tr("Loss %1 / %2").arg(formatLoss(r.train.loss), formatLoss(r.validation.loss)));
        if (m_document->dataset().isClassification())
            m_quality->setText(
                tr("Accuracy %1 / %2").arg(formatPercent(r.train.accuracy), formatPercent(r.validation.accuracy)));
        else
            m_quality->setText(tr("RMSE %1 / %2").arg(formatLoss(r.train.rmse), formatLoss(r.validation.rmse)));
    }
    m_rate->setText(s.running ? tr("%1 M samples/s").arg(s.samplesPerSecond / 1e6, 0, 'f', 2) : tr("paused"));
}

}  // namespace np
