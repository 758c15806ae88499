#pragma once

#include <QFrame>
#include <QList>
#include <QString>

#include <functional>

class QGridLayout;
class QHBoxLayout;
class QLabel;
class QUrl;

namespace np {

/// A button on the banner: its text, an objectName for tests and lessons, and what it does.
/// Pressing it runs `run` and dismisses the banner.
struct BannerAction
{
    QString text;
    QString name;
    std::function<void()> run;
    QString toolTip = {};
};

/// A strip above the plane that says something the user must not miss (training diverged and
/// why, the network was re-initialised, a lesson replaced the user's points), without a modal
/// dialog in the middle of a lesson. It may offer buttons (Undo, Show in Folder, Rescale).
///
/// Information goes away by itself after a few seconds (longer when it offers buttons);
/// warnings and errors stay until dismissed or replaced. The wait goes through a scheduler that
/// tests replace, so they need no sleeps.
///
/// Controls by objectName: "messageBanner" (this), "bannerText", "bannerClose", and one button
/// per action named by BannerAction::name.
class MessageBanner : public QFrame
{
    Q_OBJECT

public:
    enum Kind { Information, Warning, Error };

    /// Calls `timeout` after `ms` milliseconds (unless `context` is gone by then).
    using Scheduler = std::function<void(int ms, QObject *context, std::function<void()> timeout)>;

    /// How long information stays: plain, and with buttons to press.
    static constexpr int kInformationMs = 6000;
    static constexpr int kInformationWithActionsMs = 20000;

    explicit MessageBanner(QWidget *parent = nullptr);

    /// Shows the message, replacing the one showing, except that information does not push
    /// aside a warning or error still waiting for an answer (one with buttons): false then.
    bool showMessage(const QString &text, Kind kind, const QList<BannerAction> &actions = {});
    /// Information that something was written to `path`, with "Show in Folder" (objectName
    /// "showInFolder"), which opens the file's folder through the opener.
    void showWritten(const QString &text, const QString &path);
    QString text() const;
    Kind kind() const { return m_kind; }
    /// Hides the banner (the ✕ button).
    void dismiss();

    /// Replaces QTimer::singleShot (tests); null restores it.
    void setScheduler(Scheduler scheduler);
    /// Opens a folder (the default asks the desktop, QDesktopServices::openUrl); tests record it.
    using Opener = std::function<bool(const QUrl &url)>;
    void setOpener(Opener opener);

protected:
    void resizeEvent(QResizeEvent *event) override;

signals:
    /// The banner was hidden by the user, a button, or its timeout.
    void dismissed();

private:
    void clearActions();
    /// The buttons beside the text when both fit on one line, else on a line of their own:
    /// the banner sits above the plane, and every line it takes is the plane's.
    void placeButtons();

    QLabel *m_label;
    QWidget *m_buttonBox;
    QHBoxLayout *m_buttons;
    QGridLayout *m_grid;
    QWidget *m_close;
    Kind m_kind = Information;
    Scheduler m_scheduler;
    Opener m_opener;
    bool m_hasActions = false;
    quint64 m_shown = 0;  // counts messages, so a timeout hides only the message it was set for
};

/// The window's banner (the one MessageBanner under it), or null.
MessageBanner *findMessageBanner(QWidget *window);

}  // namespace np
