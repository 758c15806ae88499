#include "gifwriter.h"

#include <QDir>
#include <QFileInfo>

#include <gif_lib.h>

#include <algorithm>
#include <cmath>
#include <cstring>

namespace np {

namespace {

QImage toRgb32(const QImage &image)
{
    return image.format() == QImage::Format_RGB32 ? image : image.convertToFormat(QImage::Format_RGB32);
}

/// The smallest rectangle holding every pixel where a and b (same size, RGB32) differ.
QRect changedRect(const QImage &a, const QImage &b)
{
    const int w = a.width();
    const int h = a.height();
    auto rowDiffers = [&](int y) {
        return std::memcmp(a.constScanLine(y), b.constScanLine(y), static_cast<std::size_t>(w) * 4) != 0;
    };
    int top = 0;
    while (top < h && !rowDiffers(top))
        ++top;
    if (top == h)
        return {};
    int bottom = h - 1;
    while (bottom > top && !rowDiffers(bottom))
        --bottom;
    int left = w;
    int right = -1;
    for (int y = top; y <= bottom; ++y) {
        const auto *pa = reinterpret_cast<const QRgb *>(a.constScanLine(y));
        const auto *pb = reinterpret_cast<const QRgb *>(b.constScanLine(y));
        for (int x = 0; x < left; ++x) {
            if (pa[x] != pb[x]) {
                left = x;
                break;
            }
        }
        for (int x = w - 1; x > right; --x) {
            if (pa[x] != pb[x]) {
                right = x;
                break;
            }
        }
    }
    return QRect(QPoint(left, top), QPoint(right, bottom));
}

/// A giflib colour map of at least `colors` entries (a power of two, as GIF requires).
ColorMapObject *makeColorMap(const std::vector<QRgb> &colors)
{
    const int size = 1 << std::max(1, GifBitSize(static_cast<int>(colors.size())));
    std::vector<GifColorType> entries(static_cast<std::size_t>(size), GifColorType{0, 0, 0});
    for (std::size_t i = 0; i < colors.size(); ++i)
        entries[i] = GifColorType{static_cast<GifByteType>(qRed(colors[i])), static_cast<GifByteType>(qGreen(colors[i])),
                                  static_cast<GifByteType>(qBlue(colors[i]))};
    return GifMakeMapObject(size, entries.data());
}

}  // namespace

GifWriter::GifWriter(const QString &path, const GifSettings &settings)
    : m_path(path)
    , m_settings(settings)
{
    m_settings.fps = std::clamp(m_settings.fps, 0.1, 50.0);
}

GifWriter::~GifWriter()
{
    if (!m_finished)
        abandon();
}

int GifWriter::writeBytes(GifFileType *gif, const unsigned char *data, int length)
{
    auto *self = static_cast<GifWriter *>(gif->UserData);
    const qint64 written = self->m_file->write(reinterpret_cast<const char *>(data), length);
    if (written > 0)
        self->m_bytes += written;
    return static_cast<int>(std::max<qint64>(written, 0));
}

int GifWriter::delayOf(int frameIndex) const
{
    // Rounded on the running total, so that 30 fps plays 3, 3, 4, 3, 3, 4 hundredths.
    auto at = [this](int i) { return static_cast<int>(std::lround(100.0 * i / m_settings.fps)); };
    return std::max(1, at(frameIndex + 1) - at(frameIndex));
}

QString GifWriter::giflibError(int code) const
{
    if (code == E_GIF_ERR_WRITE_FAILED && m_file && !m_file->errorString().isEmpty())
        return QObject::tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(m_path), m_file->errorString());
    return QObject::tr("Cannot write %1: %2")
        .arg(QDir::toNativeSeparators(m_path), QString::fromLatin1(GifErrorString(code)));
}

QString GifWriter::fail(const QString &error)
{
    if (m_error.isEmpty())
        m_error = error;
    abandon();
    return m_error;
}

