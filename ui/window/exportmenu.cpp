#include "exportmenu.h"
#include "animationdialog.h"
#include "figure.h"
#include "figureexport.h"
#include "messagebanner.h"
#include "trainingcontroller.h"
#include "io/historycsv.h"
#include "io/modelexport.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QLocale>
#include <QMainWindow>
#include <QMenu>
#include <QMessageBox>
#include <QStatusBar>

namespace np {

namespace {

/// Says where an export went, with "Show in Folder"; in the status bar too.
void confirmWritten(QWidget *parent, const QString &text, const QString &path)
{
    if (MessageBanner *banner = findMessageBanner(parent))
        banner->showWritten(text, path);
    if (auto *window = qobject_cast<QMainWindow *>(parent))
        window->statusBar()->showMessage(text, 10000);
}

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
    else
        confirmWritten(parent, QObject::tr("Exported the model to %1").arg(QDir::toNativeSeparators(path)), path);
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
    else
        confirmWritten(parent, QObject::tr("Exported the loss and metrics to %1").arg(QDir::toNativeSeparators(path)),
                       path);
}

/// Records training as a GIF or PNG sequence from the state now; the dialog shows the progress
/// and the banner the size written.
void exportAnimationInteractively(QWidget *parent, TrainingController *controller,
                                  const std::vector<const Figure *> &figures)
{
    auto *dialog = new AnimationDialog(controller, figures, parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    QObject::connect(dialog, &AnimationDialog::recorded, parent, [parent](const AnimationResult &result) {
        const QString size = QLocale().formattedDataSize(result.bytes);
        const QString where = QDir::toNativeSeparators(
            result.files.size() == 1 ? result.files.front() : QFileInfo(result.files.front()).absolutePath());
        QString text = result.files.size() == 1
                           ? QObject::tr("Recorded %1 frames to %2 (%3)").arg(result.frames).arg(where, size)
                           : QObject::tr("Recorded %1 frames as PNGs in %2 (%3)").arg(result.frames).arg(where, size);
        if (!result.note.isEmpty())
            text += QStringLiteral(" — ") + result.note;
        confirmWritten(parent, text, result.files.front());
    });
    dialog->open();
}

}  // namespace

void confirmFigureExport(QWidget *parent, QStringList files)
{
    files.removeAll(QString());  // cancelled or failed
    if (files.isEmpty())
        return;
    const QString where = QDir::toNativeSeparators(files.size() == 1 ? files.front() : QFileInfo(files.front()).absolutePath());
    confirmWritten(parent,
                   files.size() == 1 ? QObject::tr("Exported the figure to %1").arg(where)
                                     : QObject::tr("Exported %1 figures to %2").arg(files.size()).arg(where),
                   files.front());
}

void fillExportMenu(QMenu *menu, QWidget *parent, TrainingController *controller,
                    const std::vector<const Figure *> &figures)
{
    for (const Figure *figure : figures) {
        QAction *a = menu->addAction(QObject::tr("Figure: %1…").arg(figure->figureTitle()), parent,
                                     [figure, parent] {
            confirmFigureExport(parent, {exportFigureInteractively(*figure, parent)});
        });
        a->setObjectName(QStringLiteral("exportFigure-") + figure->figureName());
    }
    QAction *all = menu->addAction(QObject::tr("&All Figures…"), parent,
                                   [figures, parent] {
        confirmFigureExport(parent, exportAllFiguresInteractively(figures, parent));
    });
    all->setObjectName(QStringLiteral("exportAllFigures"));
    QAction *animation = menu->addAction(QObject::tr("A&nimation (GIF, PNG Sequence)…"), parent,
                                         [parent, controller, figures] {
        exportAnimationInteractively(parent, controller, figures);
    });
    animation->setObjectName(QStringLiteral("exportAnimation"));
    menu->addSeparator();
    QAction *model = menu->addAction(QObject::tr("&Model (ONNX, JSON, safetensors, NPZ)…"), parent,
                                     [parent, controller] { exportModelInteractively(parent, controller); });
    model->setObjectName(QStringLiteral("exportModel"));
    QAction *history = menu->addAction(QObject::tr("Loss and Metrics &History (CSV)…"), parent,
                                       [parent, controller] { exportHistoryInteractively(parent, controller); });
    history->setObjectName(QStringLiteral("exportHistory"));
}

}  // namespace np
