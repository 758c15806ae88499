#pragma once

#include "backgroundjob.h"
#include "sweepgallery.h"
#include "sweepvalues.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace np {

/// Sweep setup and results: pick a setting, edit its values (a preset per setting), the epochs,
/// Start / Cancel with a progress bar, and the gallery. Every value trains on the data and
/// settings given by setSource, on all cores, off the GUI thread.
class SweepView : public QWidget, public Figure
{
    Q_OBJECT

public:
    explicit SweepView(QWidget *parent = nullptr);
    ~SweepView() override;

    /// The settings and data a sweep starts from (the document's; call on every change).
    void setSource(const Config &config, const Dataset &dataset);

    void setSetting(SweepSetting setting);
    SweepSetting setting() const;
    void setValuesText(const QString &text);
    void setEpochs(int epochs);
    /// Starts a sweep; false (with the reason shown) when the values do not parse or one runs.
    bool start();
    /// Asks the running sweep to stop; it finishes within a training step per worker.
    void cancel();
    bool isRunning() const { return m_running; }

    SweepGallery *gallery() const { return m_gallery; }
    QProgressBar *progressBar() const { return m_progress; }

    QString figureName() const override { return m_gallery->figureName(); }
    QString figureTitle() const override { return m_gallery->figureTitle(); }
    void paintFigure(QPainter &painter, const QRectF &rect, const FigureOptions &options) const override
    {
        m_gallery->paintFigure(painter, rect, options);
    }

signals:
    /// The user picked a tile: the source settings with that value (apply them to the document).
    void applyRequested(const np::Config &config);
    /// A sweep ended (finished or cancelled).
    void finished();

private:
    void onSettingChanged();
    void onProgress(qint64 epochsDone, qint64 epochsTotal);
    void onResult(int index, const SweepResult &result, const QImage &boundary);
    void onFinished();

    Config m_config;
    Dataset m_dataset;
    QComboBox *m_settingBox;
    QLineEdit *m_values;
    QSpinBox *m_epochs;
    QPushButton *m_start;
    QProgressBar *m_progress;
    QLabel *m_message;
    SweepGallery *m_gallery;

    bool m_running = false;
    BackgroundJob m_job;  ///< declared last: destroyed first, it stops a running sweep
};

}  // namespace np
