#pragma once

#include "presentationmode.h"

#include <QByteArray>
#include <QObject>
#include <QSize>

class QMainWindow;
class QSettings;

namespace np {

/// Where the window and its docks are: the default layout (sized in proportion to the window),
/// View › Reset Layout, and the layout kept in the settings. A layout is kept per screen size
/// and carries kVersion, so one saved by another version (other docks) or for another screen is
/// never restored; the window's saved geometry is used only when it lies on the screen. In each
/// of those cases the window opens at its default size and layout.
class WindowLayout : public QObject
{
    Q_OBJECT

public:
    /// The version saveState/restoreState carry: raise it when the docks change.
    static constexpr int kVersion = 3;
    static_assert(kVersion == PresentationMode::kStateVersion);

    explicit WindowLayout(QMainWindow *window);

    /// Remembers the docks and toolbars as built, before any saved layout is restored.
    void captureDefault();
    /// Restores geometry and docks kept for this screen size, or the defaults.
    void restore(QSettings &settings);
    /// Keeps `geometry` and `state` (saveGeometry/saveState, possibly from before presentation)
    /// for this screen size.
    void save(QSettings &settings, const QByteArray &geometry, const QByteArray &state) const;
    /// The docks and toolbars as a fresh start has them, sized for the present window.
    void reset();
    /// Nearly the whole screen (95% of a small one, 90% of a large one, at most 2400x1500).
    QSize defaultSize() const;
    /// The settings group for this screen ("layout/1280x800").
    QString settingsGroup() const;

private:
    void applyDefaultSizes();
    bool geometryFitsScreen() const;

    QMainWindow *m_window;
    QByteArray m_default;
};

}  // namespace np
