#pragma once

#include "animationrecorder.h"

#include <QDialog>

#include <vector>

class QComboBox;
class QDialogButtonBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace np {

class Figure;
class TrainingController;

/// File > Export > Animation: which view, how many epochs from now, frames, frame rate, size,
/// GIF or PNG sequence and where. Record asks the controller for the session it trains and
/// records a copy of it in the background (the window's training is not touched); the dialog
/// shows the progress, Cancel stops it and leaves nothing behind, and recorded() reports the
/// result when it is written (the caller says so in the banner).
class AnimationDialog : public QDialog
{
    Q_OBJECT

public:
    AnimationDialog(TrainingController *controller, const std::vector<const Figure *> &figures,
                    QWidget *parent = nullptr);

    AnimationSettings settings() const;
    void setSettings(const AnimationSettings &settings);
    bool isRecording() const { return m_recorder.isRunning() || m_awaitingSession; }

    /// Starts recording (what the Record button does).
    void record();
    /// Cancel: stops a recording first (nothing is left at the destination), then closes.
    void reject() override;

signals:
    /// The animation is written (not sent when cancelled or failed).
    void recorded(const np::AnimationResult &result);

private:
    void updateSummary();
    void browse();
    void formatChanged();
    void onSessionReady(std::uint64_t request, const Session &session);
    void onFinished(const AnimationResult &result);
    void setRecording(bool recording);

    TrainingController *m_controller;
    AnimationRecorder m_recorder;
    std::uint64_t m_sessionRequest = 0;
    bool m_awaitingSession = false;

    QComboBox *m_view = nullptr;
    QSpinBox *m_epochs = nullptr;
    QSpinBox *m_frames = nullptr;
    QDoubleSpinBox *m_fps = nullptr;
    QSpinBox *m_width = nullptr;
    QSpinBox *m_height = nullptr;
    QComboBox *m_format = nullptr;
    QComboBox *m_dithering = nullptr;
    QLineEdit *m_target = nullptr;
    QPushButton *m_browse = nullptr;
    QLabel *m_summary = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_error = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_record = nullptr;
};

}  // namespace np
