#include "savelessondialog.h"

#include <QAbstractButton>
#include <QAbstractSlider>
#include <QAbstractSpinBox>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <map>

namespace np {

namespace {

constexpr int kLockColumn = 1;
constexpr int kHighlightColumn = 2;

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

SaveLessonDialog::SaveLessonDialog(const Config &config, const Dataset &dataset,
                                   const std::vector<std::pair<QString, QWidget *>> &panels, QWidget *parent)
    : QDialog(parent)
    , m_session{config, dataset, std::nullopt}
{
    setWindowTitle(tr("Save as lesson"));
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
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
    form->addRow(tr("&Explanation"), m_text);

    auto *views = new QWidget;
    auto *viewGrid = new QGridLayout(views);
    viewGrid->setContentsMargins(0, 0, 0, 0);
    const std::pair<LessonView, QString> viewTitles[] = {
        {LessonView::Boundary, tr("Decision boundary")}, {LessonView::Loss, tr("Loss curves")},
        {LessonView::Network, tr("Network")},            {LessonView::Folding, tr("Folding")},
        {LessonView::Regions, tr("Linear regions")},     {LessonView::Health, tr("Gradient health")},
    };
    for (const auto &[view, title] : viewTitles) {
        auto *box = new QCheckBox(title);
        box->setObjectName(QStringLiteral("view.") + QLatin1String(lessonViewKey(view)));
        box->setChecked(view == LessonView::Boundary || view == LessonView::Loss);
        viewGrid->addWidget(box, int(m_views.size()) / 3, int(m_views.size()) % 3);
        m_views.emplace_back(view, box);
    }
    form->addRow(tr("Open views"), views);
    layout->addLayout(form);

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
    QPushButton *save = m_buttons->button(QDialogButtonBox::Save);
    save->setEnabled(false);
    connect(m_title, &QLineEdit::textChanged, save,
            [save](const QString &text) { save->setEnabled(!text.trimmed().isEmpty()); });
    connect(m_buttons, &QDialogButtonBox::accepted, this, &SaveLessonDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
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
    QString path = QFileDialog::getSaveFileName(this, tr("Save as lesson"), QString(), tr("Lessons (*.json)"));
    if (path.isEmpty())
        return;
    if (!path.endsWith(QStringLiteral(".json"), Qt::CaseInsensitive))
        path += QStringLiteral(".json");
    if (const std::string error = saveTo(path); !error.empty()) {
        QMessageBox::warning(this, tr("Save as lesson"), QString::fromStdString(error));
        return;
    }
    QDialog::accept();
}

}  // namespace np
