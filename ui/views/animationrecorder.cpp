#include "animationrecorder.h"

#include "gifwriter.h"
#include "pngsequencewriter.h"

#include <QDir>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <mutex>
#include <optional>

namespace np {

namespace {

/// A copy of the session trained from one frame's epoch to the next.
class FrameTrainer
{
public:
    QString start(const Session &session)
    {
        m_config = session.config;
        m_dataset = session.dataset;
        std::string error = m_trainer.reset(session.config, session.dataset);
        if (error.empty() && session.state)
            error = m_trainer.restore(*session.state);
        m_trainer.clearStop();
        return QString::fromStdString(error);
    }

    /// Trains until `epoch` (or until training stops on its own); false when cancelled first.
    bool trainTo(std::int64_t epoch, const std::function<bool()> &cancelled)
    {
        m_trainer.setInterruption([&cancelled](double) { return cancelled(); });
        while (m_trainer.epoch() < epoch && !m_trainer.isStopped()) {
            if (cancelled())
                return false;
            if (!m_trainer.trainEpoch() && !m_trainer.wasInterrupted())
                break;
        }
        m_trainer.setInterruption({});
        return !cancelled();
    }

    FigureSource source() const { return {m_config, m_dataset, m_trainer.model(), m_trainer.history(), std::nullopt, {}}; }
    std::int64_t epoch() const { return m_trainer.epoch(); }
    QString note() const
    {
        return m_trainer.isStopped() ? QObject::tr("Training stopped at epoch %1: %2")
                                           .arg(m_trainer.epoch())
                                           .arg(QString::fromStdString(m_trainer.stopMessage()))
                                     : QString();
    }

private:
    Config m_config;
    Dataset m_dataset;
    Trainer m_trainer;
};

/// The writer's outcome, or the error/cancel, into result.
void finishWriter(AnimationWriter &writer, AnimationResult &result)
{
    if (result.cancelled || !result.error.isEmpty()) {
        writer.abandon();
        return;
    }
    result.error = writer.finish();
    if (!result.error.isEmpty()) {
        writer.abandon();
        return;
    }
    result.files = writer.files();
    result.bytes = writer.totalBytes();
}

}  // namespace

std::vector<std::int64_t> animationFrameEpochs(std::int64_t start, std::int64_t epochs, int frames)
{
    epochs = std::max<std::int64_t>(0, epochs);
    std::int64_t n = frames > 0 ? frames : std::min<std::int64_t>(epochs + 1, AnimationSettings::kDefaultMaxFrames);
    n = std::clamp<std::int64_t>(n, 1, std::min<std::int64_t>(epochs + 1, AnimationSettings::kMaxFrames));
    std::vector<std::int64_t> result;
    for (std::int64_t k = 0; k < n; ++k)
        result.push_back(n == 1 ? start + epochs
                                : start + static_cast<std::int64_t>(std::llround(double(k) * double(epochs) / double(n - 1))));
    return result;
}

std::unique_ptr<AnimationWriter> makeAnimationWriter(const AnimationSettings &settings)
{
    if (settings.format == AnimationFormat::PngSequence)
        return std::make_unique<PngSequenceWriter>(settings.target);
    GifSettings gif;
    gif.fps = settings.fps;
    gif.dithering = settings.dithering;
    gif.sharedPalette = settings.sharedPalette;
    return std::make_unique<GifWriter>(settings.target, gif);
}

QImage renderAnimationFrame(const FigureSource &source, const AnimationSettings &settings)
{
    FigureRenderer renderer(source);
    const Figure *figure = renderer.figure(settings.view);
    if (!figure)
        return {};
    FigureExportSettings figureSettings = settings.figure;
    figureSettings.devicePixelRatio = 1.0;
    return renderFigure(*figure, figureSettings).convertToFormat(QImage::Format_RGB32);
}

namespace {

/// The image of one frame, once drawn; empty when cancelled while waiting for it.
using FrameImage = std::function<std::optional<QImage>()>;
/// Asks for a frame to be drawn (now, or on another thread) and returns how to get the image.
using FrameRender = std::function<FrameImage(FigureSource source)>;

/// The recording itself, wherever its frames are drawn: trains a copy of session and adds a
/// frame at each frame epoch to the writer, checking `cancelled` between epochs. A pipeline:
/// while frame k is drawn, frame k - 1 is encoded and then frame k + 1 trained.
AnimationResult record(const Session &session, const AnimationSettings &settings, const FrameRender &render,
                       const std::function<bool()> &cancelled, const std::function<void(int, int)> &progress)
{
    AnimationResult result;
    if (!FigureRenderer::figureNames().contains(settings.view)) {
        result.error = QObject::tr("There is no view called '%1'").arg(settings.view);
        return result;
    }
    std::unique_ptr<AnimationWriter> writer = makeAnimationWriter(settings);
    FrameTrainer trainer;
    if (QString e = trainer.start(session); !e.isEmpty()) {
        result.error = e;
        return result;
    }
    const std::vector<std::int64_t> epochs = animationFrameEpochs(trainer.epoch(), settings.epochs, settings.frames);
    const int total = static_cast<int>(epochs.size());
    // Adds the frame drawn before; false when the recording ends here.
    auto add = [&](const FrameImage &drawn) {
        const std::optional<QImage> image = drawn();
        if (!image || cancelled()) {
            result.cancelled = true;
            return false;
        }
        result.error = writer->addFrame(*image);
        if (!result.error.isEmpty())
            return false;
        ++result.frames;
        progress(result.frames, total);
        return true;
    };
    FrameImage drawing;
    bool going = true;
    for (std::int64_t epoch : epochs) {
        if (!trainer.trainTo(epoch, cancelled)) {
            result.cancelled = true;
            going = false;
            break;
        }
        FrameImage next = render(trainer.source());
        if (drawing && !add(drawing)) {
            going = false;
            break;
        }
        drawing = std::move(next);
    }
    if (going && drawing)
        add(drawing);
    // A drawing still in flight after a stop writes into its own slot, which it shares.
    result.lastEpoch = trainer.epoch();
    result.note = trainer.note();
    finishWriter(*writer, result);
    return result;
}

}  // namespace

AnimationResult recordAnimation(const Session &session, const AnimationSettings &settings,
                                const std::function<bool(int done, int total)> &progress)
{
    bool stop = false;
    return record(
        session, settings,
        [&settings](FigureSource source) -> FrameImage {
            return [image = renderAnimationFrame(source, settings)] { return std::optional<QImage>(image); };
        },
        [&stop] { return stop; },
        [&](int done, int total) { stop = progress && !progress(done, total); });
}

AnimationRecorder::AnimationRecorder(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<np::AnimationResult>();
    connect(&m_job, &BackgroundJob::progressChanged, this,
            [this](qint64 done, qint64 total) { emit progressChanged(int(done), int(total)); });
    connect(&m_job, &BackgroundJob::finished, this, [this] { emit finished(m_result); });
}

AnimationRecorder::~AnimationRecorder()
{
    m_job.stop();
}

void AnimationRecorder::cancel()
{
    m_job.cancel();
}

void AnimationRecorder::start(Session session, const AnimationSettings &settings)
{
    m_job.stop();
    m_result = AnimationResult();
    m_job.start([this, session = std::move(session), settings](const BackgroundJob::Control &control) {
        // The views are widgets: the GUI thread draws each frame while this thread waits for
        // the image (waking to look at the cancel flag, so that stop() never waits on the GUI).
        auto render = [&control, &settings](FigureSource source) -> FrameImage {
            struct Slot
            {
                std::mutex mutex;
                std::condition_variable ready;
                std::optional<QImage> image;
            };
            auto slot = std::make_shared<Slot>();
            auto shared = std::make_shared<FigureSource>(std::move(source));
            control.post([slot, shared, settings] {
                QImage image = renderAnimationFrame(*shared, settings);
                const std::lock_guard lock(slot->mutex);
                slot->image = std::move(image);
                slot->ready.notify_one();
            });
            return [slot, &control]() -> std::optional<QImage> {
                std::unique_lock lock(slot->mutex);
                while (!slot->image && !control.isCancelled())
                    slot->ready.wait_for(lock, std::chrono::milliseconds(20));
                return std::move(slot->image);
            };
        };
        const AnimationResult result = record(
            session, settings, render, [&control] { return control.isCancelled(); },
            [&control](int done, int total) { control.setProgress(done, total); });
        control.post([this, result] { m_result = result; });
    });
}

}  // namespace np
