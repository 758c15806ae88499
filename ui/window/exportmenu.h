#pragma once

#include <QStringList>

#include <vector>

class QMenu;
class QWidget;

namespace np {

class Figure;
class TrainingController;

/// Fills File > Export: each figure (PNG, SVG or PDF), all figures into a folder, an animation
/// of training (GIF or PNG sequence, recorded from a copy of the session), the trained
/// model (JSON, ONNX, safetensors, NPZ, by the file's extension) and the loss/metrics history
/// as CSV. Errors are shown in a message naming the file; nothing is changed by a failure.
void fillExportMenu(QMenu *menu, QWidget *parent, TrainingController *controller,
                    const std::vector<const Figure *> &figures);

/// Every export says where it wrote, in the window's banner with "Show in Folder" (and the
/// status bar): one file by its path, several by their folder. Nothing for no files.
void confirmFigureExport(QWidget *parent, QStringList files);

}  // namespace np
