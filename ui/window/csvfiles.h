#pragma once

class QMainWindow;
class QString;

namespace np {

class Document;

/// File › Import Data (CSV): the data and the settings that fit it, as one undo step. On
/// failure an error box names the file and the line, and nothing changes. Points far outside
/// the plane are imported as they are, and the banner offers to fit them into it.
bool importCsv(QMainWindow *window, Document *document, const QString &path);
/// The banner's offer for points reaching `reach`: rescale them into the plane, clip them to
/// its edge (each one undo step), or keep them (buttons "rescaleImport", "clipImport",
/// "keepImport").
void offerToFitIntoPlane(QMainWindow *window, Document *document, double reach);
/// File › Export Data (CSV): the points with their split.
bool exportCsv(QMainWindow *window, const Document *document, const QString &path);
/// The same after asking for the file.
void importCsvWithDialog(QMainWindow *window, Document *document);
void exportCsvWithDialog(QMainWindow *window, const Document *document);

}  // namespace np
