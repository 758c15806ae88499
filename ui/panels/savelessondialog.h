#pragma once

#include "session/lesson.h"

#include <QDialog>

#include <string>
#include <utility>
#include <vector>

class QCheckBox;
class QDialogButtonBox;
class QLineEdit;
class QPlainTextEdit;
class QTreeWidget;

namespace np {

/// File › Save as lesson: a title, a chapter, the explanation for the side panel, the views to
/// open, and which of the panels' controls to lock or highlight; the lesson is written from the
/// current settings and data (the points are stored only when they differ from what the data
/// settings generate).
///
/// Controls by objectName: "title", "chapter", "text" (plain text edit; simple HTML allowed),
/// "view.<key>" checkboxes (boundary, loss, network, folding, regions, health), "controls" (tree:
/// one group per panel, one row per named control; column 1 = lock, column 2 = highlight, both
/// checkable), and the dialog's Save button (disabled while the title is empty).
class SaveLessonDialog : public QDialog
{
    Q_OBJECT

public:
    /// panels: (group title, widget) pairs whose named input controls can be locked, e.g.
    /// {{"Data", dataPanel}, {"Network", networkPanel}, {"Training", trainingPanel}}.
    SaveLessonDialog(const Config &config, const Dataset &dataset,
                     const std::vector<std::pair<QString, QWidget *>> &panels, QWidget *parent = nullptr);

    /// The lesson as the form describes it (one variant: the current settings and data).
    Lesson lesson() const;
    /// Ticks the lock (column 1) or highlight (column 2) box of a control by objectName.
    void setControlChecked(const QString &name, int column, bool checked);

    /// Writes the lesson atomically; returns the error naming the file, or empty.
    std::string saveTo(const QString &path) const;

public slots:
    /// Asks for a file name, writes the lesson and closes; reports a failure and stays open.
    void accept() override;

private:
    void addControls(const QString &group, QWidget *panel);
    std::vector<std::string> checkedControls(int column) const;

    Session m_session;
    QLineEdit *m_title = nullptr;
    QLineEdit *m_chapter = nullptr;
    QPlainTextEdit *m_text = nullptr;
    std::vector<std::pair<LessonView, QCheckBox *>> m_views;
    QTreeWidget *m_controls = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

}  // namespace np
