#include "csvfiles.h"

#include "document.h"
#include "boundarylayout.h"
#include "errorbox.h"
#include "messagebanner.h"

#include "data/csv.h"
#include "data/planefit.h"

#include <QDir>
#include <QFileDialog>
#include <QMainWindow>
#include <QStatusBar>

namespace np {

bool importCsv(QMainWindow *window, Document *document, const QString &path)
{
    const CsvReadResult read = readCsvFile(path.toStdString());
    if (!read.dataset) {
        showError(window, QObject::tr("Cannot import the data"), QString::fromStdString(read.error));
        return false;
    }
    const Dataset &dataset = *read.dataset;
    const Config config = fitConfigToData(document->config(), dataset.task, dataset.classCount);
    document->changeDataset(dataset, QObject::tr("Import Data"), &config);
    window->statusBar()->showMessage(
        QObject::tr("Imported %1 points from %2").arg(dataset.points.size()).arg(path), 5000);
    if (reachesFarOutside(dataset, kPlaneExtent))
        offerToFitIntoPlane(window, document, maxAbsCoordinate(dataset));
    return true;
}

void offerToFitIntoPlane(QMainWindow *window, Document *document, double reach)
{
    MessageBanner *banner = findMessageBanner(window);
    if (!banner)
        return;
    const QString extent = QString::number(kPlaneExtent, 'g', 3);
    // The points are in the document already ("Keep"); the other answers are one more undo step.
    auto apply = [window, document](bool rescale) {
        const Dataset &data = document->dataset();
        document->changeDataset(rescale ? rescaledIntoPlane(data, kPlaneExtent) : clippedToPlane(data, kPlaneExtent),
                                rescale ? QObject::tr("Rescale Data into the Plane") : QObject::tr("Clip Data to the Plane"));
        window->statusBar()->showMessage(rescale ? QObject::tr("Rescaled the points into the plane (Undo brings them back).")
                                                 : QObject::tr("Clipped the points to the plane (Undo brings them back)."),
                                         8000);
    };
    banner->showMessage(QObject::tr("The imported points reach %1, far outside the plane (−%2 … %2).")
                            .arg(QString::number(reach, 'g', 3), extent),
                        MessageBanner::Warning,
                        {BannerAction{QObject::tr("&Rescale"), QStringLiteral("rescaleImport"), [apply] { apply(true); },
                                      QObject::tr("Map each axis linearly into the plane, keeping the order of the points.")},
                         BannerAction{QObject::tr("&Clip"), QStringLiteral("clipImport"), [apply] { apply(false); },
                                      QObject::tr("Move the points outside the plane to its edge.")},
                         BannerAction{QObject::tr("&Keep"), QStringLiteral("keepImport"), {},
                                      QObject::tr("Keep them as they are: the plane cannot show them, and without "
                                                  "standardisation a network diverges on them.")}});
}

bool exportCsv(QMainWindow *window, const Document *document, const QString &path)
{
    const std::string error = writeCsvFile(path.toStdString(), document->dataset());
    if (!error.empty()) {
        showError(window, QObject::tr("Cannot export the data"), QString::fromStdString(error));
        return false;
    }
    const QString text = QObject::tr("Exported %1 points to %2")
                             .arg(document->dataset().points.size())
                             .arg(QDir::toNativeSeparators(path));
    window->statusBar()->showMessage(text, 10000);
    if (MessageBanner *banner = findMessageBanner(window))
        banner->showWritten(text, path);
    return true;
}

void importCsvWithDialog(QMainWindow *window, Document *document)
{
    const QString path = QFileDialog::getOpenFileName(window, QObject::tr("Import data"), {},
                                                      QObject::tr("CSV files (*.csv *.txt);;All files (*)"));
    if (!path.isEmpty())
        importCsv(window, document, path);
}

void exportCsvWithDialog(QMainWindow *window, const Document *document)
{
    const QString path = QFileDialog::getSaveFileName(window, QObject::tr("Export data"), QObject::tr("data.csv"),
                                                      QObject::tr("CSV files (*.csv)"));
    if (!path.isEmpty())
        exportCsv(window, document, path);
}

}  // namespace np
