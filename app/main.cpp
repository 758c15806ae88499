#include "mainwindow.h"

#include <QApplication>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Neural Playground"));
    QApplication::setOrganizationName(QStringLiteral("NeuralPlayground"));
    QApplication::setApplicationVersion(QStringLiteral(NP_VERSION));
    np::MainWindow window;
    window.show();
    return QApplication::exec();
}
