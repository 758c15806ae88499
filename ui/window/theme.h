#pragma once

#include <QObject>

class QActionGroup;
class QMenu;

namespace np {

/// The application's palette: "system" (the platform's own), "light" or "dark" (both Fusion).
void applyTheme(const QString &theme);

/// View › Theme: System, Light and Dark (actions named theme-system, theme-light, theme-dark).
/// The choice is applied at once and kept in the settings.
class ThemeMenu : public QObject
{
    Q_OBJECT

public:
    /// Adds the submenu to `view`.
    explicit ThemeMenu(QMenu *view);
    /// Applies the theme kept in the settings (the system's at first) and checks its entry.
    void restore();

signals:
    /// A theme was applied: colours computed from the palette need computing again.
    void changed();

private:
    void choose(const QString &theme);

    QActionGroup *m_group;
};

}  // namespace np
