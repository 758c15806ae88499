#pragma once

#include "analysis/gridevaluation.h"
#include "data/dataset.h"

#include <QImage>
#include <QMutex>
#include <QObject>
#include <QThread>

#include <cstdint>
#include <memory>
#include <vector>

namespace np {

/// How the decision boundary is coloured.
struct BoundaryStyle
{
    bool discretize = false;       ///< flat class colours instead of confidence shading
    QRgb background = qRgb(255, 255, 255);
    double regressionRange = 1.0;  ///< the diverging map spans [-range, range]
    bool operator==(const BoundaryStyle &) const = default;
};

/// What the views draw, computed off the GUI thread from one snapshot's weights.
struct ViewFrame
{
    std::uint64_t serial = 0;      ///< the snapshot it was computed from
    std::uint64_t datasetVersion = 0;
    GridSpec grid;
    QImage boundary;               ///< grid.columns x grid.rows, coloured by class and confidence
    Matrix<Scalar> output;         ///< outputs x pixels, a_L over the grid
    std::vector<int> predicted;    ///< per data point: the predicted class (classification)
    std::vector<float> pointValue; ///< per data point: the output value (regression) or confidence
};

/// The colour of one grid cell for a model's outputs (a column of a_L): class colour blended with
/// the background by confidence, or the diverging map for regression.
QRgb boundaryColor(const Model &model, const Scalar *a, const BoundaryStyle &style);

/// Evaluates the newest model over the view grid on its own thread. submit() never blocks: a
/// newer request replaces one not yet started, so the GUI always gets the freshest frame.
class ViewEvaluator : public QObject
{
    Q_OBJECT

public:
    explicit ViewEvaluator(QObject *parent = nullptr);
    ~ViewEvaluator() override;

    void submit(const Model &model, std::uint64_t serial);
    void setDataset(const Dataset &dataset);
    void setStyle(const BoundaryStyle &style);
    void setGrid(const GridSpec &grid);

    /// The newest finished frame.
    const ViewFrame &frame() const { return m_frame; }

signals:
    void frameReady();

private slots:
    void onFramePosted();

private:
    class Worker;
    struct Request
    {
        Model model;
        std::uint64_t serial = 0;
        std::shared_ptr<const Dataset> dataset = std::make_shared<Dataset>();  // shared: no copy per frame
        std::uint64_t datasetVersion = 0;
        BoundaryStyle style;
        GridSpec grid;
    };

    void post();

    QThread m_thread;
    Worker *m_worker = nullptr;
    QMutex m_mutex;
    Request m_request;      // the newest request (guarded by m_mutex)
    bool m_requestPending = false;
    bool m_haveModel = false;
    ViewFrame m_posted;     // the newest result not yet taken (guarded by m_mutex)
    bool m_framePending = false;
    ViewFrame m_frame;      // GUI side
};

}  // namespace np
