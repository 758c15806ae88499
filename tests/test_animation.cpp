// Training recorded as an animation: the GIF writer read back with giflib (frames, size, delays,
// loop, colours, banding, delta frames, write errors), the PNG sequence, the recorder (a copy
// of the session, cancel) and the command line's figure --animate.

#include "animationdialog.h"
#include "animationrecorder.h"
#include "colorquantizer.h"
#include "document.h"
#include "gifwriter.h"
#include "pngsequencewriter.h"
#include "trainingcontroller.h"

#include "data/generators.h"
#include "io/sessionjson.h"
#include "session/config.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QPainter>
#include <QProcess>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <gif_lib.h>

#include <algorithm>
#include <cmath>

using namespace np;

namespace {

/// A GIF as giflib's DGifSlurp reads it, with every frame composed onto the canvas as a viewer
/// shows it (this writer only uses "do not dispose").
struct DecodedGif
{
    QString error;
    QSize size;
    int loopCount = -1;  ///< from NETSCAPE2.0; -1 when there is none
    std::vector<QRect> rects;
    std::vector<int> delays;
    std::vector<QImage> frames;
};

DecodedGif decodeGif(const QString &path)
{
    DecodedGif out;
    int error = 0;
    GifFileType *gif = DGifOpenFileName(QFile::encodeName(path).constData(), &error);
    if (!gif) {
        out.error = QString::fromLatin1(GifErrorString(error));
        return out;
    }
    if (DGifSlurp(gif) != GIF_OK) {
        out.error = QString::fromLatin1(GifErrorString(gif->Error));
        DGifCloseFile(gif, &error);
        return out;
    }
    out.size = QSize(gif->SWidth, gif->SHeight);
    QImage canvas(out.size, QImage::Format_RGB32);
    canvas.fill(Qt::black);
    for (int i = 0; i < gif->ImageCount; ++i) {
        const SavedImage &image = gif->SavedImages[i];
        for (int e = 0; e + 1 < image.ExtensionBlockCount; ++e) {
            const ExtensionBlock &block = image.ExtensionBlocks[e];
            if (block.Function == APPLICATION_EXT_FUNC_CODE && block.ByteCount == 11
                && std::memcmp(block.Bytes, "NETSCAPE2.0", 11) == 0) {
                const ExtensionBlock &data = image.ExtensionBlocks[e + 1];
                if (data.ByteCount >= 3 && data.Bytes[0] == 1)
                    out.loopCount = data.Bytes[1] | data.Bytes[2] << 8;
            }
        }
        GraphicsControlBlock gcb;
        if (DGifSavedExtensionToGCB(gif, i, &gcb) != GIF_OK)
            gcb = GraphicsControlBlock{DISPOSAL_UNSPECIFIED, false, 0, NO_TRANSPARENT_COLOR};
        out.delays.push_back(gcb.DelayTime);
        const GifImageDesc &d = image.ImageDesc;
        out.rects.emplace_back(d.Left, d.Top, d.Width, d.Height);
        const ColorMapObject *map = d.ColorMap ? d.ColorMap : gif->SColorMap;
        for (int y = 0; y < d.Height; ++y) {
            for (int x = 0; x < d.Width; ++x) {
                const int index = image.RasterBits[y * d.Width + x];
                if (index == gcb.TransparentColor || !map || index >= map->ColorCount)
                    continue;
                const GifColorType c = map->Colors[index];
                canvas.setPixel(d.Left + x, d.Top + y, qRgb(c.Red, c.Green, c.Blue));
            }
        }
        out.frames.push_back(canvas.copy());
    }
    DGifCloseFile(gif, &error);
    return out;
}

/// A smooth picture that moves with t: a colour field and a disc, as a boundary and points do.
QImage testFrame(int t, QSize size = QSize(96, 64))
{
    QImage image(size, QImage::Format_RGB32);
    for (int y = 0; y < size.height(); ++y) {
        for (int x = 0; x < size.width(); ++x) {
            const double u = double(x) / size.width();
            const double v = double(y) / size.height();
            image.setPixel(x, y, qRgb(int(40 + 180 * u), int(90 + 100 * v), int(160 + 60 * std::sin(3 * u + v + t * 0.3))));
        }
    }
    QPainter painter(&image);
    painter.setBrush(QColor(230, 140, 20));
    painter.setPen(Qt::black);
    painter.drawEllipse(QPointF(20 + 6 * t, 30), 8, 8);
    return image;
}

QString writeGif(const QString &path, const std::vector<QImage> &frames, GifSettings settings = {})
{
    GifWriter writer(path, settings);
    for (const QImage &frame : frames) {
        if (QString e = writer.addFrame(frame); !e.isEmpty())
            return e;
    }
    return writer.finish();
}

/// The largest difference of one channel, and the mean over all channels, between a and b.
std::pair<int, double> colourError(const QImage &a, const QImage &b)
{
    int worst = 0;
    double sum = 0;
    for (int y = 0; y < a.height(); ++y) {
        for (int x = 0; x < a.width(); ++x) {
            const QRgb p = a.pixel(x, y);
            const QRgb q = b.pixel(x, y);
            const int d[3] = {std::abs(qRed(p) - qRed(q)), std::abs(qGreen(p) - qGreen(q)), std::abs(qBlue(p) - qBlue(q))};
            worst = std::max({worst, d[0], d[1], d[2]});
            sum += d[0] + d[1] + d[2];
        }
    }
    return {worst, sum / (3.0 * a.width() * a.height())};
}

QByteArray sessionHash(const Session &session)
{
    return QCryptographicHash::hash(sessionToJson(session), QCryptographicHash::Sha256);
}

Session smallSession()
{
    Session session;
    session.config = defaultConfig();
    session.dataset = generateDataset(session.config.data);
    return session;
}

}  // namespace

