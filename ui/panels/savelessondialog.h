#pragma once

#include "session/lesson.h"

#include <QDialog>
#include <QStringList>

#include <functional>
#include <string>
#include <utility>
#include <vector>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLineEdit;
class QPlainTextEdit;
class QRadioButton;
class QTreeWidget;

namespace np {

/// "A perceptron cannot solve XOR!" → "a-perceptron-cannot-solve-xor.json": a file name for a
/// lesson titled `title` (letters and digits kept, the rest joined by '-'; "lesson.json" when
/// nothing is left).
QString lessonFileName(const QString &title);

/// File › Save as lesson: a title, a chapter, the explanation for the side panel, the views to
/// open (those showing are ticked), and which of the panels' controls to lock or highlight; the
/// lesson is written from the current settings and data (the points are stored only when they
/// differ from what the data settings generate). Or the current settings become a further
/// variant of an existing lesson file, appended to it under a button title of their own.
///
/// Controls by objectName: "title", "chapter", "text" (plain text edit; simple HTML allowed),
/// "view.<key>" checkboxes (boundary, loss, network, folding, regions, health), "asNewLesson"
/// and "asVariant" (radio buttons), "variantOf" (combo of lesson files, item data = path),
/// "chooseVariantOf" (button: another file), "variantTitle", "controls" (tree: one group per
/// panel, one row per named control; column 1 = lock, column 2 = highlight, both checkable), and
/// the dialog's Save button (disabled until the lesson or the variant has a title and a file).
class SaveLessonDialog : public QDialog
{
    Q_OBJECT

public:
    /// panels: (group title, widget) pairs whose named input controls can be locked, e.g.
    /// {{"Data", dataPanel}, {"Network", networkPanel}, {"Training", trainingPanel}}.
    SaveLessonDialog(const Config &config, const Dataset &dataset,
                     const std::vector<std::pair<QString, QWidget *>> &panels, QWidget *parent = nullptr);

    /// Ticks exactly these views (the ones showing in the window).
    void setShowingViews(const std::vector<LessonView> &views);
    /// The lesson files a variant can be added to (the user's own), newest last.
    void setLessonFiles(const QStringList &paths);

    /// Chooses where a new lesson goes, given the proposed path; empty cancels. The default
    /// asks with a file dialog. Tests answer without one.
    using PathChooser = std::function<QString(const QString &proposed)>;
    void setPathChooser(PathChooser chooser) { m_choosePath = std::move(chooser); }
    /// The path proposed for a new lesson: its title as a file name, in the folder lessons were
    /// last saved to (or the documents folder).
    QString proposedPath() const;

    /// The lesson as the form describes it (one variant: the current settings and data).
    Lesson lesson() const;
    /// The variant as the form describes it (title, settings, locks).
    LessonVariant variant() const;
    /// Ticks the lock (column 1) or highlight (column 2) box of a control by objectName.
    void setControlChecked(const QString &name, int column, bool checked);

    /// Writes the lesson atomically; returns the error naming the file, or empty.
    std::string saveTo(const QString &path) const;
    /// The file the dialog wrote (a new lesson, or the lesson a variant was added to).
    QString savedPath() const { return m_savedPath; }

public slots:
    /// Writes the new lesson (after choosing its file) or appends the variant, and closes;
    /// reports a failure and stays open.
    void accept() override;

private:
    void addControls(const QString &group, QWidget *panel);
    void addLessonFile(const QString &path);
    void chooseVariantFile();
    void updateMode();
    std::vector<std::string> checkedControls(int column) const;

    Session m_session;
    QLineEdit *m_title = nullptr;
    QLineEdit *m_chapter = nullptr;
    QPlainTextEdit *m_text = nullptr;
    std::vector<std::pair<LessonView, QCheckBox *>> m_views;
    QRadioButton *m_asNew = nullptr;
    QRadioButton *m_asVariant = nullptr;
    QComboBox *m_variantOf = nullptr;
    QLineEdit *m_variantTitle = nullptr;
    QWidget *m_lessonFields = nullptr;
    QWidget *m_variantFields = nullptr;
    QTreeWidget *m_controls = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    PathChooser m_choosePath;
    QString m_savedPath;
};

}  // namespace np