QString GifWriter::open(const QSize &size, const std::vector<QRgb> *globalPalette)
{
    m_file = std::make_unique<QSaveFile>(m_path);
    if (!m_file->open(QIODevice::WriteOnly))
        return fail(QObject::tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(m_path), m_file->errorString()));
    int error = 0;
    m_gif = EGifOpen(this, &GifWriter::writeBytes, &error);
    if (!m_gif)
        return fail(giflibError(error));
    EGifSetGifVersion(m_gif, true);
    ColorMapObject *map = globalPalette ? makeColorMap(*globalPalette) : nullptr;
    const int ok = EGifPutScreenDesc(m_gif, size.width(), size.height(), 8, 0, map);
    if (map)
        GifFreeMapObject(map);
    if (ok != GIF_OK)
        return fail(giflibError(m_gif->Error));
    // Loop forever: the NETSCAPE2.0 application extension, sub-block 1 with a loop count of 0.
    const unsigned char netscape[] = "NETSCAPE2.0";
    const unsigned char loop[] = {1, 0, 0};
    if (EGifPutExtensionLeader(m_gif, APPLICATION_EXT_FUNC_CODE) != GIF_OK
        || EGifPutExtensionBlock(m_gif, 11, netscape) != GIF_OK || EGifPutExtensionBlock(m_gif, 3, loop) != GIF_OK
        || EGifPutExtensionTrailer(m_gif) != GIF_OK)
        return fail(giflibError(m_gif->Error));
    return {};
}

QString GifWriter::addFrame(const QImage &frame)
{
    if (!m_error.isEmpty() || m_finished)
        return m_error.isEmpty() ? QObject::tr("The animation %1 is already finished").arg(QDir::toNativeSeparators(m_path)) : m_error;
    QImage rgb = toRgb32(frame);
    if (!m_previous.isNull() && rgb.size() != m_previous.size())
        return fail(QObject::tr("Cannot write %1: frame %2 is %3x%4 pixels, the first was %5x%6")
                        .arg(QDir::toNativeSeparators(m_path))
                        .arg(m_added + 1)
                        .arg(rgb.width())
                        .arg(rgb.height())
                        .arg(m_previous.width())
                        .arg(m_previous.height()));
    if (rgb.isNull())
        return fail(QObject::tr("Cannot write %1: frame %2 is empty").arg(QDir::toNativeSeparators(m_path)).arg(m_added + 1));
    const int delay = delayOf(m_added++);
    if (m_settings.sharedPalette) {
        m_held.push_back(rgb);
        m_previous = rgb;
        return {};
    }
    if (!m_gif) {
        if (QString e = open(rgb.size(), nullptr); !e.isEmpty())
            return e;
    }
    return encode(rgb, delay, nullptr);
}

QString GifWriter::encode(const QImage &frame, int delay, PaletteMapper *shared)
{
    const QRect rect = m_previous.isNull() ? frame.rect() : changedRect(m_previous, frame);
    const QImage before = m_previous;
    m_previous = frame;
    if (rect.isEmpty() && m_hasPending) {
        m_pending.delay += delay;  // nothing changed: the frame before stays up longer
        return {};
    }
    if (QString e = flush(); !e.isEmpty())
        return e;
    const QRect stored = rect.isEmpty() ? QRect(0, 0, 1, 1) : rect;
    const bool first = m_canvas.isNull();
    // After the first frame, one index is kept for transparency: "leave what is shown".
    std::unique_ptr<PaletteMapper> own;
    PaletteMapper *mapper = shared;
    if (!mapper) {
        ColorHistogram histogram;
        if (first)
            histogram.add(frame, stored);
        else
            histogram.addChanged(frame, before, stored);
        own = std::make_unique<PaletteMapper>(histogram.palette(first ? 256 : 255));
        mapper = own.get();
    }
    m_pending.indices = mapper->map(frame, stored, m_settings.dithering);
    m_pending.palette = shared ? std::vector<QRgb>{} : mapper->palette();
    m_pending.transparent = -1;
    if (first) {
        m_canvas = QImage(frame.size(), QImage::Format_RGB32);
        m_canvas.fill(Qt::black);
    } else {
        m_pending.transparent = static_cast<int>(mapper->palette().size());
        if (!shared)
            m_pending.palette.push_back(qRgb(0, 0, 0));
    }
    std::size_t i = 0;
    for (int y = stored.top(); y <= stored.bottom(); ++y) {
        auto *shown = reinterpret_cast<QRgb *>(m_canvas.scanLine(y));
        const auto *now = reinterpret_cast<const QRgb *>(frame.constScanLine(y));
        const auto *old = first ? nullptr : reinterpret_cast<const QRgb *>(before.constScanLine(y));
        for (int x = stored.left(); x <= stored.right(); ++x, ++i) {
            const QRgb color = mapper->palette()[m_pending.indices[i]];
            if (!first && (now[x] == old[x] || color == shown[x]))
                m_pending.indices[i] = static_cast<std::uint8_t>(m_pending.transparent);
            else
                shown[x] = color;
        }
    }
    m_pending.rect = stored;
    m_pending.delay = delay;
    m_hasPending = true;
    return {};
}

