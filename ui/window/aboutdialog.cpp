#include "aboutdialog.h"

#include <Eigen/Core>

#include <QApplication>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTextDocumentFragment>
#include <QVBoxLayout>

namespace np {

namespace {

QString eigenVersion()
{
    return QStringLiteral("%1.%2.%3").arg(EIGEN_WORLD_VERSION).arg(EIGEN_MAJOR_VERSION).arg(EIGEN_MINOR_VERSION);
}

QString licencesHtml()
{
    // Qt is linked dynamically (the LGPL's easy case); Eigen is header-only and compiled with
    // EIGEN_MPL2_ONLY, so no LGPL-only Eigen code is inside.
    return AboutDialog::tr(
               "<p>Neural Playground is free software under the <b>MIT licence</b>.<br>"
               "Copyright © 2026 Neural Playground developers.</p>"
               "<p>It is built on:</p>"
               "<table cellpadding='2'>"
               "<tr><td><b>Qt %1</b> (Core, Gui, Widgets, Svg)</td><td>LGPL-3.0</td></tr>"
               "<tr><td><b>Eigen %2</b></td><td>MPL-2.0</td></tr>"
               "</table>"
               "<p>Qt is linked as shared libraries, which you may replace with your own build. "
               "On Debian the licence texts are in <nobr>/usr/share/doc/neural-playground/copyright</nobr> "
               "(MIT) and <nobr>/usr/share/common-licenses</nobr> (LGPL-3, MPL-2.0).</p>")
        .arg(QString::fromLatin1(qVersion()), eigenVersion());
}

}  // namespace

AboutDialog::AboutDialog(QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("About Neural Playground"));
    const int em = fontMetrics().height();

    auto *icon = new QLabel(this);
    icon->setPixmap(QApplication::windowIcon().pixmap(4 * em));
    icon->setAlignment(Qt::AlignTop);

    auto *title = new QLabel(tr("<h2>Neural Playground %1</h2>").arg(QStringLiteral(NP_VERSION)), this);
    title->setObjectName(QStringLiteral("title"));
    auto *summary = new QLabel(tr("Draw 2-D data, build a neural network and watch it learn."), this);
    summary->setWordWrap(true);

    auto *licences = new QLabel(licencesHtml(), this);
    licences->setObjectName(QStringLiteral("licences"));
    licences->setWordWrap(true);
    licences->setTextInteractionFlags(Qt::TextSelectableByMouse);
    licences->setMinimumWidth(26 * em);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton *aboutQt = buttons->addButton(tr("About &Qt"), QDialogButtonBox::HelpRole);
    connect(aboutQt, &QPushButton::clicked, this, [this] { QMessageBox::aboutQt(this); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *text = new QVBoxLayout;
    text->addWidget(title);
    text->addWidget(summary);
    text->addWidget(licences);
    auto *top = new QHBoxLayout;
    top->setSpacing(em);
    top->addWidget(icon);
    top->addLayout(text, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(buttons);
}

QString AboutDialog::licenceText() const
{
    return QTextDocumentFragment::fromHtml(findChild<QLabel *>(QStringLiteral("licences"))->text()).toPlainText();
}

void showAboutDialog(QWidget *parent)
{
    AboutDialog dialog(parent);
    dialog.exec();
}

}  // namespace np
