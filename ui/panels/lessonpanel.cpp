#include "lessonpanel.h"
#include "wrappingdelegate.h"

#include <QCoreApplication>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QTextBrowser>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace np {

namespace {

constexpr const char *kLessonFilesKey = "lessons/files";

}  // namespace

QStringList rememberedLessonFiles()
{
    return QSettings().value(QLatin1String(kLessonFilesKey)).toStringList();
}

void rememberLessonFile(const QString &path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList files = rememberedLessonFiles();
    if (files.contains(absolute))
        return;
    files.append(absolute);
    QSettings().setValue(QLatin1String(kLessonFilesKey), files);
}

void forgetLessonFile(const QString &path)
{
    QStringList files = rememberedLessonFiles();
    if (files.removeAll(QFileInfo(path).absoluteFilePath()) + files.removeAll(path) > 0)
        QSettings().setValue(QLatin1String(kLessonFilesKey), files);
}

QString LessonPanel::myLessonsTitle()
{
    return tr("My lessons");
}

LessonPanel::LessonPanel(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    const int spacing = fontMetrics().height() / 3;
    layout->setSpacing(spacing);

    m_list = new QTreeWidget;
    m_list->setObjectName(QStringLiteral("lessonList"));
    m_list->setHeaderHidden(true);
    m_list->setRootIsDecorated(false);
    m_list->setIndentation(fontMetrics().height());
    // Long titles wrap onto a second line rather than ending in "…" (a narrow lesson column on
    // a projector).
    m_list->setItemDelegate(new WrappingDelegate(m_list));
    m_text = new QTextBrowser;
    m_text->setObjectName(QStringLiteral("lessonText"));
    m_text->setOpenExternalLinks(false);
    auto *splitter = new QSplitter(Qt::Vertical);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(m_list);
    splitter->addWidget(m_text);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);
    layout->addWidget(splitter, 1);

    m_note = new QLabel;
    m_note->setObjectName(QStringLiteral("lessonNote"));
    m_note->setWordWrap(true);
    m_note->setTextFormat(Qt::RichText);
    m_note->hide();
    connect(m_note, &QLabel::linkActivated, m_note, &QWidget::hide);
    layout->addWidget(m_note);

    m_startLayout = new QGridLayout;
    m_startLayout->setSpacing(spacing);
    layout->addLayout(m_startLayout);

    auto *row = new QHBoxLayout;
    auto *open = new QPushButton(tr("Open lesson…"));
    open->setObjectName(QStringLiteral("openLesson"));
    open->setToolTip(tr("Add a lesson file (saved with File › Save as lesson) to the list."));
    m_end = new QPushButton(tr("End lesson"));
    m_end->setObjectName(QStringLiteral("endLesson"));
    m_end->setToolTip(tr("Unlock the controls the lesson locked; the settings stay as they are."));
    m_end->setEnabled(false);
    row->addWidget(open);
    row->addStretch(1);
    row->addWidget(m_end);
    layout->addLayout(row);

    connect(m_list, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *item) {
        const QVariant index = item ? item->data(0, Qt::UserRole) : QVariant();
        if (index.isValid() && index.toInt() != m_current) {
            m_current = index.toInt();
            showLesson();
        }
    });
    m_list->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_list, &QWidget::customContextMenuRequested, this, &LessonPanel::showListMenu);
    connect(open, &QPushButton::clicked, this, &LessonPanel::chooseLessonFile);
    connect(m_end, &QPushButton::clicked, this, [this] {
        setLessonRunning(false);
        emit lessonEnded();
    });

    LessonList builtin = loadLessonDirectory(kBuiltinLessonsPath);
    // A broken built-in lesson is a packaging bug; the others stay usable.
    for (const std::string &error : builtin.errors)
        qWarning("%s", error.c_str());
    setLessons(std::move(builtin.lessons));
    loadRememberedFiles();
}

void LessonPanel::setLessons(std::vector<Lesson> lessons)
{
    m_lessons = std::move(lessons);
    m_files.assign(m_lessons.size(), QString());
    m_current = m_lessons.empty() ? -1 : 0;
    rebuildList();
    showLesson();
}

QString LessonPanel::lessonFile(int index) const
{
    return index >= 0 && index < int(m_files.size()) ? m_files[std::size_t(index)] : QString();
}

QString LessonPanel::note() const
{
    return m_note->isHidden() ? QString() : m_note->text();
}

void LessonPanel::loadRememberedFiles()
{
    const int current = m_current;
    QStringList dropped;
    for (const QString &path : rememberedLessonFiles()) {
        LessonReadResult read = loadLesson(path.toStdString());
        if (!read.lesson) {
            dropped.append(QFileInfo::exists(path) ? tr("%1 (%2)").arg(path.toHtmlEscaped(),
                                                                     QString::fromStdString(read.error).toHtmlEscaped())
                                                   : tr("%1 (no longer exists)").arg(path.toHtmlEscaped()));
            forgetLessonFile(path);
            continue;
        }
        m_lessons.push_back(std::move(*read.lesson));
        m_files.push_back(path);
    }
    if (!dropped.isEmpty()) {
        m_note->setText(tr("Removed from %1: %2. <a href=\"#\">OK</a>")
                            .arg(myLessonsTitle(), dropped.join(QStringLiteral(", "))));
        m_note->show();
    }
    m_current = current < 0 && !m_lessons.empty() ? 0 : current;
    rebuildList();
    showLesson();
}

