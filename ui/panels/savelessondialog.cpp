#include "savelessondialog.h"

#include <QAbstractButton>
#include <QAbstractSlider>
#include <QAbstractSpinBox>
#include <QCheckBox>
#include <QComboBox>
#include <QButtonGroup>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "session/lessonvariants.h"

#include <algorithm>
#include <map>

namespace np {

namespace {

constexpr int kLockColumn = 1;
constexpr int kHighlightColumn = 2;
constexpr const char *kLessonFolderKey = "lessons/folder";

/// Controls a user can change: buttons, boxes, spin boxes, sliders, text fields (not the parts
/// Qt builds inside them, which are named "qt_…").
bool isInput(QWidget *w)
{
    if (w->objectName().startsWith(QLatin1String("qt_")))
        return false;
    return qobject_cast<QAbstractButton *>(w) || qobject_cast<QComboBox *>(w) || qobject_cast<QAbstractSpinBox *>(w)
           || qobject_cast<QAbstractSlider *>(w) || qobject_cast<QLineEdit *>(w);
}

QString describe(QWidget *w, const std::map<QWidget *, QString> &labels)
{
    QString text;
    // A form row's label names either the control or the row widget holding it (slider + spin box).
    if (auto it = labels.find(w); it != labels.end())
        text = it->second;
    else if (auto row = labels.find(w->parentWidget()); row != labels.end())
        text = row->second;
    else if (auto *button = qobject_cast<QAbstractButton *>(w))
        text = button->text();
    text.remove(QLatin1Char('&'));
    return text.isEmpty() ? w->objectName() : QStringLiteral("%1 (%2)").arg(text, w->objectName());
}

}  // namespace

QString lessonFileName(const QString &title)
{
    QString name;
    for (const QChar c : title.normalized(QString::NormalizationForm_KD)) {
        if (c.isLetterOrNumber() && c.unicode() < 128)
            name += c.toLower();
        else if (c.isMark())
            continue;  // the accent of a decomposed letter: "é" becomes "e"
        else if (!name.isEmpty() && !name.endsWith(QLatin1Char('-')))
            name += QLatin1Char('-');
    }
    while (name.endsWith(QLatin1Char('-')))
        name.chop(1);
    name.truncate(60);
    return (name.isEmpty() ? QStringLiteral("lesson") : name) + QStringLiteral(".json");
}

SaveLessonDialog::SaveLessonDialog(const Config &config, const Dataset &dataset,
                                   const std::vector<std::pair<QString, QWidget *>> &panels, QWidget *parent)
    : QDialog(parent)
    , m_session{config, dataset, std::nullopt}
{
    setWindowTitle(tr("Save as lesson"));
    auto *layout = new QVBoxLayout(this);

    m_asNew = new QRadioButton(tr("A &new lesson"));
    m_asNew->setObjectName(QStringLiteral("asNewLesson"));
    m_asNew->setChecked(true);
    m_asVariant = new QRadioButton(tr("A further &variant of a lesson"));
    m_asVariant->setObjectName(QStringLiteral("asVariant"));
    m_asVariant->setToolTip(tr("Add these settings to an existing lesson file, as one more start button."));
    auto *modes = new QButtonGroup(this);
    modes->addButton(m_asNew);
    modes->addButton(m_asVariant);
    auto *modeRow = new QHBoxLayout;
    modeRow->addWidget(new QLabel(tr("Save as:")));
    modeRow->addWidget(m_asNew);
    modeRow->addWidget(m_asVariant);
    modeRow->addStretch(1);
    layout->addLayout(modeRow);

    m_variantFields = new QWidget;
    auto *variantForm = new QFormLayout(m_variantFields);
    variantForm->setContentsMargins(0, 0, 0, 0);
    m_variantOf = new QComboBox;
    m_variantOf->setObjectName(QStringLiteral("variantOf"));
    m_variantOf->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_variantOf->setMinimumContentsLength(24);
    auto *other = new QPushButton(tr("Other…"));
    other->setObjectName(QStringLiteral("chooseVariantOf"));
    other->setToolTip(tr("Choose another lesson file."));
    auto *fileRow = new QHBoxLayout;
    fileRow->addWidget(m_variantOf, 1);
    fileRow->addWidget(other);
    variantForm->addRow(tr("&Lesson"), fileRow);
    m_variantTitle = new QLineEdit;
    m_variantTitle->setObjectName(QStringLiteral("variantTitle"));
    m_variantTitle->setPlaceholderText(tr("Deep network"));
    m_variantTitle->setToolTip(tr("What the new start button says."));
    variantForm->addRow(tr("&Button title"), m_variantTitle);
    layout->addWidget(m_variantFields);
    connect(other, &QPushButton::clicked, this, &SaveLessonDialog::chooseVariantFile);

    m_lessonFields = new QWidget;
    auto *form = new QFormLayout(m_lessonFields);
    form->setContentsMargins(0, 0, 0, 0);
    m_title = new QLineEdit;
    m_title->setObjectName(QStringLiteral("title"));
    m_title->setPlaceholderText(tr("A perceptron cannot solve XOR"));
    m_chapter = new QLineEdit;
    m_chapter->setObjectName(QStringLiteral("chapter"));
    m_chapter->setPlaceholderText(tr("My lessons"));
    m_text = new QPlainTextEdit;
    m_text->setObjectName(QStringLiteral("text"));
    m_text->setPlaceholderText(tr("What to do and what to watch, in a few sentences. Simple HTML such as "
                                  "<b>bold</b> and <i>italic</i> is allowed."));
    m_text->setMinimumHeight(fontMetrics().height() * 4);
    m_text->setMaximumHeight(fontMetrics().height() * 8);
    form->addRow(tr("&Title"), m_title);
    form->addRow(tr("&Chapter"), m_chapter);

    auto *views = new QWidget;
    auto *viewGrid = new QGridLayout(views);
    viewGrid->setContentsMargins(0, 0, 0, 0);
    const std::pair<LessonView, QString> viewTitles[] = {
        {LessonView::Boundary, tr("Decision boundary")}, {LessonView::Loss, tr("Loss curves")},
        {LessonView::Network, tr("Network")},            {LessonView::Folding, tr("Folding")},
        {LessonView::Regions, tr("Linear regions")},     {LessonView::Health, tr("Gradient health")},
        {LessonView::Function, tr("Function (1-D)")},
    };
    for (const auto &[view, title] : viewTitles) {
        auto *box = new QCheckBox(title);
        box->setObjectName(QStringLiteral("view.") + QLatin1String(lessonViewKey(view)));
        box->setChecked(view == LessonView::Boundary || view == LessonView::Loss);
        viewGrid->addWidget(box, int(m_views.size()) / 3, int(m_views.size()) % 3);
        m_views.emplace_back(view, box);
    }
    form->addRow(tr("Open views"), views);
    layout->addWidget(m_lessonFields);
    auto *textForm = new QFormLayout;
    textForm->addRow(tr("&Explanation"), m_text);
    layout->addLayout(textForm);

    auto *controlsLabel = new QLabel(tr("Controls to &lock (students cannot change them) or highlight:"));
    m_controls = new QTreeWidget;
    m_controls->setObjectName(QStringLiteral("controls"));
    controlsLabel->setBuddy(m_controls);
    m_controls->setHeaderLabels({tr("Control"), tr("Lock"), tr("Highlight")});
    m_controls->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_controls->header()->setSectionResizeMode(kLockColumn, QHeaderView::ResizeToContents);
    m_controls->header()->setSectionResizeMode(kHighlightColumn, QHeaderView::ResizeToContents);
    m_controls->header()->setStretchLastSection(false);
    m_controls->setMinimumHeight(fontMetrics().height() * 12);
    for (const auto &[group, panel] : panels)
        addControls(group, panel);
    layout->addWidget(controlsLabel);
    layout->addWidget(m_controls, 1);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel);
    layout->addWidget(m_buttons);
    connect(m_title, &QLineEdit::textChanged, this, &SaveLessonDialog::updateMode);
    connect(m_variantTitle, &QLineEdit::textChanged, this, &SaveLessonDialog::updateMode);
    connect(m_variantOf, &QComboBox::currentIndexChanged, this, &SaveLessonDialog::updateMode);
    connect(m_asVariant, &QRadioButton::toggled, this, &SaveLessonDialog::updateMode);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &SaveLessonDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    m_choosePath = [this](const QString &proposed) {
        return QFileDialog::getSaveFileName(this, tr("Save as lesson"), proposed, tr("Lessons (*.json)"));
    };
    updateMode();
    m_title->setFocus();
}

