#include "userguide.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QPushButton>
#include <QTextBrowser>
#include <QUrl>
#include <QVBoxLayout>

namespace np {

UserGuide::UserGuide(QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_browser(new QTextBrowser(this))
{
    setObjectName(QStringLiteral("userGuide"));
    setWindowTitle(tr("Neural Playground User Guide"));
    m_browser->setObjectName(QStringLiteral("guideText"));
    m_browser->setOpenExternalLinks(true);
    m_browser->setSource(QUrl(QString::fromLatin1(kIndex)));

    auto *back = new QPushButton(tr("Back"), this);
    back->setObjectName(QStringLiteral("guideBack"));
    back->setToolTip(tr("The page or section shown before (Alt+Left)"));
    back->setEnabled(false);
    auto *contents = new QPushButton(tr("Contents"), this);
    contents->setObjectName(QStringLiteral("guideContents"));
    contents->setToolTip(tr("Back to the top of the guide and its contents"));
    auto *close = new QPushButton(tr("Close"), this);
    close->setObjectName(QStringLiteral("guideClose"));
    close->setToolTip(tr("Close the guide; Help › User Guide (F1) opens it again where you left it"));
    connect(back, &QPushButton::clicked, m_browser, &QTextBrowser::backward);
    connect(m_browser, &QTextBrowser::backwardAvailable, back, &QPushButton::setEnabled);
    connect(contents, &QPushButton::clicked, this, [this] { showSection(); });
    connect(close, &QPushButton::clicked, this, &QWidget::close);

    auto *row = new QHBoxLayout;
    row->addWidget(back);
    row->addWidget(contents);
    row->addStretch(1);
    row->addWidget(close);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_browser, 1);
    layout->addLayout(row);
    resize(fontMetrics().averageCharWidth() * 100, fontMetrics().height() * 45);
}

void UserGuide::showSection(const QString &anchor)
{
    QUrl url(QString::fromLatin1(kIndex));
    if (!anchor.isEmpty())
        url.setFragment(anchor);
    m_browser->setSource(url);
    if (anchor.isEmpty())
        m_browser->scrollToAnchor(QStringLiteral("top"));
}

}  // namespace np
