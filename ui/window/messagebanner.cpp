#include "messagebanner.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

namespace np {

MessageBanner::MessageBanner(QWidget *parent)
    : QFrame(parent)
    , m_label(new QLabel(this))
{
    setObjectName(QStringLiteral("messageBanner"));
    setFrameShape(QFrame::StyledPanel);
    m_label->setWordWrap(true);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *close = new QToolButton(this);
    close->setText(QStringLiteral("✕"));
    close->setAutoRaise(true);
    close->setToolTip(tr("Dismiss"));
    connect(close, &QToolButton::clicked, this, &QWidget::hide);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 4, 4);
    layout->addWidget(m_label, 1);
    layout->addWidget(close, 0, Qt::AlignTop);
    hide();
}

void MessageBanner::showMessage(const QString &text, Kind kind)
{
    m_label->setText(text);
    const QString background = kind == Warning ? QStringLiteral("#fde2c8") : QStringLiteral("#d8e9f6");
    setStyleSheet(QStringLiteral("#messageBanner { background: %1; border: 1px solid #b0b0b0; border-radius: 4px; }"
                                 "#messageBanner QLabel { color: #1a1a1a; }")
                      .arg(background));
    show();
}

QString MessageBanner::text() const
{
    return m_label->text();
}

}  // namespace np
