#include "messagebanner.h"

#include <QDesktopServices>
#include <QFileInfo>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPointer>
#include <QPushButton>
#include <QTimer>
#include <QToolButton>
#include <QUrl>

namespace np {

namespace {

void singleShot(int ms, QObject *context, std::function<void()> timeout)
{
    QTimer::singleShot(ms, context, std::move(timeout));
}

}  // namespace

MessageBanner::MessageBanner(QWidget *parent)
    : QFrame(parent)
    , m_label(new QLabel(this))
    , m_buttonBox(new QWidget(this))
    , m_buttons(new QHBoxLayout(m_buttonBox))
    , m_grid(new QGridLayout(this))
    , m_scheduler(singleShot)
{
    setOpener({});
    setObjectName(QStringLiteral("messageBanner"));
    setFrameShape(QFrame::StyledPanel);
    m_label->setObjectName(QStringLiteral("bannerText"));
    m_label->setWordWrap(true);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *close = new QToolButton(this);
    close->setObjectName(QStringLiteral("bannerClose"));
    close->setText(QStringLiteral("✕"));
    close->setAutoRaise(true);
    close->setToolTip(tr("Dismiss"));
    connect(close, &QToolButton::clicked, this, &MessageBanner::dismiss);
    m_close = close;
    m_buttons->setContentsMargins(0, 0, 0, 0);
    m_buttons->setSpacing(4);
    m_grid->setContentsMargins(8, 4, 4, 4);
    m_grid->setVerticalSpacing(2);
    m_grid->addWidget(m_label, 0, 0);
    m_grid->addWidget(close, 0, 2, Qt::AlignTop);
    m_grid->setColumnStretch(0, 1);
    placeButtons();
    hide();
}

void MessageBanner::resizeEvent(QResizeEvent *event)
{
    QFrame::resizeEvent(event);
    placeButtons();
}

void MessageBanner::placeButtons()
{
    const QMargins m = m_grid->contentsMargins();
    const int spacing = m_grid->horizontalSpacing() < 0 ? 6 : m_grid->horizontalSpacing();
    const int oneLine = m_label->fontMetrics().horizontalAdvance(m_label->text()) + m_buttonBox->sizeHint().width()
                        + m_close->sizeHint().width() + m.left() + m.right() + 2 * spacing + 2 * frameWidth();
    const bool beside = m_buttons->isEmpty() || oneLine <= width();
    const int row = beside ? 0 : 1;
    int index = m_grid->indexOf(m_buttonBox);
    if (index >= 0) {
        int r = 0, c = 0, rs = 0, cs = 0;
        m_grid->getItemPosition(index, &r, &c, &rs, &cs);
        if (r == row)
            return;
        m_grid->removeWidget(m_buttonBox);
    }
    if (beside)
        m_grid->addWidget(m_buttonBox, 0, 1, Qt::AlignVCenter);
    else
        m_grid->addWidget(m_buttonBox, 1, 0, 1, 2, Qt::AlignRight);
}

bool MessageBanner::showMessage(const QString &text, Kind kind, const QList<BannerAction> &actions)
{
    if (kind == Information && !isHidden() && m_kind != Information && m_hasActions)
        return false;
    m_label->setText(text);
    m_kind = kind;
    const QString background = kind == Error     ? QStringLiteral("#f6d0cc")
                               : kind == Warning ? QStringLiteral("#fde2c8")
                                                 : QStringLiteral("#d8e9f6");
    setStyleSheet(QStringLiteral("#messageBanner { background: %1; border: 1px solid #b0b0b0; border-radius: 4px; }"
                                 "#messageBanner QLabel { color: #1a1a1a; }")
                      .arg(background));
    clearActions();
    m_hasActions = !actions.isEmpty();
    for (const BannerAction &action : actions) {
        auto *button = new QPushButton(action.text, this);
        button->setObjectName(action.name);
        button->setToolTip(action.toolTip);
        const std::function<void()> run = action.run;
        connect(button, &QPushButton::clicked, this, [this, run] {
            // Hidden first: what the button does may show a message of its own.
            dismiss();
            if (run)
                run();
        });
        m_buttons->addWidget(button);
    }
    placeButtons();
    show();
    const quint64 shown = ++m_shown;
    if (kind == Information) {
        QPointer<MessageBanner> self(this);
        m_scheduler(actions.isEmpty() ? kInformationMs : kInformationWithActionsMs, this, [self, shown] {
            if (self && self->m_shown == shown && !self->isHidden())
                self->dismiss();
        });
    }
    return true;
}

void MessageBanner::showWritten(const QString &text, const QString &path)
{
    const QFileInfo info(path);
    const QString folder = info.isDir() ? info.absoluteFilePath() : info.absolutePath();
    showMessage(text, Information, {BannerAction{tr("Show in &Folder"), QStringLiteral("showInFolder"), [this, folder] {
                                         m_opener(QUrl::fromLocalFile(folder));
                                     }}});
}

void MessageBanner::setOpener(Opener opener)
{
    m_opener = opener ? std::move(opener) : Opener([](const QUrl &url) { return QDesktopServices::openUrl(url); });
}

QString MessageBanner::text() const
{
    return m_label->text();
}

void MessageBanner::dismiss()
{
    ++m_shown;  // a pending timeout no longer applies
    const bool wasVisible = !isHidden();
    hide();
    clearActions();
    m_hasActions = false;
    if (wasVisible)
        emit dismissed();
}

void MessageBanner::setScheduler(Scheduler scheduler)
{
    m_scheduler = scheduler ? std::move(scheduler) : Scheduler(singleShot);
}

void MessageBanner::clearActions()
{
    while (QLayoutItem *item = m_buttons->takeAt(0)) {
        if (QWidget *w = item->widget()) {
            w->hide();
            w->deleteLater();  // a button may be the one being clicked
        }
        delete item;
    }
}

MessageBanner *findMessageBanner(QWidget *window)
{
    return window ? window->findChild<MessageBanner *>(QStringLiteral("messageBanner")) : nullptr;
}

}  // namespace np
