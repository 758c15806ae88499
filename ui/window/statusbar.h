#pragma once

#include <QStatusBar>

namespace np {

/// The window's status bar: a passing message that would run into the permanent read-out on
/// its right ends in "…" (whole in the tooltip) instead of being cut mid-word under it.
class StatusBar : public QStatusBar
{
    Q_OBJECT

public:
    explicit StatusBar(QWidget *parent = nullptr);

    /// The message as drawn: elided to the room left of the permanent widgets.
    QString shownMessage() const;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QRect messageRect() const;
};

}  // namespace np
