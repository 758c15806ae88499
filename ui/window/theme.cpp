#include "theme.h"

#include <QActionGroup>
#include <QApplication>
#include <QMenu>
#include <QPalette>
#include <QSettings>
#include <QStyle>
#include <QStyleFactory>

namespace np {

void applyTheme(const QString &theme)
{
    if (theme == QLatin1String("system")) {
        QApplication::setPalette(QApplication::style()->standardPalette());
    } else {
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QPalette p = QApplication::style()->standardPalette();
        if (theme == QLatin1String("dark")) {
            p.setColor(QPalette::Window, QColor(45, 45, 48));
            p.setColor(QPalette::WindowText, QColor(230, 230, 230));
            p.setColor(QPalette::Base, QColor(30, 30, 32));
            p.setColor(QPalette::AlternateBase, QColor(45, 45, 48));
            p.setColor(QPalette::Text, QColor(230, 230, 230));
            p.setColor(QPalette::Button, QColor(55, 55, 58));
            p.setColor(QPalette::ButtonText, QColor(230, 230, 230));
            p.setColor(QPalette::Highlight, QColor(0, 114, 178));
            p.setColor(QPalette::HighlightedText, Qt::white);
            p.setColor(QPalette::ToolTipBase, QColor(60, 60, 64));
            p.setColor(QPalette::ToolTipText, QColor(230, 230, 230));
            p.setColor(QPalette::PlaceholderText, QColor(150, 150, 150));
            p.setColor(QPalette::Disabled, QPalette::Text, QColor(120, 120, 120));
            p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(120, 120, 120));
            p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(120, 120, 120));
        }
        QApplication::setPalette(p);
    }
}

ThemeMenu::ThemeMenu(QMenu *view)
    : QObject(view)
    , m_group(new QActionGroup(this))
{
    QMenu *menu = view->addMenu(tr("&Theme"));
    for (const auto &[key, label] : {std::pair{QStringLiteral("system"), tr("&System")},
                                     std::pair{QStringLiteral("light"), tr("&Light")},
                                     std::pair{QStringLiteral("dark"), tr("&Dark")}}) {
        QAction *a = menu->addAction(label);
        a->setObjectName(QStringLiteral("theme-") + key);
        a->setCheckable(true);
        m_group->addAction(a);
        connect(a, &QAction::triggered, this, [this, key = key] { choose(key); });
    }
}

void ThemeMenu::restore()
{
    const QString theme = QSettings().value(QStringLiteral("theme"), QStringLiteral("system")).toString();
    for (QAction *a : m_group->actions()) {
        if (a->objectName() == QStringLiteral("theme-") + theme)
            a->setChecked(true);
    }
    choose(theme);
}

void ThemeMenu::choose(const QString &theme)
{
    applyTheme(theme);
    QSettings().setValue(QStringLiteral("theme"), theme);
    emit changed();
}

}  // namespace np
