// A picture drawn in steps: the same pixels as drawn at once, a request while drawing drawn after,
// a paint finishing it, a paint showing the last picture while the next is drawn, none begun while
// hidden, a stale picture shown once, drop() forgetting it, a sub-rect translated.

#include "steppedpicture.h"

#include <QPainter>
#include <QSignalSpy>
#include <QTimer>
#include <QWidget>
#include <QtTest>

#include <cmath>

using namespace np;

namespace {

constexpr int kSteps = 5;

// Step i: a coloured bar and a line of text, so both shapes and text measurement take part.
bool drawBar(QPainter &painter, int step)
{
    painter.fillRect(QRect(10 + 20 * step, 10, 15, 60), QColor::fromHsv(60 * step, 200, 200));
    painter.setPen(Qt::black);
    painter.drawText(QPointF(10, 90 + 12 * step), QStringLiteral("step %1").arg(step));
    return step + 1 < kSteps;
}

QImage drawnAtOnce(QWidget &widget)
{
    const qreal dpr = widget.devicePixelRatioF();
    QImage image(int(std::ceil(widget.width() * dpr)), int(std::ceil(widget.height() * dpr)), QImage::Format_RGB32);
    image.setDevicePixelRatio(dpr);
    image.setDotsPerMeterX(int(std::lround(widget.logicalDpiX() / 0.0254)));
    image.setDotsPerMeterY(int(std::lround(widget.logicalDpiY() / 0.0254)));
    QPainter painter(&image);
    painter.setFont(widget.font());
    painter.fillRect(widget.rect(), widget.palette().color(QPalette::Base));
    for (int step = 0; drawBar(painter, step); ++step) {
    }
    return image;
}

}  // namespace

