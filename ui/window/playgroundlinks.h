#pragma once

#include <QObject>
#include <QString>

class QAction;
class QMainWindow;
class QMenu;
class QWidget;

namespace np {

class Document;
class LessonRunner;
class SessionFiles;

/// TensorFlow Playground links in the window: File › Open Link… (a paste field, prefilled from
/// the clipboard), Ctrl+V on the plane and a URL dropped onto the window open one as the same
/// experiment; File › Copy as TensorFlow Playground Link gives one back, or says which setting
/// prevents it. A link that hides controls starts as a lesson that locks them.
class PlaygroundLinks : public QObject
{
    Q_OBJECT

public:
    /// `plane` is where Ctrl+V pastes a link.
    PlaygroundLinks(QMainWindow *window, Document *document, SessionFiles *files, LessonRunner *lessons,
                    QWidget *plane);

    /// Puts Open Link… and Copy as TensorFlow Playground Link into the menu that holds `before`
    /// (File › Save), just above it.
    void addToMenuBefore(QAction *before);

    /// Opens a link: on success the window shows its session (after unsaved work is safe) and
    /// true is returned; otherwise an error box names the problem and nothing changes.
    bool openLink(const QString &url);
    /// The dialog with the paste field; returns it (open, window-modal, deleted when closed).
    QWidget *openLinkWithDialog();
    /// Copies the link for the document's settings to the clipboard and returns it; when they
    /// cannot be expressed, returns empty and says why (error text in lastError()).
    QString copyLink();
    QString lastError() const { return m_lastError; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QMainWindow *m_window;
    Document *m_document;
    SessionFiles *m_files;
    LessonRunner *m_lessons;
    QWidget *m_plane;
    QString m_lastError;
};

/// A link in the clipboard or in dropped text, or empty.
QString playgroundLinkIn(const QString &text);

}  // namespace np
