#pragma once

#include "backgroundjob.h"
#include "colorquantizer.h"
#include "figureexport.h"
#include "figurerenderer.h"

#include "session/session.h"

#include <QObject>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <functional>
#include <vector>

namespace np {

class AnimationWriter;

/// What an animation is written as.
enum class AnimationFormat { Gif, PngSequence };

/// What to record: which view, for how long, how fast, how big, and where to.
struct AnimationSettings
{
    QString view = QStringLiteral("boundary");  ///< a FigureRenderer::figureNames() entry
    std::int64_t epochs = 100;                  ///< trained from the session's state on
    /// Frames, the first showing the state before training and the last the state after it;
    /// 0: one per epoch and the first, at most kDefaultMaxFrames.
    int frames = 0;
    double fps = 10;
    FigureExportSettings figure;  ///< size, title, legend (PNG pixel ratio 1)
    AnimationFormat format = AnimationFormat::Gif;
    /// The GIF's path; for PNGs a folder or a pattern such as frame-%04d.png.
    QString target;
    Dithering dithering = Dithering::Ordered;
    /// GIF: one palette for all frames (held in memory until the end) instead of one per frame.
    bool sharedPalette = false;

    static constexpr int kDefaultMaxFrames = 200;
    static constexpr int kMaxFrames = 10000;
};

/// The epoch each frame shows: `frames` epochs from `start` to `start + epochs`, evenly spread,
/// the first and last included, none repeated (fewer frames when there are fewer epochs).
std::vector<std::int64_t> animationFrameEpochs(std::int64_t start, std::int64_t epochs, int frames);

/// How a recording went.
struct AnimationResult
{
    int frames = 0;            ///< frames added
    QStringList files;         ///< the GIF, or every PNG
    qint64 bytes = 0;          ///< their total size
    std::int64_t lastEpoch = 0;
    QString error;             ///< empty when it worked
    QString note;              ///< training stopped early (divergence, early stopping): why
    bool cancelled = false;    ///< nothing is left at the target then
};

/// The writer settings.format and settings.target name.
std::unique_ptr<AnimationWriter> makeAnimationWriter(const AnimationSettings &settings);

/// One frame: the view drawn offscreen from source, as the command line's `figure` draws it.
/// GUI thread only (the views are widgets).
QImage renderAnimationFrame(const FigureSource &source, const AnimationSettings &settings);

/// Records on the calling thread, which must be the GUI thread: trains a copy of session
/// (the session itself is not touched) and writes a frame at each animationFrameEpochs() epoch.
/// progress(done, total) after each frame; returning false cancels.
AnimationResult recordAnimation(const Session &session, const AnimationSettings &settings,
                                const std::function<bool(int done, int total)> &progress = {});

/// The same in the background, for the window: a worker thread trains its own copy of the
/// session and encodes; the GUI thread only draws each frame (views are widgets), between
/// which it stays free. Progress and cancel as every BackgroundJob.
class AnimationRecorder : public QObject
{
    Q_OBJECT

public:
    explicit AnimationRecorder(QObject *parent = nullptr);
    ~AnimationRecorder() override;

    /// Starts recording a copy of session; a recording still going is stopped first.
    void start(Session session, const AnimationSettings &settings);
    /// Asks the recording to stop; finished() follows with cancelled set, and nothing written.
    void cancel();
    bool isRunning() const { return m_job.isRunning(); }

signals:
    void progressChanged(int done, int total);
    void finished(const np::AnimationResult &result);

private:
    BackgroundJob m_job;
    AnimationResult m_result;
};

}  // namespace np

Q_DECLARE_METATYPE(np::AnimationResult)
