#pragma once

#include "backgroundjob.h"
#include "figure.h"

#include "training/sweep.h"

#include <QImage>
#include <QWidget>

#include <optional>
#include <vector>

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace np {

/// Parses a comma-separated list of values for a setting: numbers, or activation and optimizer
/// names ("tanh, ReLU", "sgd, Adam"), "full" for the full batch. Empty with *error set on failure.
std::vector<double> parseSweepValues(SweepSetting setting, const QString &text, QString *error);
/// The values as the list a user edits: "0.001, 0.003, 0.01".
QString sweepValuesText(SweepSetting setting, const std::vector<double> &values);

/// The sweep's results as a grid of small decision boundaries, each labelled with its value and
/// final loss, the best one framed. Clicking a tile emits tileClicked.
class SweepGallery : public QWidget, public Figure
{
    Q_OBJECT

public:
    /// One value's tile: its result (pending until trained) and its boundary image.
    struct Tile
    {
        SweepResult result;
        QImage boundary;  ///< empty until the value is trained
    };

    explicit SweepGallery(QWidget *parent = nullptr);

    /// Starts a new gallery: one pending tile per value.
    void start(SweepSetting setting, const std::vector<double> &values, const Dataset &dataset);
    void setResult(int index, const SweepResult &result, const QImage &boundary);
    /// Marks values never started (after a cancel) and picks the best.
    void finish();

    SweepSetting setting() const { return m_setting; }
    const std::vector<Tile> &tiles() const { return m_tiles; }
    /// The index of the best tile (lowest validation loss), or -1 (none yet, or all diverged).
    int bestIndex() const { return m_best; }
    /// Where tile i is drawn in the widget.
    QRectF tileRect(int index) const;
    /// The two lines under tile i: the value, then the loss or what happened.
    QStringList tileLabel(int index) const;
    /// The tile side in pixels for the widget's font: about 160 px at a 17 px line.
    double tileSide() const;

    QSize sizeHint() const override;
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;

    QString figureName() const override;
    QString figureTitle() const override;
    void paintFigure(QPainter &painter, const QRectF &rect, const FigureOptions &options) const override;

signals:
    void tileClicked(int index);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;

private:
    struct Grid;
    Grid grid(const QRectF &area, double side, double line) const;
    void draw(QPainter &painter, const QRectF &area, double side, const QFontMetricsF &fm) const;

    SweepSetting m_setting = SweepSetting::LearningRate;
    Dataset m_dataset;
    std::vector<Tile> m_tiles;
    int m_best = -1;
};

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
