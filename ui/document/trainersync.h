#pragma once

#include "session/session.h"

#include <QObject>

namespace np {

class Document;
class TrainingController;

/// Keeps the trainer in step with the document. Edits reach the worker at the end of the
/// event-loop turn that made them, as one command: a generator switching between
/// classification and regression changes the settings and the data in one undo step, and the
/// worker must get both at once. A new document restarts the trainer on it.
class TrainerSync : public QObject
{
    Q_OBJECT

public:
    TrainerSync(Document *document, TrainingController *controller, QObject *parent = nullptr);

    /// Replaces the document with the session and the trainer's network with its state, or
    /// with fresh weights when it has none (a config file, a lesson, a new document).
    void start(const Session &session);
    /// Fresh weights for the document as it is (the Reset action).
    void restart();
    /// Sends an edit still waiting for the end of this turn now, so a request sent next (a
    /// save) is answered with it.
    void flush();

signals:
    /// The trainer was restarted on a new document or afresh.
    void restarted();
    /// An edit reached the trainer: the settings it had before and has now, and whether the
    /// data changed too (the loss plot marks such changes at the epoch they happened).
    void changesSent(const np::Config &before, const np::Config &after, bool dataChanged);

private:
    void schedule(bool dataChanged);

    Document *m_document;
    TrainingController *m_controller;
    bool m_pending = false;
    bool m_pendingData = false;
    bool m_scheduled = false;
    Config m_sent;  ///< the settings the trainer has
};

}  // namespace np
