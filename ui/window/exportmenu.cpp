#include "exportmenu.h"
#include "figure.h"
#include "figureexport.h"
#include "trainingcontroller.h"
#include "io/historycsv.h"
#include "io/modelexport.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>

namespace np {

namespace {

void exportModelInteractively(QWidget *parent, TrainingController *controller)
{
    if (!controller->hasSnapshot())
        return;
    const Model model = controller->latest().model;  // a copy: training goes on meanwhile
    if (const std::string problem = checkExportable(model); !problem.empty()) {
        QMessageBox::warning(parent, QObject::tr("Cannot export the model"), QString::fromStdString(problem));
        return;
    }
    const QString onnx = QObject::tr("ONNX, for onnxruntime and other runtimes (*.onnx)");
    const QString json = QObject::tr("JSON, documented schema (*.json)");
    const QString safetensors = QObject::tr("safetensors, a PyTorch nn.Sequential state dict (*.safetensors)");
    const QString npz = QObject::tr("NumPy arrays (*.npz)");
    QString filter = onnx;
    QString path = QFileDialog::getSaveFileName(parent, QObject::tr("Export model"), QStringLiteral("model.onnx"),
                                                QStringList{onnx, json, safetensors, npz}.join(QStringLiteral(";;")),
                                                &filter);
    if (path.isEmpty())
        return;
    ModelFormat format = ModelFormat::Onnx;
    if (!modelFormatFromPath(path.toStdString(), format)) {
        // No known extension typed: the chosen filter decides, and the name gets its extension.
        format = filter == json ? ModelFormat::Json
                 : filter == safetensors ? ModelFormat::Safetensors
                 : filter == npz ? ModelFormat::Npz
                                 : ModelFormat::Onnx;
        path += QString::fromLatin1(modelFormatExtension(format));
    }
    if (const std::string error = exportModel(model, format, path.toStdString()); !error.empty())
        QMessageBox::warning(parent, QObject::tr("Cannot export the model"), QString::fromStdString(error));
}

void exportHistoryInteractively(QWidget *parent, TrainingController *controller)
{
    const History history = controller->history();
    const QString path = QFileDialog::getSaveFileName(parent, QObject::tr("Export loss and metrics"),
                                                      QStringLiteral("history.csv"),
                                                      QObject::tr("CSV (*.csv);;All files (*)"));
    if (path.isEmpty())
        return;
    if (const std::string error = writeHistoryCsv(path.toStdString(), history); !error.empty())
        QMessageBox::warning(parent, QObject::tr("Cannot export the history"), QString::fromStdString(error));
}

}  // namespace

void fillExportMenu(QMenu *menu, QWidget *parent, TrainingController *controller,
                    const std::vector<const Figure *> &figures)
{
    for (const Figure *figure : figures) {
        QAction *a = menu->addAction(QObject::tr("Figure: %1…").arg(figure->figureTitle()), parent,
                                     [figure, parent] { exportFigureInteractively(*figure, parent); });
        a->setObjectName(QStringLiteral("exportFigure-") + figure->figureName());
    }
    QAction *all = menu->addAction(QObject::tr("&All Figures…"), parent,
                                   [figures, parent] { exportAllFiguresInteractively(figures, parent); });
    all->setObjectName(QStringLiteral("exportAllFigures"));
    menu->addSeparator();
    QAction *model = menu->addAction(QObject::tr("&Model (ONNX, JSON, safetensors, NPZ)…"), parent,
                                     [parent, controller] { exportModelInteractively(parent, controller); });
    model->setObjectName(QStringLiteral("exportModel"));
    QAction *history = menu->addAction(QObject::tr("Loss and Metrics &History (CSV)…"), parent,
                                       [parent, controller] { exportHistoryInteractively(parent, controller); });
    history->setObjectName(QStringLiteral("exportHistory"));
}

}  // namespace np
