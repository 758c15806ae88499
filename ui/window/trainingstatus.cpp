#include "trainingstatus.h"

#include "datasummary.h"
#include "document.h"
#include "steadylabel.h"
#include "trainingcontroller.h"

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
    , m_data(new SteadyLabel(bar))
    , m_epoch(new SteadyLabel(bar))
    , m_loss(new SteadyLabel(bar))
    , m_quality(new SteadyLabel(bar))
    , m_rate(new SteadyLabel(bar))
{
    setObjectName(QStringLiteral("trainingStatus"));
    m_data->setObjectName(QStringLiteral("statusData"));
    m_epoch->setObjectName(QStringLiteral("statusEpoch"));
    m_loss->setObjectName(QStringLiteral("statusLoss"));
    m_quality->setObjectName(QStringLiteral("statusQuality"));
    m_rate->setObjectName(QStringLiteral("statusRate"));
    for (SteadyLabel *label : {m_data, m_epoch, m_loss, m_quality, m_rate})
        bar->addPermanentWidget(label);
    connect(controller, &TrainingController::snapshotChanged, this, &TrainingStatus::update);
    connect(controller, &TrainingController::historyAppended, this, &TrainingStatus::onHistory);
    connect(controller, &TrainingController::historyReset, this, &TrainingStatus::onHistory);
    connect(document, &Document::datasetChanged, this, &TrainingStatus::onDataChanged);
    connect(bar, &QStatusBar::messageChanged, this, &TrainingStatus::onMessage);
    update();
}

void TrainingStatus::onMessage(const QString &message)
{
    // A passing message ("Lesson: … Press Play") takes the room of the data summary, which
    // the Data panel shows as well.
    m_data->setVisible(message.isEmpty());
}

bool TrainingStatus::isStale() const
{
    if (m_waitFor != 0)
        return true;
    const History &h = m_controller->history();
    if (h.empty())
        return false;
    const Dataset &data = m_document->dataset();
    return h.back().train.count != data.trainCount() || h.back().validation.count != data.validationCount();
}

void TrainingStatus::onDataChanged()
{
    if (m_document->isResetting()) {
        // A new document restarts the trainer: its history starts afresh with it.
        m_waitFor = 0;
    } else {
        m_waitFor = kUnsent;
        // The edit reaches the worker at the end of this turn (TrainerSync, connected first);
        // the command it sent is the one to wait for.
        QMetaObject::invokeMethod(this, [this] {
            if (m_waitFor == kUnsent)
                m_waitFor = m_controller->lastCommand();
        }, Qt::QueuedConnection);
    }
    update();
}

void TrainingStatus::onHistory()
{
    if (m_waitFor != 0 && m_waitFor != kUnsent && m_controller->latest().command >= m_waitFor)
        m_waitFor = 0;
    update();
}

void TrainingStatus::update()
{
    const TrainingSnapshot &s = m_controller->latest();
    const History &h = m_controller->history();
    m_data->setReading(dataSummary(m_document->dataset(), false));
    m_data->setToolTip(dataSummary(m_document->dataset()));
    // Within an epoch too, when it takes long enough that its end is worth waiting for (a
    // full batch of a million points), or while paused part of the way through one.
    const double epochSeconds = s.samplesPerSecond > 0 ? double(m_document->dataset().trainCount()) / s.samplesPerSecond : 0.0;
    if (s.epochFraction > 0 && (!s.running || epochSeconds > 2.0))
        m_epoch->setReading(tr("Epoch %1 (%2% of the next) · step %3")
                             .arg(s.epoch)
                             .arg(int(std::floor(100.0 * s.epochFraction)))
                             .arg(s.step));
    else
        m_epoch->setReading(tr("Epoch %1 · step %2").arg(s.epoch).arg(s.step));
    if (h.empty()) {
        m_loss->setReading(QString());
        m_quality->setReading(QString());
    } else if (isStale()) {
        const QString why = tr("Not yet trained on this data: the numbers follow the next evaluation.");
        m_loss->setReading(tr("Loss —"));  // why, in the tooltip: the status bar is short of room
        m_quality->setReading(m_document->dataset().isClassification() ? tr("Accuracy —") : tr("RMSE —"));
        m_loss->setToolTip(why);
        m_quality->setToolTip(why);
    } else {
        const HistoryRecord &r = h.back();
        m_loss->setReading(tr("Loss %1 / %2").arg(formatLoss(r.train.loss), formatLoss(r.validation.loss)));
        m_loss->setToolTip(tr("Loss on the training / validation points at epoch %1").arg(r.epoch));
        if (m_document->dataset().isClassification())
            m_quality->setReading(
                tr("Accuracy %1 / %2").arg(formatPercent(r.train.accuracy), formatPercent(r.validation.accuracy)));
        else
            m_quality->setReading(tr("RMSE %1 / %2").arg(formatLoss(r.train.rmse), formatLoss(r.validation.rmse)));
        m_quality->setToolTip(m_loss->toolTip());
    }
    m_rate->setReading(s.running ? tr("%1 M samples/s").arg(s.samplesPerSecond / 1e6, 0, 'f', 2) : tr("paused"));
}

}  // namespace np