void SaveLessonDialog::setShowingViews(const std::vector<LessonView> &views)
{
    for (const auto &[view, box] : m_views)
        box->setChecked(std::find(views.begin(), views.end(), view) != views.end());
}

void SaveLessonDialog::setLessonFiles(const QStringList &paths)
{
    m_variantOf->clear();
    for (const QString &path : paths)
        addLessonFile(path);
    // The newest is the likeliest to grow.
    m_variantOf->setCurrentIndex(m_variantOf->count() - 1);
    updateMode();
}

void SaveLessonDialog::addLessonFile(const QString &path)
{
    const LessonReadResult read = loadLesson(path.toStdString());
    const QString title = read.lesson ? QString::fromStdString(read.lesson->title) : QFileInfo(path).fileName();
    if (m_variantOf->findData(path) < 0)
        m_variantOf->addItem(tr("%1 (%2)").arg(title, QFileInfo(path).fileName()), path);
    m_variantOf->setItemData(m_variantOf->findData(path), path, Qt::ToolTipRole);
}

void SaveLessonDialog::chooseVariantFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Add a variant to"), {}, tr("Lessons (*.json)"));
    if (path.isEmpty())
        return;
    addLessonFile(path);
    m_variantOf->setCurrentIndex(m_variantOf->findData(path));
    m_asVariant->setChecked(true);
}

