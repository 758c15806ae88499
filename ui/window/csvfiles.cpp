#include "csvfiles.h"

#include "document.h"
#include "errorbox.h"

#include "data/csv.h"

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
    return true;
}

bool exportCsv(QMainWindow *window, const Document *document, const QString &path)
{
    const std::string error = writeCsvFile(path.toStdString(), document->dataset());
    if (!error.empty()) {
        showError(window, QObject::tr("Cannot export the data"), QString::fromStdString(error));
        return false;
    }
    window->statusBar()->showMessage(
        QObject::tr("Exported %1 points to %2").arg(document->dataset().points.size()).arg(path), 5000);
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
