#pragma once

#include <QString>
#include <QWidget>

namespace np {

/// One line of text for a read-out that changes many times a second (epoch, loss, speed).
///
/// A QLabel asks its parent's layout to recompute on every new text; in the status bar that
/// laid out the whole main window, docks and all, on every frame. This label asks only when the
/// room its text needs grows, or falls below two thirds of what it has, so within those bounds
/// new numbers change neither its place nor its neighbours' (which also keeps them from
/// jittering). Where the layout gives it less than its text needs, the text is elided.
class SteadyLabel : public QWidget
{
    Q_OBJECT

public:
    explicit SteadyLabel(QWidget *parent = nullptr);

    QString text() const { return m_text; }
    /// Shows `text`, plain, resizing only as described above.
    void setReading(const QString &text);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    int neededWidth() const;

    QString m_text;
    int m_width = 0;  // what the layout is asked for
};

}  // namespace np