void LessonPanel::removeLessonFile(const QString &path)
{
    forgetLessonFile(path);
    for (std::size_t i = 0; i < m_files.size(); ++i) {
        if (!m_files[i].isEmpty() && m_files[i] == path) {
            m_lessons.erase(m_lessons.begin() + std::ptrdiff_t(i));
            m_files.erase(m_files.begin() + std::ptrdiff_t(i));
            if (m_current >= int(m_lessons.size()) || m_current == int(i))
                m_current = m_lessons.empty() ? -1 : 0;
            else if (m_current > int(i))
                --m_current;
            break;
        }
    }
    rebuildList();
    showLesson();
}

void LessonPanel::showListMenu(const QPoint &pos)
{
    QTreeWidgetItem *item = m_list->itemAt(pos);
    const QVariant index = item ? item->data(0, Qt::UserRole) : QVariant();
    const QString path = index.isValid() ? lessonFile(index.toInt()) : QString();
    if (path.isEmpty())
        return;
    QMenu menu(this);
    menu.addAction(tr("Remove from %1").arg(myLessonsTitle()), this, [this, path] { removeLessonFile(path); });
    menu.exec(m_list->viewport()->mapToGlobal(pos));
}

void LessonPanel::setCurrentLesson(int index)
{
    if (index < 0 || index >= int(m_lessons.size()))
        return;
    m_current = index;
    for (QTreeWidgetItemIterator it(m_list); *it; ++it) {
        if ((*it)->data(0, Qt::UserRole) == QVariant(index))
            m_list->setCurrentItem(*it);
    }
    showLesson();
}

std::string LessonPanel::openLessonFile(const QString &path)
{
    LessonReadResult read = loadLesson(path.toStdString());
    if (!read.lesson)
        return read.error;
    const QString absolute = QFileInfo(path).absoluteFilePath();
    rememberLessonFile(absolute);
    const auto listed = std::find(m_files.begin(), m_files.end(), absolute);
    int index = int(listed - m_files.begin());
    if (listed != m_files.end()) {
        m_lessons[std::size_t(index)] = std::move(*read.lesson);
    } else {
        m_lessons.push_back(std::move(*read.lesson));
        m_files.push_back(absolute);
        index = int(m_lessons.size()) - 1;
    }
    rebuildList();
    setCurrentLesson(index);
    return {};
}

void LessonPanel::setLessonRunning(bool running)
{
    m_end->setEnabled(running);
}

void LessonPanel::rebuildList()
{
    const QSignalBlocker blocker(m_list);
    m_list->clear();
    // Chapters in the order they first appear, lessons in list order under them.
    QList<QTreeWidgetItem *> chapters;
    for (std::size_t i = 0; i < m_lessons.size(); ++i) {
        // The user's own lessons stay together, apart from the course.
        const QString chapter = i < m_files.size() && !m_files[i].isEmpty() ? myLessonsTitle()
                                                                             : QString::fromStdString(m_lessons[i].chapter);
        QTreeWidgetItem *parent = nullptr;
        for (QTreeWidgetItem *c : chapters) {
            if (c->text(0) == chapter)
                parent = c;
        }
        if (!parent) {
            parent = new QTreeWidgetItem(m_list, {chapter});
            parent->setFlags(Qt::ItemIsEnabled);
            QFont bold = parent->font(0);
            bold.setBold(true);
            parent->setFont(0, bold);
            chapters.append(parent);
        }
        auto *item = new QTreeWidgetItem(parent, {QString::fromStdString(m_lessons[i].title)});
        item->setData(0, Qt::UserRole, int(i));
        item->setToolTip(0, i < m_files.size() && !m_files[i].isEmpty() ? m_files[i] : item->text(0));
        if (int(i) == m_current)
            m_list->setCurrentItem(item);
    }
    m_list->expandAll();
}

void LessonPanel::showLesson()
{
    while (QLayoutItem *item = m_startLayout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    if (m_current < 0) {
        m_text->setHtml(tr("<p>No lessons found.</p>"));
        return;
    }
    const Lesson &lesson = m_lessons[std::size_t(m_current)];
    QString html = QStringLiteral("<h3>%1</h3>%2").arg(QString::fromStdString(lesson.title).toHtmlEscaped(),
                                                       QString::fromStdString(lesson.text));
    const bool single = lesson.variants.size() == 1;
    for (std::size_t v = 0; v < lesson.variants.size(); ++v) {
        const LessonVariant &variant = lesson.variants[v];
        if (!variant.text.empty())
            html += QStringLiteral("<p><b>%1</b>: %2</p>")
                        .arg(QString::fromStdString(variant.title).toHtmlEscaped(), QString::fromStdString(variant.text));
        auto *button = new QPushButton(single ? tr("Start lesson") : QString::fromStdString(variant.title));
        button->setObjectName(single ? QStringLiteral("startLesson")
                                     : QStringLiteral("startLesson.") + QString::fromStdString(variant.key));
        button->setToolTip(single ? tr("Load the lesson's settings and data; then press Space to train.")
                                  : tr("Load this variant's settings and data; then press Space to train."));
        const int index = m_current;
        connect(button, &QPushButton::clicked, this, [this, index, v] {
            setLessonRunning(true);
            emit lessonStarted(m_lessons[std::size_t(index)], int(v));
        });
        m_startLayout->addWidget(button, int(v) / 2, int(v) % 2, 1, single ? 2 : 1);
    }
    m_text->setHtml(html);
}

void LessonPanel::chooseLessonFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open lesson"), QString(),
                                                      tr("Lessons (*.json);;All files (*)"));
    if (path.isEmpty())
        return;
    if (const std::string error = openLessonFile(path); !error.empty())
        QMessageBox::warning(this, tr("Open lesson"), QString::fromStdString(error));
}

}  // namespace np
