#pragma once

class QMainWindow;
class QString;

namespace np {

/// Tells the user why something failed: a window-modal box that does not block (training and
/// the views go on behind it), and the same text in the status bar.
void showError(QMainWindow *window, const QString &title, const QString &text);

}  // namespace np
