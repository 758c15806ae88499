#pragma once

#include <QObject>

class QLabel;
class QStatusBar;

namespace np {

class Document;
class TrainingController;

/// The status bar's permanent read-out: epoch and step, the loss and the accuracy (or RMSE)
/// on the training / validation points, and the samples per second while training; after
/// every snapshot.
class TrainingStatus : public QObject
{
    Q_OBJECT

public:
    TrainingStatus(QStatusBar *bar, TrainingController *controller, Document *document);

private:
    void update();

    TrainingController *m_controller;
    Document *m_document;
    QLabel *m_epoch;
    QLabel *m_loss;
    QLabel *m_quality;
    QLabel *m_rate;
};

}  // namespace np
