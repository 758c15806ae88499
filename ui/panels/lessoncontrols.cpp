#include "lessoncontrols.h"

#include <QCoreApplication>
#include <QEvent>
#include <QRegularExpression>
#include <QVariant>
#include <QWidget>

namespace np {

namespace {

// Dynamic properties remember what a lesson changed, so clearing restores exactly that.
constexpr const char *kLocked = "npLessonLocked";
constexpr const char *kSavedToolTip = "npLessonToolTip";
constexpr const char *kHighlighted = "npLessonHighlighted";
constexpr const char *kSavedPalette = "npLessonPalette";  // invalid when the widget inherited its palette
constexpr const char *kSavedAutoFill = "npLessonAutoFill";
constexpr const char *kGuardName = "npLessonLockGuard";

QString lockedToolTip()
{
    return QCoreApplication::translate("np::LessonPanel", "Locked by the lesson.");
}

/// Keeps locked controls locked: the panels enable and re-describe their controls as settings
/// change (e.g. the batch size when "full batch" is unticked), which must not undo a lock.
class LockGuard : public QObject
{
public:
    using QObject::QObject;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        auto *widget = qobject_cast<QWidget *>(watched);
        if (!widget || !widget->property(kLocked).toBool())
            return false;
        if (event->type() == QEvent::EnabledChange && widget->isEnabled()) {
            widget->setEnabled(false);
        } else if (event->type() == QEvent::ToolTipChange && widget->toolTip() != lockedToolTip()) {
            widget->setProperty(kSavedToolTip, widget->toolTip());
            widget->setToolTip(lockedToolTip());
        }
        return false;
    }
};


QRegularExpression namePattern(const std::string &name)
{
    QStringList parts = QString::fromStdString(name).split(QLatin1Char('*'));
    for (QString &part : parts)
        part = QRegularExpression::escape(part);
    return QRegularExpression(QRegularExpression::anchoredPattern(parts.join(QStringLiteral(".*"))));
}

/// Named widgets under root, root included (not the parts Qt builds inside its widgets, "qt_…").
QList<QWidget *> namedWidgets(QWidget *root)
{
    QList<QWidget *> widgets = root->findChildren<QWidget *>();
    widgets.prepend(root);
    widgets.removeIf([](QWidget *w) {
        return w->objectName().isEmpty() || w->objectName().startsWith(QLatin1String("qt_"));
    });
    return widgets;
}

QColor mix(const QColor &a, const QColor &b, double t)
{
    return QColor::fromRgbF(float(a.redF() + (b.redF() - a.redF()) * t), float(a.greenF() + (b.greenF() - a.greenF()) * t),
                            float(a.blueF() + (b.blueF() - a.blueF()) * t));
}

void lock(QWidget *widget, QObject *guard)
{
    if (widget->property(kLocked).toBool())
        return;
    widget->setProperty(kSavedToolTip, widget->toolTip());
    widget->setProperty(kLocked, true);
    widget->installEventFilter(guard);
    widget->setToolTip(lockedToolTip());
    widget->setEnabled(false);
}

void highlight(QWidget *widget)
{
    if (widget->property(kHighlighted).toBool())
        return;
    widget->setProperty(kHighlighted, true);
    widget->setProperty(kSavedPalette, widget->testAttribute(Qt::WA_SetPalette) ? QVariant(widget->palette()) : QVariant());
    widget->setProperty(kSavedAutoFill, widget->autoFillBackground());
    // A tint of the highlight colour over the control's own backgrounds: visible in light and
    // dark themes and on a projector, yet the control still reads as itself.
    QPalette palette = widget->palette();
    const QColor accent = palette.color(QPalette::Highlight);
    for (QPalette::ColorRole role : {QPalette::Window, QPalette::Base, QPalette::Button}) {
        for (QPalette::ColorGroup group : {QPalette::Active, QPalette::Inactive, QPalette::Disabled})
            palette.setColor(group, role, mix(palette.color(group, role), accent, 0.3));
    }
    widget->setPalette(palette);
    widget->setAutoFillBackground(true);
}

}  // namespace

QStringList applyLessonControls(QWidget *root, const std::vector<std::string> &locked,
                                const std::vector<std::string> &highlighted)
{
    auto *guard = root->findChild<QObject *>(QLatin1String(kGuardName), Qt::FindDirectChildrenOnly);
    if (!guard) {
        guard = new LockGuard(root);
        guard->setObjectName(QLatin1String(kGuardName));
    }
    const QList<QWidget *> widgets = namedWidgets(root);
    QStringList unmatched;
    auto apply = [&](const std::vector<std::string> &names, auto mark) {
        for (const std::string &name : names) {
            const QRegularExpression pattern = namePattern(name);
            bool found = false;
            for (QWidget *w : widgets) {
                if (pattern.match(w->objectName()).hasMatch()) {
                    mark(w);
                    found = true;
                }
            }
            if (!found)
                unmatched.append(QString::fromStdString(name));
        }
    };
    apply(locked, [guard](QWidget *w) { lock(w, guard); });
    apply(highlighted, [](QWidget *w) { highlight(w); });
    return unmatched;
}

void clearLessonControls(QWidget *root)
{
    QObject *guard = root->findChild<QObject *>(QLatin1String(kGuardName), Qt::FindDirectChildrenOnly);
    QList<QWidget *> widgets = root->findChildren<QWidget *>();
    widgets.prepend(root);
    for (QWidget *w : widgets) {
        if (w->property(kLocked).toBool()) {
            w->setProperty(kLocked, QVariant());
            if (guard)
                w->removeEventFilter(guard);
            w->setToolTip(w->property(kSavedToolTip).toString());
            w->setProperty(kSavedToolTip, QVariant());
            w->setEnabled(true);
        }
        if (w->property(kHighlighted).toBool()) {
            const QVariant saved = w->property(kSavedPalette);
            w->setPalette(saved.isValid() ? saved.value<QPalette>() : QPalette());
            w->setAutoFillBackground(w->property(kSavedAutoFill).toBool());
            w->setProperty(kHighlighted, QVariant());
            w->setProperty(kSavedPalette, QVariant());
            w->setProperty(kSavedAutoFill, QVariant());
        }
    }
    delete guard;
}

}  // namespace np
