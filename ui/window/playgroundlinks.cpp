#include "playgroundlinks.h"

#include "errorbox.h"
#include "lessonrunner.h"
#include "sessionfiles.h"

#include "document.h"
#include "session/playgroundlink.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMainWindow>
#include <QMenu>
#include <QMimeData>
#include <QPushButton>
#include <QStatusBar>
#include <QVBoxLayout>

namespace np {

QString playgroundLinkIn(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.contains(QLatin1Char('\n')) || !looksLikePlaygroundLink(trimmed.toStdString()))
        return {};
    return trimmed;
}

PlaygroundLinks::PlaygroundLinks(QMainWindow *window, Document *document, SessionFiles *files, LessonRunner *lessons,
                                 QWidget *plane)
    : QObject(window)
    , m_window(window)
    , m_document(document)
    , m_files(files)
    , m_lessons(lessons)
    , m_plane(plane)
{
    setObjectName(QStringLiteral("playgroundLinks"));
    window->setAcceptDrops(true);
    window->installEventFilter(this);
    if (plane)
        plane->installEventFilter(this);
}

void PlaygroundLinks::addToMenuBefore(QAction *before)
{
    auto *open = new QAction(tr("Open &Link…"), m_window);
    open->setObjectName(QStringLiteral("openLink"));
    open->setShortcut(QKeySequence(tr("Ctrl+Shift+O")));
    open->setStatusTip(tr("Open a TensorFlow Playground link as the same experiment"));
    connect(open, &QAction::triggered, this, [this] { openLinkWithDialog(); });
    auto *copy = new QAction(tr("Copy as TensorFlow &Playground Link"), m_window);
    copy->setObjectName(QStringLiteral("copyPlaygroundLink"));
    copy->setStatusTip(tr("Copy a link that opens these settings in TensorFlow Playground"));
    connect(copy, &QAction::triggered, this, [this] { copyLink(); });
    m_window->addActions({open, copy});  // the shortcut works with the menu bar hidden too
    for (QObject *owner : before->associatedObjects())
        if (auto *menu = qobject_cast<QMenu *>(owner))
            menu->insertActions(before, {open, copy});
}

bool PlaygroundLinks::openLink(const QString &url)
{
    PlaygroundLink link;
    std::string error = parsePlaygroundLink(url.toStdString(), link);
    Session session;
    if (error.empty())
        error = playgroundSession(link, session);
    if (!error.empty()) {
        m_lastError = QString::fromStdString(error);
        showError(m_window, tr("Cannot open the link"), m_lastError);
        return false;
    }
    m_lastError.clear();
    const std::vector<std::string> locks = playgroundLocks(link);
    if (!locks.empty() && m_lessons) {
        // Hidden controls: a lesson locks them and its note says why (no question asked).
        m_lessons->start(playgroundLesson(link, session), 0);
        // Short enough for the status bar at 1280 px; the lesson's text has the whole note.
        m_window->statusBar()->showMessage(tr("Opened the TensorFlow Playground link; the controls it hides are locked."),
                                           15000);
        return true;
    }
    m_files->whenUnsavedWorkIsSafe([this, session] {
        m_files->startScratch(session);
        m_window->statusBar()->showMessage(tr("Opened the TensorFlow Playground link: %1 training and %2 test points")
                                               .arg(session.dataset.trainCount())
                                               .arg(session.dataset.validationCount()),
                                           8000);
    });
    return true;
}

QWidget *PlaygroundLinks::openLinkWithDialog()
{
    auto *dialog = new QDialog(m_window);
    dialog->setObjectName(QStringLiteral("openLinkDialog"));
    dialog->setWindowTitle(tr("Open TensorFlow Playground Link"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    auto *layout = new QVBoxLayout(dialog);
    auto *text = new QLabel(tr("Paste a link from playground.tensorflow.org. It opens as the same experiment: "
                               "the same points, the same initial weights and its training rules. Controls the "
                               "link hides are locked."),
                            dialog);
    text->setWordWrap(true);
    layout->addWidget(text);
    auto *field = new QLineEdit(dialog);
    field->setObjectName(QStringLiteral("linkField"));
    field->setPlaceholderText(QStringLiteral("https://playground.tensorflow.org/#activation=tanh&…&seed=0.47583"));
    field->setClearButtonEnabled(true);
    field->setText(playgroundLinkIn(QApplication::clipboard()->text()));
    field->setMinimumWidth(520);
    layout->addWidget(field);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Open | QDialogButtonBox::Cancel, dialog);
    QPushButton *openButton = buttons->button(QDialogButtonBox::Open);
    openButton->setEnabled(!field->text().trimmed().isEmpty());
    connect(field, &QLineEdit::textChanged, openButton,
            [openButton](const QString &t) { openButton->setEnabled(!t.trimmed().isEmpty()); });
    connect(buttons, &QDialogButtonBox::accepted, dialog, [this, dialog, field] {
        if (openLink(field->text()))
            dialog->accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    layout->addWidget(buttons);
    dialog->adjustSize();
    dialog->open();
    return dialog;
}

QString PlaygroundLinks::copyLink()
{
    Session session{m_document->config(), m_document->dataset(), std::nullopt};
    session.sourceLink = m_document->sourceLink();
    PlaygroundLink link;
    if (const std::string error = playgroundLinkFromSession(session, link); !error.empty()) {
        m_lastError = QString::fromStdString(error);
        showError(m_window, tr("TensorFlow Playground cannot show this setting"), m_lastError);
        return {};
    }
    m_lastError.clear();
    const QString url = QString::fromStdString(formatPlaygroundLink(link));
    QApplication::clipboard()->setText(url);
    const QString note = session.sourceLink.empty()
                             ? tr(" (TensorFlow Playground generates its own points from the seed)")
                             : QString();
    m_window->statusBar()->showMessage(tr("Copied the TensorFlow Playground link%1").arg(note), 8000);
    return url;
}

bool PlaygroundLinks::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_window && (event->type() == QEvent::DragEnter || event->type() == QEvent::DragMove)) {
        auto *drag = static_cast<QDropEvent *>(event);
        if (!playgroundLinkIn(drag->mimeData()->text()).isEmpty()) {
            drag->acceptProposedAction();
            return true;
        }
    } else if (watched == m_window && event->type() == QEvent::Drop) {
        auto *drop = static_cast<QDropEvent *>(event);
        const QString url = playgroundLinkIn(drop->mimeData()->text());
        if (!url.isEmpty()) {
            drop->acceptProposedAction();
            openLink(url);
            return true;
        }
    } else if (watched == m_plane && event->type() == QEvent::KeyPress
               && static_cast<QKeyEvent *>(event)->matches(QKeySequence::Paste)) {
        const QString url = playgroundLinkIn(QApplication::clipboard()->text());
        if (!url.isEmpty()) {
            openLink(url);
            return true;
        }
    }
    return QObject::eventFilter(watched, event);
}

}  // namespace np
