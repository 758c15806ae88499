#pragma once

#include "animationwriter.h"
#include "colorquantizer.h"

#include <QRect>
#include <QSaveFile>

#include <cstdint>
#include <memory>
#include <vector>

struct GifFileType;

namespace np {

/// How an animated GIF is encoded.
struct GifSettings
{
    /// Frames per second; each frame's delay is a whole number of hundredths of a second,
    /// rounded so that the total time stays exact (10 fps: 10 cs each; 30 fps: 3, 3, 4, ...).
    double fps = 10;
    Dithering dithering = Dithering::Ordered;
    /// One palette for the whole animation (all frames are held in memory until finish()),
    /// instead of one per frame, cut from the part of the frame that changed.
    bool sharedPalette = false;
};

/// Frames to an animated GIF through giflib: 256-colour palettes from ColorHistogram (median
/// cut + k-means), dithered; plays in a loop forever (the NETSCAPE2.0 extension). Each frame
/// after the first stores only the rectangle that changed since the one before, drawn over it
/// (disposal "do not dispose"), and inside it a transparent index wherever the picture shown
/// stays as it is (the source pixel did not change, or its new colour is the one shown): runs
/// of it compress well, and unchanged pixels never flicker between palettes. A frame that
/// changes nothing lengthens the previous frame's delay instead. The file appears at its path only when finish() succeeds.
class GifWriter : public AnimationWriter
{
public:
    GifWriter(const QString &path, const GifSettings &settings);
    ~GifWriter() override;

    QString addFrame(const QImage &frame) override;
    QString finish() override;
    void abandon() override;
    QStringList files() const override;
    qint64 totalBytes() const override { return m_bytes; }

    /// The frames stored in the file so far (unchanged frames are merged into the one before).
    int storedFrames() const { return m_stored; }

private:
    /// A quantised frame waiting for its delay to be known: the next frame may not change it.
    struct Pending
    {
        QRect rect;
        std::vector<QRgb> palette;
        std::vector<std::uint8_t> indices;
        int delay = 0;  ///< hundredths of a second
        int transparent = -1;  ///< the index of "keep what is shown", or -1
    };

    QString open(const QSize &size, const std::vector<QRgb> *globalPalette);
    QString encode(const QImage &frame, int delay, PaletteMapper *shared);
    QString flush();
    QString fail(const QString &error);
    int delayOf(int frameIndex) const;
    QString giflibError(int code) const;

    QString m_path;
    GifSettings m_settings;
    std::unique_ptr<QSaveFile> m_file;
    GifFileType *m_gif = nullptr;
    QImage m_previous;  ///< the last frame added, RGB32
    QImage m_canvas;    ///< what a viewer shows after the frames stored so far (palette colours)
    std::vector<QImage> m_held;  ///< shared palette: every frame until finish()
    Pending m_pending;
    bool m_hasPending = false;
    int m_added = 0;
    int m_stored = 0;
    qint64 m_bytes = 0;
    QString m_error;
    bool m_finished = false;

    static int writeBytes(GifFileType *gif, const unsigned char *data, int length);
};

}  // namespace np
