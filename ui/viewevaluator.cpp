#include "viewevaluator.h"

#include "analysis/prediction.h"
#include "colors.h"

#include <QMutexLocker>

#include <algorithm>
#include <cmath>

namespace np {

namespace {

// Class probabilities (or pseudo-probabilities from scores) of one output column, written to p.
void classShares(const Model &model, const Scalar *a, double *p)
{
    const int k = model.classCount;
    switch (model.network.head) {
    case OutputHead::Sigmoid:
        p[0] = 1.0 - a[0];
        p[1] = a[0];
        return;
    case OutputHead::Softmax:
        for (int j = 0; j < k; ++j)
            p[j] = a[j];
        return;
    case OutputHead::OneVsRest: {
        double sum = 0;
        for (int j = 0; j < k; ++j)
            sum += a[j];
        for (int j = 0; j < k; ++j)
            p[j] = sum > 0 ? a[j] / sum : 1.0 / k;
        return;
    }
    case OutputHead::Linear:
    case OutputHead::Tanh:
    case OutputHead::Step:
        if (model.outputs == 1) {
            // Scores around 0: map [-1, 1] onto [0, 1].
            const double t = model.network.head == OutputHead::Step ? a[0] : std::clamp((a[0] + 1.0) / 2.0, 0.0, 1.0);
            p[0] = 1.0 - t;
            p[1] = t;
            return;
        }
        double zmax = a[0];
        for (int j = 1; j < k; ++j)
            zmax = std::max<double>(zmax, a[j]);
        double sum = 0;
        for (int j = 0; j < k; ++j)
            sum += p[j] = std::exp(a[j] - zmax);
        for (int j = 0; j < k; ++j)
            p[j] /= sum;
        return;
    }
}

}  // namespace

QRgb boundaryColor(const Model &model, const Scalar *a, const BoundaryStyle &style)
{
    if (model.task == Task::Regression)
        return divergingColor(a[0] / style.regressionRange, style.background);
    double p[kMaxClasses];
    classShares(model, a, p);
    const int k = model.classCount;
    int best = 0;
    for (int j = 1; j < k; ++j)
        best = p[j] > p[best] ? j : best;
    if (style.discretize)
        return blend(style.background, classColor(best).rgb(), 0.55);
    // Confidence: 0 where every class is equally likely, 1 where one is certain.
    const double confidence = (p[best] - 1.0 / k) / (1.0 - 1.0 / k);
    return blend(style.background, classColor(best).rgb(), 0.08 + 0.72 * confidence);
}

class ViewEvaluator::Worker : public QObject
{
public:
    explicit Worker(ViewEvaluator *owner)
        : m_owner(owner)
    {
    }

    void run()
    {
        Request request;
        {
            QMutexLocker lock(&m_owner->m_mutex);
            if (!m_owner->m_requestPending)
                return;
            request = m_owner->m_request;  // a copy: the GUI may post again meanwhile
            m_owner->m_requestPending = false;
        }
        ViewFrame frame;
        frame.serial = request.serial;
        frame.datasetVersion = request.datasetVersion;
        frame.grid = request.grid;
        m_evaluator.setModel(request.model);
        m_evaluator.evaluate(request.grid, false, m_evaluation);

        const Model &model = request.model;
        frame.boundary = QImage(request.grid.columns, request.grid.rows, QImage::Format_RGB32);
        for (int row = 0; row < request.grid.rows; ++row) {
            auto *line = reinterpret_cast<QRgb *>(frame.boundary.scanLine(row));
            for (int column = 0; column < request.grid.columns; ++column) {
                const Index p = Index(row) * request.grid.columns + column;
                line[column] = boundaryColor(model, &m_evaluation.output(0, p), request.style);
            }
        }
        frame.output = m_evaluation.output;

        const std::vector<DataPoint> &points = request.dataset->points;
        if (!points.empty()) {
            Matrix<double> xy(2, static_cast<Index>(points.size()));
            for (std::size_t i = 0; i < points.size(); ++i) {
                xy(0, Index(i)) = points[i].x1;
                xy(1, Index(i)) = points[i].x2;
            }
            const Matrix<Scalar> out = predict(model, xy);
            frame.predicted.resize(points.size());
            frame.pointValue.resize(points.size());
            for (std::size_t i = 0; i < points.size(); ++i) {
                const Scalar *a = &out(0, Index(i));
                frame.predicted[i] = model.task == Task::Classification
                                         ? predictedClass<Scalar>(model.network.head, a, model.outputs)
                                         : 0;
                frame.pointValue[i] = a[0];
            }
        }

        bool notify = false;
        {
            QMutexLocker lock(&m_owner->m_mutex);
            m_owner->m_posted = std::move(frame);
            notify = !m_owner->m_framePending;
            m_owner->m_framePending = true;
        }
        if (notify)
            QMetaObject::invokeMethod(m_owner, &ViewEvaluator::onFramePosted, Qt::QueuedConnection);
    }

private:
    ViewEvaluator *m_owner;
    GridEvaluator m_evaluator;
    GridEvaluation m_evaluation;
};

ViewEvaluator::ViewEvaluator(QObject *parent)
    : QObject(parent)
{
    m_worker = new Worker(this);
    m_worker->moveToThread(&m_thread);
    m_thread.setObjectName(QStringLiteral("view evaluation"));
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.start();
}

ViewEvaluator::~ViewEvaluator()
{
    m_thread.requestInterruption();
    m_thread.quit();
    m_thread.wait();
}

void ViewEvaluator::submit(const Model &model, std::uint64_t serial)
{
    {
        QMutexLocker lock(&m_mutex);
        m_request.model = model;
        m_request.serial = serial;
        m_haveModel = true;
    }
    post();
}

void ViewEvaluator::setDataset(const Dataset &dataset)
{
    {
        QMutexLocker lock(&m_mutex);
        m_request.dataset = std::make_shared<const Dataset>(dataset);
        ++m_request.datasetVersion;
    }
    post();
}

void ViewEvaluator::setStyle(const BoundaryStyle &style)
{
    {
        QMutexLocker lock(&m_mutex);
        if (m_request.style == style)
            return;
        m_request.style = style;
    }
    post();
}

void ViewEvaluator::setGrid(const GridSpec &grid)
{
    {
        QMutexLocker lock(&m_mutex);
        if (m_request.grid == grid)
            return;
        m_request.grid = grid;
    }
    post();
}

void ViewEvaluator::post()
{
    bool wake = false;
    {
        QMutexLocker lock(&m_mutex);
        if (!m_haveModel)
            return;
        wake = !m_requestPending;
        m_requestPending = true;
    }
    // One queued run per burst of requests; it takes whatever is newest when it starts.
    if (wake)
        QMetaObject::invokeMethod(m_worker, [this] { m_worker->run(); }, Qt::QueuedConnection);
}

void ViewEvaluator::onFramePosted()
{
    {
        QMutexLocker lock(&m_mutex);
        if (!m_framePending)
            return;
        m_frame = std::move(m_posted);
        m_posted = ViewFrame{};
        m_framePending = false;
    }
    emit frameReady();
}

}  // namespace np
