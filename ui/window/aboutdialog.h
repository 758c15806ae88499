#pragma once

#include <QDialog>

namespace np {

/// The About box: name, version, what the app is for, its licence and the licences of the
/// libraries linked into it (the LGPL asks that users be told Qt is inside).
class AboutDialog : public QDialog
{
    Q_OBJECT

public:
    explicit AboutDialog(QWidget *parent = nullptr);

    /// The licence notices as plain text, as shown in the dialog.
    QString licenceText() const;
};

/// Opens the About box over `parent` and returns when it is closed.
void showAboutDialog(QWidget *parent);

}  // namespace np
