#include "errorbox.h"

#include <QMainWindow>
#include <QMessageBox>
#include <QStatusBar>

namespace np {

void showError(QMainWindow *window, const QString &title, const QString &text)
{
    auto *box = new QMessageBox(QMessageBox::Warning, title, text, QMessageBox::Ok, window);
    box->setObjectName(QStringLiteral("errorBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
    window->statusBar()->showMessage(title + QStringLiteral(": ") + text, 10000);
}

}  // namespace np
