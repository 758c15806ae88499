#pragma once

#include <QFrame>

class QLabel;

namespace np {

/// A strip above the plane that says something the user must not miss (training diverged and
/// why, the network was re-initialised), without a modal dialog in the middle of a lesson.
class MessageBanner : public QFrame
{
    Q_OBJECT

public:
    enum Kind { Information, Warning };

    explicit MessageBanner(QWidget *parent = nullptr);

    void showMessage(const QString &text, Kind kind);
    QString text() const;

private:
    QLabel *m_label;
};

}  // namespace np