QString GifWriter::flush()
{
    if (!m_hasPending)
        return {};
    m_hasPending = false;
    GraphicsControlBlock gcb;
    gcb.DisposalMode = DISPOSE_DO_NOT;
    gcb.UserInputFlag = false;
    gcb.DelayTime = std::min(m_pending.delay, 65535);
    gcb.TransparentColor = m_pending.transparent >= 0 ? m_pending.transparent : NO_TRANSPARENT_COLOR;
    GifByteType extension[4];
    const size_t length = EGifGCBToExtension(&gcb, extension);
    if (EGifPutExtension(m_gif, GRAPHICS_EXT_FUNC_CODE, static_cast<int>(length), extension) != GIF_OK)
        return fail(giflibError(m_gif->Error));
    ColorMapObject *map = m_pending.palette.empty() ? nullptr : makeColorMap(m_pending.palette);
    const QRect &r = m_pending.rect;
    const int ok = EGifPutImageDesc(m_gif, r.left(), r.top(), r.width(), r.height(), false, map);
    if (map)
        GifFreeMapObject(map);
    if (ok != GIF_OK)
        return fail(giflibError(m_gif->Error));
    for (int y = 0; y < r.height(); ++y) {
        if (EGifPutLine(m_gif, m_pending.indices.data() + static_cast<std::size_t>(y) * r.width(), r.width()) != GIF_OK)
            return fail(giflibError(m_gif->Error));
    }
    ++m_stored;
    return {};
}

QString GifWriter::finish()
{
    if (m_finished || !m_error.isEmpty())
        return m_error;
    if (m_added == 0)
        return fail(QObject::tr("Cannot write %1: no frames").arg(QDir::toNativeSeparators(m_path)));
    if (m_settings.sharedPalette) {
        ColorHistogram histogram;
        for (const QImage &frame : m_held)
            histogram.add(frame);
        PaletteMapper mapper(histogram.palette(255));
        std::vector<QRgb> global = mapper.palette();
        global.push_back(qRgb(0, 0, 0));  // the transparent index of the frames after the first
        if (QString e = open(m_held.front().size(), &global); !e.isEmpty())
            return e;
        m_previous = QImage();
        m_canvas = QImage();
        std::vector<QImage> held = std::move(m_held);
        m_held.clear();
        for (std::size_t i = 0; i < held.size(); ++i) {
            if (QString e = encode(held[i], delayOf(static_cast<int>(i)), &mapper); !e.isEmpty())
                return e;
            held[i] = QImage();
        }
    }
    if (QString e = flush(); !e.isEmpty())
        return e;
    int error = 0;
    GifFileType *gif = m_gif;
    m_gif = nullptr;
    if (EGifCloseFile(gif, &error) != GIF_OK)
        return fail(giflibError(error));
    if (!m_file->commit())
        return fail(QObject::tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(m_path), m_file->errorString()));
    m_finished = true;
    m_previous = QImage();
    m_canvas = QImage();
    return {};
}

void GifWriter::abandon()
{
    if (m_gif) {
        int error = 0;
        EGifCloseFile(m_gif, &error);
        m_gif = nullptr;
    }
    if (m_file) {
        m_file->cancelWriting();
        m_file.reset();
    }
    m_held.clear();
    m_hasPending = false;
    m_finished = true;
    m_bytes = 0;  // nothing is left at the path
}

QStringList GifWriter::files() const
{
    return m_finished && m_error.isEmpty() && m_file ? QStringList{m_path} : QStringList{};
}

}  // namespace np