void SaveLessonDialog::updateMode()
{
    const bool variant = m_asVariant->isChecked();
    m_lessonFields->setVisible(!variant);
    m_variantFields->setVisible(variant);
    m_text->setPlaceholderText(variant ? tr("What this variant shows, in a sentence or two (optional).")
                                       : tr("What to do and what to watch, in a few sentences. Simple HTML such as "
                                            "<b>bold</b> and <i>italic</i> is allowed."));
    const bool ready = variant ? !m_variantTitle->text().trimmed().isEmpty() && m_variantOf->currentIndex() >= 0
                               : !m_title->text().trimmed().isEmpty();
    m_buttons->button(QDialogButtonBox::Save)->setEnabled(ready);
}

QString SaveLessonDialog::proposedPath() const
{
    QString folder = QSettings().value(QLatin1String(kLessonFolderKey)).toString();
    if (folder.isEmpty() || !QFileInfo(folder).isDir())
        folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (!QFileInfo(folder).isDir())
        folder = QDir::homePath();
    return QDir(folder).filePath(lessonFileName(m_title->text()));
}

void SaveLessonDialog::addControls(const QString &group, QWidget *panel)
{
    std::map<QWidget *, QString> labels;
    for (QLabel *label : panel->findChildren<QLabel *>()) {
        if (label->buddy())
            labels[label->buddy()] = label->text();
    }
    auto *top = new QTreeWidgetItem(m_controls, {group});
    top->setFlags(Qt::ItemIsEnabled);
    for (QWidget *w : panel->findChildren<QWidget *>()) {
        if (w->objectName().isEmpty() || !isInput(w))
            continue;
        auto *item = new QTreeWidgetItem(top, {describe(w, labels)});
        item->setData(0, Qt::UserRole, w->objectName());
        item->setToolTip(0, w->objectName());
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(kLockColumn, Qt::Unchecked);
        item->setCheckState(kHighlightColumn, Qt::Unchecked);
    }
    top->setExpanded(true);
}

void SaveLessonDialog::setControlChecked(const QString &name, int column, bool checked)
{
    for (QTreeWidgetItemIterator it(m_controls); *it; ++it) {
        if ((*it)->data(0, Qt::UserRole).toString() == name)
            (*it)->setCheckState(column, checked ? Qt::Checked : Qt::Unchecked);
    }
}

std::vector<std::string> SaveLessonDialog::checkedControls(int column) const
{
    std::vector<std::string> names;
    for (QTreeWidgetItemIterator it(m_controls); *it; ++it) {
        const QString name = (*it)->data(0, Qt::UserRole).toString();
        if (!name.isEmpty() && (*it)->checkState(column) == Qt::Checked)
            names.push_back(name.toStdString());
    }
    return names;
}

LessonVariant SaveLessonDialog::variant() const
{
    LessonVariant variant;
    variant.title = m_variantTitle->text().trimmed().toStdString();
    variant.text = m_text->toPlainText().trimmed().toStdString();
    variant.session = m_session;
    variant.locked = checkedControls(kLockColumn);
    variant.highlighted = checkedControls(kHighlightColumn);
    return variant;
}

Lesson SaveLessonDialog::lesson() const
{
    Lesson lesson;
    lesson.title = m_title->text().trimmed().toStdString();
    lesson.chapter = m_chapter->text().trimmed().toStdString();
    lesson.text = m_text->toPlainText().trimmed().toStdString();
    for (const auto &[view, box] : m_views) {
        if (box->isChecked())
            lesson.views.push_back(view);
    }
    LessonVariant variant;
    variant.session = m_session;
    variant.locked = checkedControls(kLockColumn);
    variant.highlighted = checkedControls(kHighlightColumn);
    lesson.variants.push_back(std::move(variant));
    return lesson;
}

std::string SaveLessonDialog::saveTo(const QString &path) const
{
    return saveLesson(path.toStdString(), lesson());
}

void SaveLessonDialog::accept()
{
    if (m_asVariant->isChecked()) {
        const QString path = m_variantOf->currentData().toString();
        if (path.isEmpty())
            return;
        if (const std::string error = appendLessonVariant(path.toStdString(), variant(), tr("Original").toStdString());
            !error.empty()) {
            QMessageBox::warning(this, tr("Save as lesson"), QString::fromStdString(error));
            return;
        }
        m_savedPath = path;
        QDialog::accept();
        return;
    }
    QString path = m_choosePath ? m_choosePath(proposedPath()) : proposedPath();
    if (path.isEmpty())
        return;
    if (!path.endsWith(QStringLiteral(".json"), Qt::CaseInsensitive))
        path += QStringLiteral(".json");
    if (const std::string error = saveTo(path); !error.empty()) {
        QMessageBox::warning(this, tr("Save as lesson"), QString::fromStdString(error));
        return;
    }
    QSettings().setValue(QLatin1String(kLessonFolderKey), QFileInfo(path).absolutePath());
    m_savedPath = QFileInfo(path).absoluteFilePath();
    QDialog::accept();
}

}  // namespace np
