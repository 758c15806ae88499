#pragma once

#include <QElapsedTimer>
#include <QtGlobal>

#include <functional>

class QObject;
class QTimer;

namespace np {

/// Spaces a view's redraws while data streams in: at most one per interval after the last paint,
/// and the last data always gets its redraw (a timer brings it when the interval is up). For the
/// plots of the training history, which get new rows with every 60 Hz snapshot: the loss plot
/// redraws at most 30 times a second, the gradient health view ten times.
class RepaintPacer
{
public:
    /// `redraw` is called when a redraw is due; the timer is a child of `owner`.
    RepaintPacer(QObject *owner, int intervalMs, std::function<void()> redraw);

    /// New data: redraws now if the last paint is an interval old (or there was none), else once
    /// it is; data that comes meanwhile waits for that redraw.
    void request();
    /// The view painted (from its paintEvent): the interval starts now.
    void painted();
    /// A redraw waits for the interval to end.
    bool pending() const;

    /// Milliseconds on a steady clock; tests set their own.
    void setClock(std::function<qint64()> milliseconds) { m_clock = std::move(milliseconds); }

private:
    qint64 nowMs() const { return m_clock ? m_clock() : m_steady.elapsed(); }

    int m_intervalMs;
    std::function<void()> m_redraw;
    QTimer *m_timer;
    QElapsedTimer m_steady;
    std::function<qint64()> m_clock;
    qint64 m_paintedMs = 0;  ///< when the last paint began
    bool m_painted = false;
};

}  // namespace np
