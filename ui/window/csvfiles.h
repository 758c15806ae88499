#pragma once

class QMainWindow;
class QString;

namespace np {

class Document;

/// File › Import Data (CSV): the data and the settings that fit it, as one undo step. On
/// failure an error box names the file and the line, and nothing changes.
bool importCsv(QMainWindow *window, Document *document, const QString &path);
/// File › Export Data (CSV): the points with their split.
bool exportCsv(QMainWindow *window, const Document *document, const QString &path);
/// The same after asking for the file.
void importCsvWithDialog(QMainWindow *window, Document *document);
void exportCsvWithDialog(QMainWindow *window, const Document *document);

}  // namespace np