class TestAnimation : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString path(const QString &name) const { return m_dir.filePath(name); }

private slots:
    void gifReadsBackWithGiflib()
    {
        std::vector<QImage> frames;
        for (int t = 0; t < 6; ++t)
            frames.push_back(testFrame(t));
        const QString file = path(QStringLiteral("round.gif"));
        QCOMPARE(writeGif(file, frames), QString());
        const DecodedGif gif = decodeGif(file);
        QCOMPARE(gif.error, QString());
        QCOMPARE(gif.size, QSize(96, 64));
        QCOMPARE(int(gif.frames.size()), 6);
        QCOMPARE(gif.loopCount, 0);  // forever
        for (int delay : gif.delays)
            QCOMPARE(delay, 10);  // 10 fps
        for (std::size_t i = 0; i < frames.size(); ++i) {
            const auto [worst, mean] = colourError(gif.frames[i], frames[i]);
            QVERIFY2(worst <= 40, qPrintable(QStringLiteral("frame %1: worst %2").arg(i).arg(worst)));
            QVERIFY2(mean <= 4.0, qPrintable(QStringLiteral("frame %1: mean %2").arg(i).arg(mean)));
        }
    }

    void sharedPaletteIsOneGlobalColourMap()
    {
        std::vector<QImage> frames;
        for (int t = 0; t < 4; ++t)
            frames.push_back(testFrame(t));
        const QString file = path(QStringLiteral("shared.gif"));
        GifSettings settings;
        settings.sharedPalette = true;
        QCOMPARE(writeGif(file, frames, settings), QString());
        int error = 0;
        GifFileType *gif = DGifOpenFileName(QFile::encodeName(file).constData(), &error);
        QVERIFY(gif);
        QCOMPARE(DGifSlurp(gif), GIF_OK);
        QVERIFY(gif->SColorMap);
        QCOMPARE(gif->SColorMap->ColorCount, 256);
        for (int i = 0; i < gif->ImageCount; ++i)
            QVERIFY(!gif->SavedImages[i].ImageDesc.ColorMap);
        DGifCloseFile(gif, &error);
        const DecodedGif decoded = decodeGif(file);
        QCOMPARE(int(decoded.frames.size()), 4);
        for (std::size_t i = 0; i < frames.size(); ++i)
            QVERIFY(colourError(decoded.frames[i], frames[i]).second <= 4.0);
    }

    void delaysKeepTheFrameRate()
    {
        std::vector<QImage> frames;
        for (int t = 0; t < 6; ++t)
            frames.push_back(testFrame(t));
        const QString file = path(QStringLiteral("fps30.gif"));
        QCOMPARE(writeGif(file, frames, GifSettings{.fps = 30}), QString());
        const DecodedGif gif = decodeGif(file);
        QCOMPARE(gif.delays, (std::vector<int>{3, 4, 3, 3, 4, 3}));  // 20 hundredths for 6 frames
    }

    void unchangedFramesLengthenTheOneBefore()
    {
        const std::vector<QImage> frames{testFrame(0), testFrame(0), testFrame(0), testFrame(1)};
        const QString file = path(QStringLiteral("still.gif"));
        GifWriter writer(file, GifSettings{});
        for (const QImage &frame : frames)
            QCOMPARE(writer.addFrame(frame), QString());
        QCOMPARE(writer.finish(), QString());
        QCOMPARE(writer.storedFrames(), 2);
        const DecodedGif gif = decodeGif(file);
        QCOMPARE(gif.delays, (std::vector<int>{30, 10}));
    }

    void deltaFramesStoreOnlyWhatChanged()
    {
        // A still background with a moving disc: each frame after the first stores the disc's
        // neighbourhood, not the picture.
        std::vector<QImage> frames;
        QImage background = testFrame(0, QSize(200, 150));
        for (int t = 0; t < 8; ++t) {
            QImage frame = background.copy();
            QPainter painter(&frame);
            painter.setBrush(QColor(20, 90, 200));
            painter.drawEllipse(QPointF(30 + 15 * t, 75), 10, 10);
            frames.push_back(frame);
        }
        const QString animation = path(QStringLiteral("delta.gif"));
        QCOMPARE(writeGif(animation, frames), QString());
        qint64 full = 0;
        for (std::size_t i = 0; i < frames.size(); ++i) {
            const QString single = path(QStringLiteral("full-%1.gif").arg(i));
            QCOMPARE(writeGif(single, {frames[i]}), QString());
            full += QFileInfo(single).size();
        }
        const qint64 delta = QFileInfo(animation).size();
        QVERIFY2(delta * 3 < full, qPrintable(QStringLiteral("delta %1 bytes, full frames %2").arg(delta).arg(full)));
        const DecodedGif gif = decodeGif(animation);
        QCOMPARE(gif.rects.front(), QRect(0, 0, 200, 150));
        for (std::size_t i = 1; i < gif.rects.size(); ++i)
            QVERIFY(gif.rects[i].width() * gif.rects[i].height() < 60 * 30);
        // What a viewer shows is still every frame.
        for (std::size_t i = 0; i < frames.size(); ++i)
            QVERIFY(colourError(gif.frames[i], frames[i]).second <= 4.0);
    }

    void ditheringKeepsGradientsFromBanding_data()
    {
        QTest::addColumn<int>("dithering");
        QTest::newRow("ordered") << int(Dithering::Ordered);
        QTest::newRow("floyd-steinberg") << int(Dithering::FloydSteinberg);
    }

    void ditheringKeepsGradientsFromBanding()
    {
        // Most of the picture holds colours from all over the RGB cube, so the palette has few
        // left for the smooth gradient of the bottom rows: undithered, it bands; dithered, a
        // local average follows the gradient.
        QImage image(320, 96, QImage::Format_RGB32);
        for (int y = 0; y < 80; ++y) {
            for (int x = 0; x < 320; ++x) {
                const unsigned h = (x * 73856093u) ^ (y * 19349663u);
                image.setPixel(x, y, qRgb(int(h % 251), int((h / 251) % 241), int((h / 60491) % 239)));
            }
        }
        for (int y = 80; y < 96; ++y) {
            for (int x = 0; x < 320; ++x)
                image.setPixel(x, y, qRgb(60 + x * 160 / 319, 110 + x * 120 / 319, 180 + x * 60 / 319));
        }
        auto measure = [&](Dithering dithering, int &distinct, int &longestRun, double &averageError) {
            const QString file = path(QStringLiteral("band-%1.gif").arg(int(dithering)));
            GifSettings settings;
            settings.dithering = dithering;
            QCOMPARE(writeGif(file, {image}, settings), QString());
            const QImage shown = decodeGif(file).frames.at(0);
            QSet<QRgb> colours;
            longestRun = 0;
            int run = 0;
            const int row = 88;
            for (int x = 0; x < 320; ++x) {
                colours.insert(shown.pixel(x, row));
                run = x > 0 && shown.pixel(x, row) == shown.pixel(x - 1, row) ? run + 1 : 1;
                longestRun = std::max(longestRun, run);
            }
            distinct = int(colours.size());
            // 8x8 block averages against the source's, over the gradient.
            averageError = 0;
            int blocks = 0;
            for (int by = 80; by + 8 <= 96; by += 8) {
                for (int bx = 0; bx + 8 <= 320; bx += 8) {
                    double d = 0;
                    for (int c = 0; c < 3; ++c) {
                        double a = 0, b = 0;
                        for (int y = by; y < by + 8; ++y) {
                            for (int x = bx; x < bx + 8; ++x) {
                                const QRgb p = shown.pixel(x, y);
                                const QRgb q = image.pixel(x, y);
                                a += c == 0 ? qRed(p) : c == 1 ? qGreen(p) : qBlue(p);
                                b += c == 0 ? qRed(q) : c == 1 ? qGreen(q) : qBlue(q);
                            }
                        }
                        d += std::abs(a - b) / 64;
                    }
                    averageError += d / 3;
                    ++blocks;
                }
            }
            averageError /= blocks;
        };
        int plainDistinct = 0, plainRun = 0, distinct = 0, run = 0;
        double plainError = 0, error = 0;
        measure(Dithering::None, plainDistinct, plainRun, plainError);
        QFETCH(int, dithering);
        measure(Dithering(dithering), distinct, run, error);
        qInfo("row of the gradient: undithered %d colours, longest run %d px, block error %.2f; dithered %d colours, "
              "longest run %d px, block error %.2f",
              plainDistinct, plainRun, plainError, distinct, run, error);
        QVERIFY(plainRun >= 16);  // the bands the dithering must hide
        QVERIFY(distinct >= 16);
        QVERIFY(run < plainRun);
        QVERIFY(error <= 0.8);
        QVERIFY(error * 2 < plainError);
    }

    void paletteIsExactForFewColours()
    {
        QImage image(40, 20, QImage::Format_RGB32);
        image.fill(qRgb(255, 255, 255));
        QPainter(&image).fillRect(0, 0, 20, 20, QColor(12, 34, 56));
        ColorHistogram histogram;
        histogram.add(image);
        const std::vector<QRgb> palette = histogram.palette();
        QCOMPARE(int(palette.size()), 2);
        PaletteMapper mapper(palette);
        const std::vector<std::uint8_t> indices = mapper.map(image, image.rect(), Dithering::Ordered);
        QCOMPARE(palette[indices.front()], qRgb(12, 34, 56));
        QCOMPARE(palette[indices.back()], qRgb(255, 255, 255));
        QCOMPARE(std::count(indices.begin(), indices.end(), indices.front()), 400);  // flat areas stay flat
    }

    void writeFailureNamesTheFile()
    {
        const QString file = path(QStringLiteral("missing/folder/run.gif"));
        GifWriter writer(file, GifSettings{});
        const QString error = writer.addFrame(testFrame(0));
        QVERIFY2(error.contains(QDir::toNativeSeparators(file)), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("No such file or directory")), qPrintable(error));
        QCOMPARE(writer.finish(), error);
        QVERIFY(!QFileInfo::exists(file));
    }

    void frameSizeMustNotChange()
    {
        const QString file = path(QStringLiteral("sizes.gif"));
        GifWriter writer(file, GifSettings{});
        QCOMPARE(writer.addFrame(testFrame(0)), QString());
        const QString error = writer.addFrame(testFrame(1, QSize(50, 50)));
        QVERIFY2(error.contains(QStringLiteral("frame 2 is 50x50 pixels, the first was 96x64")), qPrintable(error));
        QVERIFY(!QFileInfo::exists(file));  // nothing half-written is left
    }

    void pngSequenceNumbersItsFiles()
    {
        QCOMPARE(PngSequenceWriter::fileName(QStringLiteral("out/f-%04d.png"), 7), QStringLiteral("out/f-0007.png"));
        QCOMPARE(PngSequenceWriter::fileName(QStringLiteral("out/f%d.png"), 12), QStringLiteral("out/f12.png"));
        QCOMPARE(PngSequenceWriter::fileName(QStringLiteral("out"), 3), QStringLiteral("out/frame-0003.png"));
        PngSequenceWriter writer(path(QStringLiteral("pngs/")));
        for (int t = 0; t < 3; ++t)
            QCOMPARE(writer.addFrame(testFrame(t)), QString());
        QCOMPARE(writer.finish(), QString());
        QCOMPARE(writer.files().size(), 3);
        qint64 bytes = 0;
        for (int t = 0; t < 3; ++t) {
            const QString name = path(QStringLiteral("pngs/frame-%1.png").arg(t + 1, 4, 10, QLatin1Char('0')));
            QCOMPARE(writer.files()[t], name);
            QCOMPARE(QImage(name).convertToFormat(QImage::Format_RGB32), testFrame(t));  // lossless
            bytes += QFileInfo(name).size();
        }
        QCOMPARE(writer.totalBytes(), bytes);
    }

    void frameEpochsSpreadEvenly()
    {
        const std::vector<std::int64_t> all = animationFrameEpochs(0, 100, 0);
        QCOMPARE(int(all.size()), 101);
        QCOMPARE(all.back(), std::int64_t(100));
        QCOMPARE(animationFrameEpochs(5, 10, 3), (std::vector<std::int64_t>{5, 10, 15}));
        QCOMPARE(animationFrameEpochs(0, 3, 10), (std::vector<std::int64_t>{0, 1, 2, 3}));  // no repeats
        QCOMPARE(int(animationFrameEpochs(0, 100'000, 0).size()), AnimationSettings::kDefaultMaxFrames);
    }

    void recorderTrainsACopyAndLeavesTheSessionAlone()
    {
        const Session session = smallSession();
        const QByteArray before = sessionHash(session);
        AnimationSettings settings;
        settings.epochs = 20;
        settings.frames = 5;
        settings.figure.size = QSize(400, 300);
        settings.target = path(QStringLiteral("recorded.gif"));
        AnimationRecorder recorder;
        QSignalSpy progress(&recorder, &AnimationRecorder::progressChanged);
        QSignalSpy finished(&recorder, &AnimationRecorder::finished);
        recorder.start(session, settings);
        QVERIFY(finished.wait(60000));
        const auto result = finished.front().front().value<AnimationResult>();
        QCOMPARE(result.error, QString());
        QVERIFY(!result.cancelled);
        QCOMPARE(result.frames, 5);
        QCOMPARE(result.lastEpoch, std::int64_t(20));
        QCOMPARE(result.files, QStringList{settings.target});
        QCOMPARE(result.bytes, QFileInfo(settings.target).size());
        QVERIFY(!progress.isEmpty());
        QCOMPARE(progress.back().at(0).toInt(), 5);
        QCOMPARE(sessionHash(session), before);
        const DecodedGif gif = decodeGif(settings.target);
        QCOMPARE(gif.size, QSize(400, 300));
        QCOMPARE(int(gif.frames.size()), 5);  // training changes the boundary every frame
        // The first frame is the untrained state: what the synchronous recorder draws as well.
        settings.target = path(QStringLiteral("recorded-sync.gif"));
        const AnimationResult sync = recordAnimation(session, settings);
        QCOMPARE(sync.frames, 5);
        const DecodedGif again = decodeGif(settings.target);
        QCOMPARE(again.frames.front(), gif.frames.front());
        QCOMPARE(again.frames.back(), gif.frames.back());
    }

    void cancelStopsAndLeavesNothing()
    {
        AnimationSettings settings;
        settings.epochs = 1'000'000;
        settings.frames = 200;
        settings.figure.size = QSize(160, 120);
        settings.target = path(QStringLiteral("cancelled.gif"));
        AnimationRecorder recorder;
        QSignalSpy finished(&recorder, &AnimationRecorder::finished);
        connect(&recorder, &AnimationRecorder::progressChanged, &recorder, [&recorder] { recorder.cancel(); });
        recorder.start(smallSession(), settings);
        QVERIFY(finished.wait(60000));
        const auto result = finished.front().front().value<AnimationResult>();
        QVERIFY(result.cancelled);
        QVERIFY(result.frames < 200);
        QVERIFY(result.files.isEmpty());
        QVERIFY(!QFileInfo::exists(settings.target));
        QVERIFY(!recorder.isRunning());
    }

    void dialogRecordsFromTheWindowsSessionWithoutChangingIt()
    {
        Session start = smallSession();
        Document document;
        document.reset(start.config, start.dataset);
        TrainingController controller;
        controller.reset(start.config, start.dataset);
        controller.stepEpoch();
        auto windowSession = [&controller] {
            QSignalSpy ready(&controller, &TrainingController::sessionReady);
            const std::uint64_t request = controller.requestSession();
            while (ready.isEmpty() || ready.back().at(0).value<std::uint64_t>() != request) {
                if (!ready.wait(30000))
                    qFatal("no session from the worker");
            }
            Session session = ready.back().at(1).value<Session>();
            return sessionHash(session);
        };
        const QByteArray documentBefore = sessionHash({document.config(), document.dataset(), std::nullopt});
        const QByteArray workerBefore = windowSession();

        AnimationDialog dialog(&controller, {});
        AnimationSettings settings = dialog.settings();
        QCOMPARE(settings.view, QStringLiteral("boundary"));
        QCOMPARE(settings.format, AnimationFormat::Gif);
        settings.epochs = 10;
        settings.frames = 3;
        settings.figure.size = QSize(400, 300);
        settings.target = path(QStringLiteral("dialog.gif"));
        dialog.setSettings(settings);
        QSignalSpy recorded(&dialog, &AnimationDialog::recorded);
        dialog.findChild<QPushButton *>(QStringLiteral("animationRecord"))->click();
        QVERIFY(dialog.isRecording());
        QVERIFY(recorded.wait(60000));
        const auto result = recorded.front().front().value<AnimationResult>();
        QCOMPARE(result.frames, 3);
        QCOMPARE(result.lastEpoch, std::int64_t(11));  // from the window's epoch 1
        QCOMPARE(result.bytes, QFileInfo(settings.target).size());
        QCOMPARE(int(decodeGif(settings.target).frames.size()), 3);
        // The next recording is offered the same choices.
        const AnimationSettings again = AnimationDialog(&controller, {}).settings();
        QCOMPARE(again.epochs, std::int64_t(10));
        QCOMPARE(again.frames, 3);
        QCOMPARE(again.figure.size, QSize(400, 300));
        QCOMPARE(again.target, settings.target);

        QCOMPARE(sessionHash({document.config(), document.dataset(), std::nullopt}), documentBefore);
        QCOMPARE(windowSession(), workerBefore);
    }

    void dialogCancelStopsTheRecording()
    {
        Session start = smallSession();
        TrainingController controller;
        controller.reset(start.config, start.dataset);
        AnimationDialog dialog(&controller, {});
        AnimationSettings settings = dialog.settings();
        settings.epochs = 1'000'000;
        settings.frames = 1000;
        settings.figure.size = QSize(320, 240);
        settings.target = path(QStringLiteral("dialog-cancelled.gif"));
        dialog.setSettings(settings);
        dialog.show();
        QSignalSpy recorded(&dialog, &AnimationDialog::recorded);
        QSignalSpy rejected(&dialog, &QDialog::rejected);
        auto *progress = dialog.findChild<QProgressBar *>(QStringLiteral("animationProgress"));
        dialog.record();
        QVERIFY(progress->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(progress->value() >= 1, 60000);  // a frame is written
        dialog.reject();                                         // the dialog's Cancel
        QVERIFY(dialog.isVisible());                             // until the recorder has stopped
        QVERIFY(rejected.wait(60000));
        QVERIFY(!dialog.isRecording());
        QVERIFY(recorded.isEmpty());
        QVERIFY(!QFileInfo::exists(settings.target));
    }

    void commandLineWritesAGifAndPngs()
    {
        QProcess cli;
        cli.start(QStringLiteral(NP_CLI_PATH),
                  {QStringLiteral("figure"), QStringLiteral("--animate"), QStringLiteral("12"), QStringLiteral("--frames"),
                   QStringLiteral("4"), QStringLiteral("--fps"), QStringLiteral("5"), QStringLiteral("--size"),
                   QStringLiteral("240x180"), QStringLiteral("-o"), path(QStringLiteral("cli.gif"))});
        QVERIFY(cli.waitForFinished(120000));
        const QString out = QString::fromUtf8(cli.readAllStandardOutput());
        QCOMPARE(cli.exitCode(), 0);
        const qint64 bytes = QFileInfo(path(QStringLiteral("cli.gif"))).size();
        QVERIFY2(out.contains(QStringLiteral(": 4 frames, epochs to 12, %1 bytes").arg(bytes)), qPrintable(out));
        const DecodedGif gif = decodeGif(path(QStringLiteral("cli.gif")));
        QCOMPARE(gif.size, QSize(240, 180));
        QCOMPARE(int(gif.frames.size()), 4);
        QCOMPARE(gif.delays.front(), 20);

        cli.start(QStringLiteral(NP_CLI_PATH),
                  {QStringLiteral("figure"), QStringLiteral("--animate"), QStringLiteral("3"), QStringLiteral("--view"),
                   QStringLiteral("loss"), QStringLiteral("--size"), QStringLiteral("200x150"), QStringLiteral("-o"),
                   path(QStringLiteral("seq/loss-%03d.png"))});
        QVERIFY(cli.waitForFinished(120000));
        QCOMPARE(cli.exitCode(), 0);
        const QStringList files = QDir(path(QStringLiteral("seq"))).entryList(QDir::Files, QDir::Name);
        QCOMPARE(files, (QStringList{QStringLiteral("loss-001.png"), QStringLiteral("loss-002.png"),
                                     QStringLiteral("loss-003.png"), QStringLiteral("loss-004.png")}));
        QCOMPARE(QImage(path(QStringLiteral("seq/loss-004.png"))).size(), QSize(200, 150));

        cli.start(QStringLiteral(NP_CLI_PATH), {QStringLiteral("figure"), QStringLiteral("--animate"), QStringLiteral("3"),
                                                QStringLiteral("-o"), path(QStringLiteral("run.mp4"))});
        QVERIFY(cli.waitForFinished(120000));
        QCOMPARE(cli.exitCode(), 2);
        QVERIFY(QString::fromUtf8(cli.readAllStandardError()).contains(QStringLiteral("writes a .gif, a folder or a pattern")));

        cli.start(QStringLiteral(NP_CLI_PATH), {QStringLiteral("figure"), QStringLiteral("--animate"), QStringLiteral("3"),
                                                QStringLiteral("--scale"), QStringLiteral("2"), QStringLiteral("-o"),
                                                path(QStringLiteral("scaled.gif"))});
        QVERIFY(cli.waitForFinished(120000));
        QCOMPARE(cli.exitCode(), 2);
        QVERIFY(QString::fromUtf8(cli.readAllStandardError()).contains(QStringLiteral("--scale is for still figures")));

        cli.start(QStringLiteral(NP_CLI_PATH), {QStringLiteral("figure"), QStringLiteral("--animate"), QStringLiteral("3"),
                                                QStringLiteral("-o"), path(QStringLiteral("no/such/folder/run.gif"))});
        QVERIFY(cli.waitForFinished(120000));
        QCOMPARE(cli.exitCode(), 1);
        const QString error = QString::fromUtf8(cli.readAllStandardError());
        QVERIFY2(error.contains(QStringLiteral("run.gif")) && error.contains(QStringLiteral("No such file or directory")),
                 qPrintable(error));
    }
};

QTEST_MAIN(TestAnimation)
#include "test_animation.moc"
