#pragma once

#include <QObject>

#include <cstdint>
#include <limits>

class QStatusBar;

namespace np {

class Document;
class SteadyLabel;
class TrainingController;

/// The status bar's permanent read-out: what the data is ("Your data: 4,012 points, 3
/// classes"), epoch and step, the loss and the accuracy (or RMSE) on the training / validation
/// points, and the samples per second while training; after every snapshot.
///
/// The loss and accuracy are true for the data on screen: after the data changed (Clear,
/// painting, import), they read "—" ("not yet trained on this data") until the worker has
/// evaluated the network on the new points.
///
/// The labels keep their width while the numbers change (SteadyLabel), so a new reading
/// neither moves them nor lays the window out again. Labels by objectName: "statusData", "statusEpoch", "statusLoss", "statusQuality", "statusRate".
class TrainingStatus : public QObject
{
    Q_OBJECT

public:
    TrainingStatus(QStatusBar *bar, TrainingController *controller, Document *document);

    /// True while the loss and accuracy shown would be of older data: the new points have not
    /// been evaluated yet, or the newest record counts other numbers of points than are there
    /// (a session restored with a history older than its data).
    bool isStale() const;

private:
    void update();
    void onDataChanged();
    void onHistory();
    void onMessage(const QString &message);

    TrainingController *m_controller;
    Document *m_document;
    SteadyLabel *m_data;
    SteadyLabel *m_epoch;
    SteadyLabel *m_loss;
    SteadyLabel *m_quality;
    SteadyLabel *m_rate;
    // The command that took the new data to the worker; rows recorded after it was handled are
    // of the new data. 0: nothing to wait for; kUnsent: the command is not sent yet.
    static constexpr std::uint64_t kUnsent = std::numeric_limits<std::uint64_t>::max();
    std::uint64_t m_waitFor = 0;
};

}  // namespace np
