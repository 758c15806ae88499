#pragma once

#include <QImage>
#include <QPainter>
#include <QRect>

#include <cstdint>
#include <functional>
#include <memory>

class QTimer;
class QWidget;

namespace np {

/// A widget's picture drawn off-screen in short steps, one per turn of the event loop, so no paint
/// holds the GUI thread for a long drawing; the widget shows it once complete.
///
/// The view begins a picture of (a part of) itself, then hands over a function that draws step i
/// from a snapshot of its state and says whether more steps follow. A request while a picture is
/// being drawn is drawn again after (through the `again` callback given at construction). The
/// complete picture keeps the revision of the content it was drawn for; changed() makes it stale.
class SteppedPicture
{
public:
    /// Draws step `step` (0, 1, ...) into the picture; false when it was the last.
    using Draw = std::function<bool(QPainter &painter, int step)>;

    /// `timerName` names the step timer (benchmarks time the steps by it); `again` is called once a
    /// picture is complete when another was requested while it was drawn.
    SteppedPicture(QWidget *widget, const QString &timerName, std::function<void()> again);
    ~SteppedPicture();
    SteppedPicture(const SteppedPicture &) = delete;
    SteppedPicture &operator=(const SteppedPicture &) = delete;

    /// The content changed: what is complete is behind (one more revision).
    void changed();
    std::uint64_t revision() const { return m_revision; }

    /// If a picture is being drawn, draws again once it is complete and returns true.
    bool drawAgainAfter();
    bool drawing() const { return bool(m_drawing); }

    /// Whether to begin a picture of `area` now: not while one is being drawn (it is drawn again
    /// after), nor of a hidden widget or an empty area (the widget is updated: drawn directly when shown).
    bool mayBegin(const QRect &area);
    /// Begins a picture of `area` (widget coordinates) for the current revision: an image of
    /// area × the device pixel ratio at the widget's resolution, its font set, the area filled with
    /// the palette's Base, the painter translated so it draws in widget coordinates. Then run().
    QPainter &begin(const QRect &area);
    /// Draws the picture begun, one step per turn of the event loop.
    void run(Draw draw);
    /// Draws the picture being drawn to the end now (a paint that must show the newest frame),
    /// unless another is already requested after it.
    void finish();
    /// For the widget's paint of `area`: whether image() shows it (else the widget draws directly).
    /// A current picture is shown as it is while the next one goes on in steps (finishing that one
    /// here would put a whole drawing into the paint that was only to show the last); without one,
    /// the picture being drawn is finished first, so a paint never shows an older frame than the
    /// screen has. What there is counts as shown.
    bool showFor(const QRect &area);
    /// Forgets the picture being drawn and the complete one (size, font or look changed).
    void drop();

    /// The last complete picture, the part of the widget it shows and the revision it was drawn for.
    const QImage &image() const { return m_image; }
    QRect rect() const { return m_rect; }
    /// The complete picture was drawn for the current revision.
    bool upToDate() const { return m_drawnRevision == m_revision; }
    /// Up to date, or a revision behind but to be shown once since the next is on its way (a
    /// stream of frames faster than the drawing would otherwise never be shown).
    bool current() const { return upToDate() || m_showStale; }
    /// A paint showed what there is: a stale picture is not shown again.
    void shown() { m_showStale = false; }
    /// There is a complete picture at the widget's device pixel ratio the pixel size of the widget.
    bool fits() const;
    /// There is a complete picture at the widget's device pixel ratio that shows all of `area`.
    bool covers(const QRect &area) const;

private:
    struct Drawing;
    void step();
    QSize pixels(const QSize &size) const;

    QWidget *m_widget;
    std::function<void()> m_again;
    QTimer *m_timer;
    std::unique_ptr<Drawing> m_drawing;
    QImage m_image;
    QImage m_spare;  ///< the picture before, its memory reused (fresh memory faults in slowly)
    QRect m_rect;
    std::uint64_t m_revision = 0;       ///< of the content: one more per change
    std::uint64_t m_drawnRevision = 0;  ///< of m_image
    bool m_drawAgain = false;           ///< a request came while drawing: draw again after
    bool m_showStale = false;           ///< the picture just finished is a revision behind: show it once
};

}  // namespace np