class TestSteppedPicture : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_widget = std::make_unique<QWidget>();
        m_widget->resize(160, 160);
        m_again = 0;
        m_picture = std::make_unique<SteppedPicture>(m_widget.get(), QStringLiteral("testStep"), [this] { ++m_again; });
        m_timer = m_widget->findChild<QTimer *>(QStringLiteral("testStep"));
        QVERIFY(m_timer);
    }

    void cleanup()
    {
        m_picture.reset();
        m_widget.reset();
    }

    void stepsEqualOneDrawing()
    {
        m_picture->begin(m_widget->rect());
        int steps = 0;
        m_picture->run([&steps](QPainter &painter, int step) {
            ++steps;
            return drawBar(painter, step);
        });
        QVERIFY(m_picture->drawing());
        QVERIFY(m_picture->image().isNull());  // nothing shown before it is complete
        QSignalSpy ticks(m_timer, &QTimer::timeout);
        QTRY_VERIFY(!m_picture->drawing());
        QCOMPARE(steps, kSteps);
        QCOMPARE(ticks.count(), kSteps);  // one step per turn of the event loop
        QVERIFY(m_picture->upToDate());
        QVERIFY(m_picture->fits());
        QCOMPARE(m_picture->rect(), m_widget->rect());
        QCOMPARE(m_picture->image(), drawnAtOnce(*m_widget));
        QCOMPARE(m_again, 0);
    }

    void finishDrawsToTheEnd()
    {
        m_picture->begin(m_widget->rect());
        m_picture->run(drawBar);
        m_picture->finish();
        QVERIFY(!m_picture->drawing());
        QCOMPARE(m_picture->image(), drawnAtOnce(*m_widget));
    }

    void requestWhileDrawingIsDrawnAfter()
    {
        QVERIFY(!m_picture->drawAgainAfter());  // nothing being drawn: nothing to wait for
        m_picture->begin(m_widget->rect());
        m_picture->run(drawBar);
        m_picture->changed();  // a new frame came
        QVERIFY(m_picture->drawAgainAfter());
        m_picture->finish();
        QVERIFY(m_picture->drawing());  // another is due after it: a paint does not finish it
        QTRY_VERIFY(!m_picture->drawing());
        QCOMPARE(m_again, 1);
        // A revision behind, shown once since the next is on its way.
        QVERIFY(!m_picture->upToDate());
        QVERIFY(m_picture->current());
        m_picture->shown();
        QVERIFY(!m_picture->current());
        QVERIFY(m_picture->fits());
    }

    void paintShowsTheLastPictureWhileTheNextIsDrawn()
    {
        // A stream of frames: a picture completes a revision behind and the next begins at once
        // (as the view's `again` does). The paint that follows shows the one just completed and
        // leaves the next to its steps: drawing it inside the paint would stall the GUI thread.
        const auto drawFilled = [](QColor colour) {
            return [colour](QPainter &painter, int step) {
                painter.fillRect(QRect(0, 0, 160, 160), colour);
                return step + 1 < kSteps;
            };
        };
        m_picture->begin(m_widget->rect());
        m_picture->run(drawFilled(Qt::red));
        m_picture->changed();  // a new frame came while it was drawn
        QVERIFY(m_picture->drawAgainAfter());
        QTRY_VERIFY(!m_picture->drawing());
        QCOMPARE(m_again, 1);
        m_picture->begin(m_widget->rect());  // the next, for the new frame
        m_picture->run(drawFilled(Qt::blue));
        QVERIFY(m_picture->showFor(m_widget->rect()));
        QVERIFY(m_picture->drawing());  // not finished by the paint
        QCOMPARE(m_picture->image().pixel(5, 5), QColor(Qt::red).rgb());
        // Shown once: a second paint before the next completes finishes it, so it never shows
        // the older frame again.
        QVERIFY(m_picture->showFor(m_widget->rect()));
        QVERIFY(!m_picture->drawing());
        QVERIFY(m_picture->upToDate());
        QCOMPARE(m_picture->image().pixel(5, 5), QColor(Qt::blue).rgb());
        // Nothing that covers the area: the widget draws it directly.
        QVERIFY(!m_picture->showFor(QRect(0, 0, 400, 400)));
    }

    void beginsOnlyWhenShownAndIdle()
    {
        QVERIFY(!m_picture->mayBegin(m_widget->rect()));  // hidden: drawn directly when shown
        m_widget->show();
        QVERIFY(!m_picture->mayBegin(QRect()));
        QVERIFY(m_picture->mayBegin(m_widget->rect()));
        m_picture->begin(m_widget->rect());
        m_picture->run(drawBar);
        QVERIFY(!m_picture->mayBegin(m_widget->rect()));  // being drawn: drawn again after
        QTRY_COMPARE(m_again, 1);
    }

    void dropForgets()
    {
        m_picture->begin(m_widget->rect());
        m_picture->run(drawBar);
        m_picture->finish();
        QVERIFY(m_picture->fits());
        m_picture->begin(m_widget->rect());
        m_picture->run(drawBar);
        QVERIFY(m_picture->drawAgainAfter());
        m_picture->drop();
        QVERIFY(!m_picture->drawing());
        QVERIFY(m_picture->image().isNull());
        QVERIFY(!m_picture->fits());
        QVERIFY(!m_picture->covers(QRect(0, 0, 1, 1)));
        QVERIFY(!m_timer->isActive());
        QCOMPARE(m_again, 0);  // the request was dropped with it
    }

    void subRectIsTranslated()
    {
        const QRect area(40, 30, 50, 40);
        m_picture->begin(area);
        m_picture->run([](QPainter &painter, int) {
            painter.fillRect(QRect(40, 30, 10, 10), Qt::red);  // widget coordinates
            return false;
        });
        m_picture->finish();
        QCOMPARE(m_picture->rect(), area);
        const qreal dpr = m_widget->devicePixelRatioF();
        QCOMPARE(m_picture->image().size(), QSize(int(std::ceil(50 * dpr)), int(std::ceil(40 * dpr))));
        QCOMPARE(m_picture->image().pixel(0, 0), QColor(Qt::red).rgb());
        QCOMPARE(m_picture->image().pixel(m_picture->image().width() - 1, m_picture->image().height() - 1),
                 m_widget->palette().color(QPalette::Base).rgb());
        QVERIFY(m_picture->covers(QRect(50, 40, 10, 10)));
        QVERIFY(!m_picture->covers(QRect(0, 0, 10, 10)));
        QVERIFY(!m_picture->fits());  // not the whole widget
    }

private:
    std::unique_ptr<QWidget> m_widget;
    std::unique_ptr<SteppedPicture> m_picture;
    QTimer *m_timer = nullptr;
    int m_again = 0;
};

QTEST_MAIN(TestSteppedPicture)
#include "test_steppedpicture.moc"
