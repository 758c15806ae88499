#pragma once

#include "backgroundjob.h"
#include "decimatedseries.h"
#include "figure.h"
#include "repaintpacer.h"
#include "steppedpicture.h"
#include "viewevaluator.h"

#include "analysis/gradientreport.h"
#include "training/history.h"

#include <QImage>
#include <QWidget>

#include <memory>
#include <optional>
#include <utility>
#include <vector>

class QLabel;
class QPushButton;

namespace np {

struct HealthLayout;

/// How healthy learning is, layer by layer: the gradient norm of every layer over the epochs on
/// a log scale (vanishing gradients), the share of dead ReLU and saturated sigmoid/tanh units
/// (dying ReLUs, saturation), a hover read-out, and a gradient check run in the background.
/// Draws a decimated copy of the history, so it stays fast however long training runs.
class HealthView : public QWidget, public Figure
{
    Q_OBJECT

public:
    /// The most min/max buckets kept per series, however long the history grows.
    static constexpr std::size_t kMaxBuckets = 1024;
    /// The smallest gradient norm the log scale shows; zeros are drawn there.
    static constexpr double kLogFloor = 1e-12;
    /// New history repaints the view at most this often: rows arrive with every training snapshot
    /// (dozens a second), and each paint strokes every layer's curves (milliseconds).
    static constexpr int kRepaintMs = 100;

    explicit HealthView(QWidget *parent = nullptr);
    ~HealthView() override;

    /// The history to show. With reset it replaces what the view had; otherwise only rows past
    /// the ones already seen are new (as LossPlot::setHistory).
    void setHistory(const History &history, bool reset);
    /// The weights the gradient check runs on (a frame's model).
    void setFrame(const ViewFrame &frame);
    void setModel(const Model &model);
    /// The data the check takes its batch from, and the penalty it includes.
    void setDataset(const Dataset &dataset);
    void setPenalty(const Penalty &penalty);

    /// The three values kept per layer and row, and where each lies in the decimated series.
    enum Kind { Norm, Dead, Saturated, KindCount };
    static std::size_t series(int layer, Kind kind) { return std::size_t(layer) * KindCount + kind; }
    /// "layer 1", …, "output" for layer `layer` of `layers`.
    static QString layerName(int layer, int layers);
    /// A share as a percentage: "12%", "0.5%" under a tenth.
    static QString percentText(double share);
    /// The colour of a layer's curves among `layers`, in a palette.
    static QColor layerColor(int layer, int layers, const QPalette &palette);

    /// Layers with a curve: the hidden layers, then the output layer.
    int layerCount() const { return m_layers; }
    std::size_t rowCount() const { return m_epochs.size(); }
    std::size_t bucketCount() const { return m_series.bucketCount(); }
    /// "layer 1", ..., "output", in drawing order.
    QStringList legendLabels() const;
    QColor layerColor(int layer) const;

    /// The read-out for the recorded row nearest to `epoch`; empty without history.
    QString readoutAt(double epoch) const;
    /// The read-out under the mouse pointer; empty when the pointer is not over a plot.
    QString hoverText() const;

    /// The gradient-norm plot and the dead/saturated plot, in widget coordinates.
    QRectF normPlotArea() const;
    QRectF sharePlotArea() const;
    /// The norm axis range (whole decades).
    std::pair<double, double> normRange() const;
    QPointF normToPixel(double epoch, double norm) const;
    QPointF shareToPixel(double epoch, double share) const;
    /// Whether a layer has dead (ReLU) or saturated (sigmoid/tanh) values to draw.
    bool hasDeadCurve(int layer) const;
    bool hasSaturatedCurve(int layer) const;

    /// Starts the gradient check on the current model and data in the background.
    void startGradientCheck();
    bool isChecking() const { return m_checking; }
    const std::optional<GradientReport> &lastCheck() const { return m_check; }

    QString figureName() const override { return QStringLiteral("health"); }
    QString figureTitle() const override;
    void paintFigure(QPainter &painter, const QRectF &rect, const FigureOptions &options) const override;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    void gradientCheckFinished();

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;

private:
    /// Repaints for new history, at most one per kRepaintMs (the last one always comes).
    void scheduleRepaint();
    /// The screen cache: the content drawn into an image in steps (HealthPainter::drawStep), one
    /// per turn of the event loop, so no paint holds the GUI thread for a whole layer stack of
    /// antialiased curves; shown once complete. Changes other than new rows drop it.
    void startRender();
    bool cacheFits() const;
    void clear(int layers);
    void append(const HistoryRecord &record);
    std::size_t nearestRow(double epoch) const;
    QString shareTitle() const;

    HealthLayout layout(const QRectF &rect, const QFontMetricsF &fm) const;
    HealthLayout widgetLayout() const;
    QRectF contentRect() const;
    void drawContent(QPainter &painter, const QRectF &rect) const;
    void drawReadout(QPainter &painter, const HealthLayout &l) const;
    void onCheckDone(GradientReport report);

    QPushButton *m_checkButton = nullptr;
    QLabel *m_checkStatus = nullptr;
    QWidget *m_bar = nullptr;

    int m_layers = 0;
    std::vector<std::int64_t> m_epochs;     ///< per row
    std::vector<float> m_values;            ///< per row, per series (layer-major), NaN where not applicable
    DecimatedSeries m_series{kMaxBuckets, kLogFloor};  ///< per series (layer-major): what the curves are drawn from
    DecimatedSeries m_drawnSeries{kMaxBuckets, kLogFloor};  ///< m_series as the picture being drawn began
    RepaintPacer m_pacer{this, kRepaintMs, [this] { startRender(); }};  ///< the pictures for new rows
    /// Its revision: of the rows, one more per change; rows that came while drawing are drawn after
    /// (through the rate limit).
    SteppedPicture m_picture{this, QStringLiteral("healthRenderStep"), [this] { scheduleRepaint(); }};
    bool m_hovering = false;
    QPointF m_hoverPos;

    Model m_model;
    bool m_haveModel = false;
    Dataset m_dataset;
    Penalty m_penalty;
    std::optional<GradientReport> m_check;
    bool m_checking = false;
    BackgroundJob m_checkJob;  ///< declared last: destroyed first, it waits for a running check
};

}  // namespace np
