#pragma once

#include "mailbox.h"
#include "viewframe.h"

#include <QObject>

#include <atomic>
#include <cstdint>
#include <memory>

namespace np {

class WorkerThread;

/// Evaluates the newest model for the views on its own thread, sharing the grid work with a pool
/// of helper threads sized to the machine (all cores but the GUI's and the trainer's). submit()
/// never blocks: a newer request replaces one not yet started, so the GUI always gets the
/// freshest frame. New weights let a frame in progress finish; a new configuration (grid, style,
/// data, needs, network shape) stops it between blocks of rows, as does closing.
class ViewEvaluator : public QObject
{
    Q_OBJECT

public:
    explicit ViewEvaluator(QObject *parent = nullptr);
    ~ViewEvaluator() override;

    /// training: the weights are moving, so regions are counted at the coarser training resolution.
    void submit(const Model &model, std::uint64_t serial, bool training = false);
    /// The data the points are predicted for; the revision comes back in ViewFrame::datasetVersion.
    void setDataset(const Dataset &dataset, std::uint64_t revision);
    void setStyle(const BoundaryStyle &style);
    void setGrid(const GridSpec &grid);
    void setNeeds(const ViewNeeds &needs);
    ViewNeeds needs() const { return m_request.needs; }

    /// The newest finished frame.
    const ViewFrame &frame() const { return m_frame; }

signals:
    void frameReady();

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
        ViewNeeds needs;
        bool training = false;
        std::uint64_t configuration = 0;  ///< a frame of an older configuration is stopped
    };

    /// reconfigured: what the frame shows changed (not only the weights), so a frame in progress
    /// is of no use any more.
    void post(bool reconfigured = true);
    void onFramePosted();

    Worker *m_worker = nullptr;  ///< lives on m_thread, which owns it
    std::unique_ptr<WorkerThread> m_thread;
    Request m_request;  // GUI side: what the next frame is to show
    bool m_haveModel = false;
    Mailbox<Request> m_requests;
    Mailbox<ViewFrame> m_frames;
    std::atomic<std::uint64_t> m_configuration{0};
    ViewFrame m_frame;  // GUI side: the newest frame taken
};

}  // namespace np
