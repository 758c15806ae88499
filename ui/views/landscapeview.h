#pragma once

#include "backgroundjob.h"
#include "figure.h"

#include "analysis/landscape.h"
#include "analysis/weighttrajectory.h"

#include <QWidget>

#include <optional>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace np {

struct LandscapeLayout;

/// The training loss on a 2-D slice through the current weights (Li et al., 2018): along two
/// filter-normalised random directions or the top two principal directions of the run so far,
/// as a contour map with the run projected on it and the current weights marked. Computed in
/// the background from a copy of the weights, at the resolution chosen, with progress and cancel.
class LandscapeView : public QWidget, public Figure
{
    Q_OBJECT

public:
    explicit LandscapeView(QWidget *parent = nullptr);
    ~LandscapeView() override;

    /// The current weights (a frame's model). The map stays as computed; the current point moves.
    void setModel(const Model &model);
    /// The data the loss is measured on (its training points).
    void setDataset(const Dataset &dataset);
    /// The run's weights so far (owned by the caller, which keeps it alive and recording).
    void setTrajectory(const WeightTrajectory *trajectory) { m_trajectory = trajectory; }

    LandscapeDirections directions() const;
    void setDirections(LandscapeDirections directions);
    int resolution() const;
    void setResolution(int resolution);
    double span() const;
    void setSpan(double span);

    /// Starts computing in the background (a run under way is stopped first).
    void compute();
    /// Computes on the calling thread (figures without a window, tests).
    void computeNow();
    /// Stops a computation; the rows done so far are shown.
    void cancel();
    bool isComputing() const { return m_job.isRunning(); }
    const std::optional<LandscapeResult> &result() const { return m_result; }
    /// Where the current weights lie on the computed plane; none before a computation or when
    /// the network changed shape since.
    std::optional<QPointF> currentPoint() const;
    /// The text under the map: the directions and the loss at the current weights.
    QString caption() const;
    /// The map's square in widget coordinates.
    QRectF plotArea() const;

    QString figureName() const override { return QStringLiteral("landscape"); }
    QString figureTitle() const override;
    void paintFigure(QPainter &painter, const QRectF &rect, const FigureOptions &options) const override;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    /// A computation finished (completed, cancelled or failed).
    void computed();

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    LandscapeRequest request() const;
    void onResult(LandscapeResult result);
    void updateButtons();
    QRectF contentRect() const;
    void drawContent(QPainter &painter, const QRectF &rect, bool legend) const;

    QComboBox *m_directions = nullptr;
    QSpinBox *m_resolution = nullptr;
    QDoubleSpinBox *m_span = nullptr;
    QPushButton *m_compute = nullptr;
    QPushButton *m_cancel = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_status = nullptr;
    QWidget *m_bar = nullptr;

    Model m_model;
    Dataset m_dataset;
    const WeightTrajectory *m_trajectory = nullptr;
    std::optional<LandscapeResult> m_result;
    std::int64_t m_computedAtStep = -1;
    std::uint64_t m_seed = 1;
    std::optional<QPointF> m_current;
    BackgroundJob m_job;  ///< declared last: destroyed first, it stops a running computation
};

}  // namespace np
