// The classroom screen, offscreen on a 1280x720 "projector" (the offscreen platform's screen is
// set by a config file before the application starts): presentation mode gives the plane at
// least 400x400 and cuts no text, keeps the speed slider, the view switcher and the lesson list;
// leaving restores the window; the view switcher raises the right dock; Reset Layout and the
// versioned saved layout; the guide, the shortcut list and a tooltip on every control; the
// command line's lesson names.

#include "boundaryview.h"
#include "document.h"
#include "lessonchoice.h"
#include "lessonpanel.h"
#include "mainwindow.h"
#include "networkdiagram.h"
#include "presentationmode.h"
#include "shortcutsdialog.h"
#include "userguide.h"
#include "viewswitcher.h"
#include "windowlayout.h"
#include "uitestsupport.h"

#include <QAbstractScrollArea>
#include <QAbstractSlider>
#include <QAbstractSpinBox>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDockWidget>
#include <QLabel>
#include <QMenu>
#include <QProcess>
#include <QPushButton>
#include <QScreen>

#include <algorithm>
#include <QScrollBar>
#include <QSettings>
#include <QStandardPaths>
#include <QTabBar>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QToolBar>
#include <QToolButton>
#include <QTreeWidget>
#include <QtTest>

using namespace np;
using namespace np::test;

namespace {

constexpr QSize kProjector(1280, 720);

QDockWidget *dock(const MainWindow &w, const char *name)
{
    return w.findChild<QDockWidget *>(QLatin1String(name));
}

// What is on screen: visible, and not on a dock tab that another tab covers.
// Opaque children (a scroll area's viewport) take their part out of a widget's visible region,
// so a widget covered only by its own children is on screen when one of them is.
bool onScreen(const QWidget *widget)
{
    if (!widget->isVisible())
        return false;
    if (!widget->visibleRegion().isEmpty())
        return true;
    const auto children = widget->findChildren<QWidget *>(Qt::FindDirectChildrenOnly);
    return std::any_of(children.begin(), children.end(), [](const QWidget *child) { return onScreen(child); });
}

// Each visible label's and button's text fits its width (labels that wrap are free to), and
// with `tabs` each dock tab's title.
QStringList clippedTexts(const QWidget *root, bool tabs = true)
{
    QStringList clipped;
    for (const QLabel *label : root->findChildren<QLabel *>()) {
        if (!onScreen(label) || label->wordWrap() || label->text().isEmpty() || Qt::mightBeRichText(label->text()))
            continue;
        int need = 0;
        for (const QString &line : label->text().split(QLatin1Char('\n')))
            need = std::max(need, label->fontMetrics().horizontalAdvance(line));
        const int have = label->contentsRect().width() - 2 * label->margin();
        if (need > have)
            clipped.append(QStringLiteral("label \"%1\" (%2 > %3 px)").arg(label->text()).arg(need).arg(have));
    }
    for (const QAbstractButton *button : root->findChildren<QAbstractButton *>()) {
        if (!onScreen(button) || button->text().isEmpty())
            continue;
        if (qobject_cast<const QToolButton *>(button) && static_cast<const QToolButton *>(button)->toolButtonStyle() == Qt::ToolButtonIconOnly)
            continue;
        QString text = button->text();
        text.remove(QLatin1Char('&'));
        const int need = button->fontMetrics().horizontalAdvance(text);
        // The text beside the indicator or icon needs its own width besides them.
        const int have = qobject_cast<const QPushButton *>(button) || qobject_cast<const QToolButton *>(button)
                             ? button->width()
                             : button->width() - button->style()->pixelMetric(QStyle::PM_IndicatorWidth, nullptr, button);
        if (need > have || button->sizeHint().width() > button->width() + 1)
            clipped.append(QStringLiteral("%1 \"%2\" (%3 px text, %4 px hint, %5 px wide)")
                               .arg(QString::fromLatin1(button->metaObject()->className()), button->text())
                               .arg(need).arg(button->sizeHint().width()).arg(button->width()));
    }
    // Dock tabs: Qt elides a tab's title when the bar is short of room.
    for (const QTabBar *bar : root->findChildren<QTabBar *>()) {
        if (!tabs || !onScreen(bar))
            continue;
        const int space = bar->style()->pixelMetric(QStyle::PM_TabBarTabHSpace, nullptr, bar);
        for (int i = 0; i < bar->count(); ++i) {
            const int need = bar->fontMetrics().horizontalAdvance(bar->tabText(i)) + space;
            if (need > bar->tabRect(i).width())
                clipped.append(QStringLiteral("tab \"%1\" (%2 > %3 px)").arg(bar->tabText(i)).arg(need).arg(bar->tabRect(i).width()));
        }
    }
    return clipped;
}

// The interactive controls a user can reach: buttons, combos, spin boxes, sliders, check boxes;
// not the pieces Qt builds inside its own widgets (a spin box's arrows, a tab bar's scroll
// buttons, a dock's title buttons have Qt's own tooltips or none by design).
bool isControl(const QWidget *w)
{
    if (!(qobject_cast<const QAbstractButton *>(w) || qobject_cast<const QComboBox *>(w)
          || qobject_cast<const QAbstractSpinBox *>(w) || qobject_cast<const QAbstractSlider *>(w)))
        return false;
    if (qobject_cast<const QScrollBar *>(w) || w->objectName().startsWith(QLatin1String("qt_")))
        return false;
    const QWidget *parent = w->parentWidget();
    return !(qobject_cast<const QTabBar *>(parent) || qobject_cast<const QAbstractSpinBox *>(parent)
             || qobject_cast<const QComboBox *>(parent) || qobject_cast<const QDockWidget *>(parent)
             || qobject_cast<const QAbstractScrollArea *>(parent));
}

Lesson lessonById(const MainWindow &w, const char *id)
{
    for (const Lesson &lesson : w.findChild<LessonPanel *>()->lessons()) {
        if (lesson.id == id)
            return lesson;
    }
    return {};
}

QString describe(const QWidget *w)
{
    QString text;
    if (const auto *b = qobject_cast<const QAbstractButton *>(w))
        text = b->text();
    return QStringLiteral("%1 %2 \"%3\" in %4")
        .arg(QString::fromLatin1(w->metaObject()->className()), w->objectName(), text,
             w->parentWidget() ? QString::fromLatin1(w->parentWidget()->metaObject()->className()) : QString());
}

}  // namespace

class TestPresentation : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setOrganizationName(QStringLiteral("NeuralPlaygroundTests"));
        QApplication::setApplicationName(QStringLiteral("test_presentation"));
        QCOMPARE(QGuiApplication::primaryScreen()->geometry().size(), kProjector);
    }

    void init()
    {
        QSettings().clear();
    }

    void thePlaneIsAtLeast400SquareOnA1280x720Projector()
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.setPresentation(true);
        QTRY_COMPARE(w.size(), kProjector);
        QTRY_VERIFY(w.boundaryView()->width() >= PresentationMode::kMinPlane
                    && w.boundaryView()->height() >= PresentationMode::kMinPlane);
        // The drawn square too, its axes besides.
        QVERIFY2(w.boundaryView()->plotRect().width() >= 0.9 * PresentationMode::kMinPlane,
                 qPrintable(QString::number(w.boundaryView()->plotRect().width())));
        // The views share the rest, wide enough to read.
        QVERIFY(dock(w, "lossDock")->isVisible());
        QVERIFY(dock(w, "lossDock")->width() >= 300);
        QVERIFY(dock(w, "networkDiagramDock")->isVisible());
        QCOMPARE(w.dockWidgetArea(dock(w, "networkDiagramDock")), Qt::RightDockWidgetArea);
        // What a teacher reaches for while talking.
        auto *speed = w.findChild<QSlider *>(QStringLiteral("speed"));
        QVERIFY(speed && onScreen(speed));
        QVERIFY(onScreen(w.viewSwitcher()->toolBar()));
        for (QAction *a : w.viewSwitcher()->actions())
            QVERIFY2(onScreen(w.viewSwitcher()->toolBar()->widgetForAction(a)), qPrintable(a->text()));
        QVERIFY(onScreen(w.findChild<QTreeWidget *>(QStringLiteral("lessonList"))));
        const QStringList clipped = clippedTexts(&w);
        QVERIFY2(clipped.isEmpty(), qPrintable(clipped.join(QLatin1Char('\n'))));
    }

    void theLessonListIsThereEvenWhenItsDockWasClosed()
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        dock(w, "lessonsDock")->close();
        QVERIFY(!dock(w, "lessonsDock")->isVisible());
        QTest::keyClick(&w, Qt::Key_F11);
        QTRY_VERIFY(w.isFullScreen());
        QTRY_VERIFY(onScreen(w.findChild<QTreeWidget *>(QStringLiteral("lessonList"))));
        auto *panel = w.findChild<LessonPanel *>();
        const int spiral = int(std::find_if(panel->lessons().begin(), panel->lessons().end(),
                                            [](const Lesson &l) { return l.id == "03-spiral-depth"; })
                               - panel->lessons().begin());
        panel->setCurrentLesson(spiral);
        auto *deep = panel->findChild<QPushButton *>(QStringLiteral("startLesson.deep"));
        QVERIFY(deep);
        QTRY_VERIFY(onScreen(deep));
        const QStringList clipped = clippedTexts(&w);
        QVERIFY2(clipped.isEmpty(), qPrintable(clipped.join(QLatin1Char('\n'))));
    }

    void everyLessonFitsTheProjector_data()
    {
        QTest::addColumn<int>("index");
        LessonPanel panel;
        for (std::size_t i = 0; i < panel.lessons().size(); ++i)
            QTest::newRow(panel.lessons()[i].id.c_str()) << int(i);
    }

    // Each lesson brings its own views forward; none of them may squeeze the plane or cut text.
    void everyLessonFitsTheProjector()
    {
        QFETCH(int, index);
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        const Lesson lesson = w.findChild<LessonPanel *>()->lessons()[std::size_t(index)];
        w.setPresentation(true);
        QVERIFY(w.startLesson(lesson, int(lesson.variants.size()) - 1));
        QTRY_COMPARE(w.size(), kProjector);
        QTRY_VERIFY(w.boundaryView()->width() >= PresentationMode::kMinPlane
                    && w.boundaryView()->height() >= PresentationMode::kMinPlane);
        // Once the layouts the lesson's start asked for have run (the status bar's, as its
        // message takes the data summary's room), as the next paint shows it.
        QTRY_VERIFY2(clippedTexts(&w).isEmpty(), qPrintable(clippedTexts(&w).join(QLatin1Char('\n'))));
    }

    void nothingIsClippedInTheNormalWindow_data()
    {
        QTest::addColumn<QSize>("size");
        QTest::newRow("1280x800") << QSize(1280, 800);
        QTest::newRow("1920x1080") << QSize(1920, 1080);
    }

    void nothingIsClippedInTheNormalWindow()
    {
        QFETCH(QSize, size);
        MainWindow w;
        w.resize(size);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.resetLayout();
        QTRY_COMPARE(w.size(), size);
        QTRY_VERIFY(w.boundaryView()->width() >= 300 && w.boundaryView()->height() >= 300);
        // Every dock in turn: the raised tab of each group is what is on screen.
        for (QDockWidget *d : w.findChildren<QDockWidget *>()) {
            if (d->objectName() == QLatin1String("recoveryDock"))
                continue;
            d->show();
            d->raise();
            // With every dock open at once their tabs share the plane's width, and Qt shortens
            // them as it does any dock tab; the tabs of the presentation are checked above.
            // Once the layout has settled (on a loaded machine it takes more than one pass).
            QTRY_VERIFY2(clippedTexts(&w, false).isEmpty(),
                         qPrintable(d->objectName() + QLatin1Char('\n') + clippedTexts(&w, false).join(QLatin1Char('\n'))));
        }
    }

    void theNetworkAndThePlaneComeFirst_data()
    {
        QTest::addColumn<QSize>("size");
        QTest::addColumn<double>("tile");
        QTest::addColumn<double>("plane");
        QTest::newRow("1280x800") << QSize(1280, 800) << 32.0 << 360.0;
        QTest::newRow("1920x1080") << QSize(1920, 1080) << 40.0 << 500.0;
    }

    // The default layout, side by side as TensorFlow Playground has it: the diagram's maps at
    // least 32 px (40 px at 1920x1080) for 8 units, the plane's square and the loss plot large,
    // the diagram not scrolled sideways.
    void theNetworkAndThePlaneComeFirst()
    {
        QFETCH(QSize, size);
        QFETCH(double, tile);
        QFETCH(double, plane);
        MainWindow w;
        w.resize(size);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.resetLayout();
        QTRY_COMPARE(w.size(), size);
        auto *diagram = w.findChild<NetworkDiagram *>();
        QVERIFY(diagram && onScreen(diagram));
        QCOMPARE(w.document()->config().network.hidden.front().units, 8);
        QTRY_VERIFY2(diagram->neuronRect(1, 0).width() >= tile,
                     qPrintable(QString::number(diagram->neuronRect(1, 0).width())));
        QVERIFY(diagram->neuronRect(1, 0).height() >= tile);
        const QRectF square = w.boundaryView()->plotRect();
        QVERIFY2(square.width() >= plane && square.height() >= plane,
                 qPrintable(QStringLiteral("%1x%2").arg(square.width()).arg(square.height())));
        QVERIFY(dock(w, "lossDock")->height() >= size.height() / 4);
        const auto *scroll = qobject_cast<QAbstractScrollArea *>(dock(w, "networkDiagramDock")->widget());
        QVERIFY(scroll);
        QVERIFY(!scroll->horizontalScrollBar()->isVisible());
        // Left to right: settings, network, plane.
        QVERIFY(dock(w, "dataDock")->geometry().right() < dock(w, "networkDiagramDock")->geometry().left());
        QVERIFY(dock(w, "networkDiagramDock")->geometry().right() < w.centralWidget()->geometry().left());
    }

    // On the projector the diagram is one of the views beside the plane, with maps of at least
    // 32 px for the deep spiral net, nothing cut and no sideways scrolling.
    void theDiagramIsReadableOnTheProjector()
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        const Lesson lesson = lessonById(w, "03-spiral-depth");
        w.setPresentation(true);
        QVERIFY(w.startLesson(lesson, 1));
        QTRY_COMPARE(w.size(), kProjector);
        w.viewSwitcher()->bringForward(QStringLiteral("networkDiagramDock"));
        auto *diagram = w.findChild<NetworkDiagram *>();
        QTRY_VERIFY(onScreen(diagram));
        QCOMPARE(w.dockWidgetArea(dock(w, "networkDiagramDock")), Qt::RightDockWidgetArea);
        QTRY_VERIFY2(diagram->neuronRect(1, 0).width() >= 32,
                     qPrintable(QString::number(diagram->neuronRect(1, 0).width())));
        QVERIFY(w.boundaryView()->plotRect().width() >= 0.9 * PresentationMode::kMinPlane);
        const auto *scroll = qobject_cast<QAbstractScrollArea *>(dock(w, "networkDiagramDock")->widget());
        QVERIFY(scroll && !scroll->horizontalScrollBar()->isVisible());
        QTRY_VERIFY2(clippedTexts(&w).isEmpty(), qPrintable(clippedTexts(&w).join(QLatin1Char('\n'))));
        // The titles are laid out once the dock has its final width: wait for that, not a moment.
        auto titles = [diagram] {
            QStringList shown;
            for (int c = 1; c <= 3; ++c)
                shown << diagram->columnTitleShown(c);
            return shown;
        };
        QTRY_VERIFY2(std::ranges::none_of(titles(), [](const QString &t) { return t.contains(QChar(0x2026)); }),
                     qPrintable(titles().join(QLatin1Char(' '))));
    }

    void theViewSwitcherRaisesTheRightDock()
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        const QList<QPair<const char *, const char *>> views = {
            {"folding", "foldingDock"}, {"regions", "regionsDock"}, {"health", "healthDock"}, {"backprop", "backpropDock"},
            {"loss", "lossDock"}, {"diagram", "networkDiagramDock"}, {"landscape", "landscapeDock"}};
        for (const auto &[key, name] : views) {
            QAction *a = w.action(QStringLiteral("view.") + QLatin1String(key));
            QVERIFY(a);
            if (a->isChecked())
                a->trigger();  // put away first, to see it come back
            QTRY_VERIFY(!a->isChecked());
            a->trigger();
            QDockWidget *d = dock(w, name);
            QTRY_VERIFY2(onScreen(d->widget()), name);
            QTRY_VERIFY(a->isChecked());
            // The tabs it shares its place with are covered.
            for (QDockWidget *other : w.tabifiedDockWidgets(d))
                QVERIFY2(!onScreen(other->widget()), qPrintable(other->objectName()));
        }
        // Plane: every view away; again: back.
        QAction *plane = w.action(QStringLiteral("view.plane"));
        plane->trigger();
        for (const auto &[key, name] : views)
            QTRY_VERIFY2(!dock(w, name)->isVisible(), name);
        QTRY_VERIFY(plane->isChecked());
        plane->trigger();
        QTRY_VERIFY(dock(w, "networkDiagramDock")->isVisible());
        QTRY_VERIFY(!plane->isChecked());
    }

    void everyViewButtonShowsInANarrowWindow()
    {
        // Ten buttons do not fit beside the training controls at 1280 (nor 1024) wide: they get a
        // row of their own rather than hiding Landscape and Diagram behind the toolbar's ».
        for (const QSize size : {QSize(1280, 800), QSize(1024, 700)}) {
            MainWindow w;
            w.resize(size);
            w.show();
            QVERIFY(QTest::qWaitForWindowExposed(&w));
            QToolBar *bar = w.viewSwitcher()->toolBar();
            QTRY_VERIFY2(bar->width() >= bar->sizeHint().width(),
                         qPrintable(QStringLiteral("%1 < %2").arg(bar->width()).arg(bar->sizeHint().width())));
            for (QAction *a : w.viewSwitcher()->actions()) {
                QWidget *button = bar->widgetForAction(a);
                QVERIFY2(button && button->isVisible(), qPrintable(a->objectName()));
                QVERIFY2(bar->rect().contains(button->geometry()), qPrintable(a->objectName()));
            }
        }
    }

    void theToolbarMenuListsEachDockOnce()
    {
        MainWindow w;
        w.show();
        w.setPresentation(true);
        std::unique_ptr<QMenu> menu(w.createPopupMenu());
        QVERIFY(menu);
        QStringList texts;
        for (const QAction *a : menu->actions()) {
            if (!a->isSeparator())
                texts.append(a->text());
        }
        QVERIFY(texts.contains(QStringLiteral("Lessons")));
        // While presenting, the view docks go by the view buttons' short names, which fit
        // their tabs at the large type; leaving gives them back their own.
        QVERIFY(texts.contains(QStringLiteral("Loss")));
        QVERIFY(texts.contains(QStringLiteral("Diagram")));
        w.setPresentation(false);
        QCOMPARE(dock(w, "lossDock")->windowTitle(), QStringLiteral("Loss and Metrics"));
        QCOMPARE(dock(w, "networkDiagramDock")->windowTitle(), QStringLiteral("Network Diagram"));
        QCOMPARE(QSet<QString>(texts.begin(), texts.end()).size(), texts.size());
        QCOMPARE(texts.size(), w.findChildren<QDockWidget *>().size() + w.findChildren<QToolBar *>().size());
    }

    void leavingRestoresTheWindow()
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.setGeometry(60, 40, 1000, 600);
        QTRY_COMPARE(w.geometry(), QRect(60, 40, 1000, 600));
        const QByteArray state = w.saveState();
        w.setPresentation(true);
        QTRY_COMPARE(w.size(), kProjector);
        QTest::keyClick(&w, Qt::Key_Escape);
        QTRY_VERIFY(!w.isFullScreen());
        QTRY_COMPARE(w.geometry(), QRect(60, 40, 1000, 600));
        QVERIFY(!w.isPresenting());
        QCOMPARE(w.saveState(), state);
    }

    void leavingNeverMakesTheWindowWiderThanTheScreen()
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.setGeometry(-200, 0, 1700, 900);  // e.g. saved on a larger monitor
        w.setPresentation(true);
        QTRY_COMPARE(w.size(), kProjector);
        w.setPresentation(false);
        const QRect available = w.screen()->availableGeometry();
        QTRY_VERIFY(!w.isFullScreen());
        QVERIFY2(available.contains(w.frameGeometry()), qPrintable(QStringLiteral("%1,%2 %3x%4").arg(w.frameGeometry().x()).arg(w.frameGeometry().y()).arg(w.frameGeometry().width()).arg(w.frameGeometry().height())));
    }

    void resetLayoutRestoresTheDefaultDocks()
    {
        struct Place
        {
            Qt::DockWidgetArea area;
            bool visible;
            bool floating;
            bool operator==(const Place &) const = default;
        };
        auto places = [](const MainWindow &w) {
            QMap<QString, Place> map;
            for (QDockWidget *d : w.findChildren<QDockWidget *>())
                map[d->objectName()] = {w.dockWidgetArea(d), d->isVisible(), d->isFloating()};
            return map;
        };
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        const auto fresh = places(w);
        dock(w, "dataDock")->setFloating(true);
        w.addDockWidget(Qt::LeftDockWidgetArea, dock(w, "lossDock"));
        dock(w, "networkDiagramDock")->close();
        dock(w, "runsDock")->show();
        w.findChild<QToolBar *>(QStringLiteral("trainingToolBar"))->hide();
        QVERIFY(places(w) != fresh);
        w.action(QStringLiteral("resetLayout"))->trigger();
        QTRY_VERIFY(places(w) == fresh);
        QVERIFY(w.findChild<QToolBar *>(QStringLiteral("trainingToolBar"))->isVisible());
        QVERIFY(w.tabifiedDockWidgets(dock(w, "lossDock")).contains(dock(w, "foldingDock")));
    }

    // A layout saved by an older version (another state version) or on a larger screen opens
    // as the default layout at the default size.
    void aStaleSavedLayoutIsNotRestored()
    {
        QString group;
        {
            MainWindow w;
            w.show();
            QVERIFY(QTest::qWaitForWindowExposed(&w));
            w.addDockWidget(Qt::LeftDockWidgetArea, dock(w, "lossDock"));
            w.setGeometry(0, 0, 2400, 1400);
            QSettings settings;
            group = WindowLayout(&w).settingsGroup();
            settings.setValue(group + QStringLiteral("/windowState"), w.saveState(WindowLayout::kVersion - 1));
            settings.setValue(group + QStringLiteral("/geometry"), w.saveGeometry());
        }
        MainWindow w;
        QCOMPARE(w.dockWidgetArea(dock(w, "lossDock")), Qt::BottomDockWidgetArea);
        QVERIFY(w.width() <= kProjector.width() && w.height() <= kProjector.height());
    }

    void aSavedLayoutOfThisVersionComesBack()
    {
        {
            MainWindow w;
            w.show();
            QVERIFY(QTest::qWaitForWindowExposed(&w));
            w.addDockWidget(Qt::LeftDockWidgetArea, dock(w, "lossDock"));
            w.setGeometry(30, 30, 900, 600);
            QTRY_COMPARE(w.geometry(), QRect(30, 30, 900, 600));
            w.close();
        }
        MainWindow w;
        QCOMPARE(w.dockWidgetArea(dock(w, "lossDock")), Qt::LeftDockWidgetArea);
        QCOMPARE(w.size(), QSize(900, 600));
    }

    void closingWhilePresentingKeepsTheLayoutFromBefore()
    {
        {
            MainWindow w;
            w.show();
            QVERIFY(QTest::qWaitForWindowExposed(&w));
            w.setGeometry(30, 30, 900, 600);
            w.setPresentation(true);
            QTRY_COMPARE(w.size(), kProjector);
            w.close();
        }
        MainWindow w;
        QCOMPARE(w.size(), QSize(900, 600));
        QVERIFY(!dock(w, "dataDock")->isHidden());
    }

    void questionMarkListsEveryShortcutWithoutBlocking()
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        QTest::keyClick(&w, Qt::Key_Question);
        auto *dialog = w.findChild<ShortcutsDialog *>();
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        QVERIFY(!dialog->isModal());
        QCOMPARE(QApplication::activeModalWidget(), nullptr);
        const QStringList rows = dialog->rows();
        QVERIFY(rows.contains(QStringLiteral("Train\tPlay\tSpace")));
        QVERIFY(rows.contains(QStringLiteral("View\tPresentation Mode\tF11")));
        // Every window action with a shortcut (they work in presentation too) is listed, with its keys.
        for (const QAction *a : w.actions()) {
            if (a->shortcut().isEmpty())
                continue;
            const QString keys = a->shortcut().toString(QKeySequence::NativeText);
            const bool listed = std::any_of(rows.begin(), rows.end(), [&](const QString &row) {
                return row.section(QLatin1Char('\t'), 2).split(QStringLiteral(", ")).contains(keys);
            });
            QVERIFY2(listed, qPrintable(a->text() + QLatin1Char(' ') + keys));
        }
        // In presentation, with the menu bar hidden, too.
        dialog->close();
        w.setPresentation(true);
        QTRY_VERIFY(w.isFullScreen());
        QTest::keyClick(&w, Qt::Key_Question);
        QTRY_VERIFY(dialog->isVisible());
    }

    void theUserGuideOpensInsideTheApp()
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        QTest::keyClick(&w, Qt::Key_F1);
        auto *guide = w.findChild<UserGuide *>();
        QVERIFY(guide);
        QTRY_VERIFY(guide->isVisible());
        QCOMPARE(QApplication::activeModalWidget(), nullptr);
        const QString text = guide->browser()->toPlainText();
        for (const char *topic : {"Painting data", "Building the network", "Training", "The views", "Lessons",
                                  "Presentation mode", "Export", "Folding", "Linear Regions", "Gradient Health"})
            QVERIFY2(text.contains(QLatin1String(topic)), topic);
        // Every picture it shows ships with it, small.
        const QString html = guide->browser()->toHtml();
        QRegularExpression img(QStringLiteral("<img src=\"([^\"]+)\""));
        int images = 0;
        for (auto it = img.globalMatch(html); it.hasNext(); ++images) {
            const QString name = it.next().captured(1);
            QFile file(QStringLiteral(":/guide/") + name);
            QVERIFY2(file.exists(), qPrintable(name));
            QVERIFY2(file.size() <= 100 * 1024, qPrintable(name));
            QVERIFY2(!QImage(file.fileName()).isNull(), qPrintable(name));
        }
        QVERIFY(images >= 4 && images <= 8);
    }

    void everyControlHasATooltip()
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        for (QDockWidget *d : w.findChildren<QDockWidget *>())
            d->show();
        // Each lesson with variants builds its start buttons when selected: take one.
        auto *panel = w.findChild<LessonPanel *>();
        panel->setCurrentLesson(2);
        QStringList missing;
        for (const QWidget *widget : w.findChildren<QWidget *>()) {
            if (isControl(widget) && widget->isEnabled() && widget->toolTip().trimmed().isEmpty())
                missing.append(describe(widget));
        }
        QVERIFY2(missing.isEmpty(), qPrintable(missing.join(QLatin1Char('\n'))));
    }

    void lessonNamesFromTheCommandLine()
    {
        const std::vector<Lesson> builtin = loadLessonDirectory(kBuiltinLessonsPath).lessons;
        LessonChoice c = chooseLesson(QStringLiteral("03-spiral-depth"), QStringLiteral("deep"), builtin);
        QVERIFY2(c.error.isEmpty(), qPrintable(c.error));
        QCOMPARE(c.lesson.id, std::string("03-spiral-depth"));
        QCOMPARE(c.lesson.variants[std::size_t(c.variant)].key, std::string("deep"));
        QVERIFY(c.file.isEmpty());
        c = chooseLesson(QStringLiteral("Spirals need depth"), {}, builtin);
        QCOMPARE(c.lesson.id, std::string("03-spiral-depth"));
        QCOMPARE(c.variant, 0);

        c = chooseLesson(QStringLiteral("03-spiral"), {}, builtin);
        QVERIFY(c.error.contains(QStringLiteral("no lesson \"03-spiral\"")));
        QVERIFY(c.error.contains(QStringLiteral("03-spiral-depth")));
        c = chooseLesson(QStringLiteral("03-spiral-depth"), QStringLiteral("deeper"), builtin);
        QVERIFY(c.error.contains(QStringLiteral("no variant \"deeper\"")));
        QVERIFY(c.error.contains(QStringLiteral("shallow, deep")));
        c = chooseLesson(QStringLiteral("/nonexistent/lesson.json"), {}, builtin);
        QVERIFY(c.error.contains(QStringLiteral("/nonexistent/lesson.json")));

        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("mine.json"));
        QVERIFY(QFile::copy(QStringLiteral(":/lessons/03-spiral-depth.json"), path));
        c = chooseLesson(path, QStringLiteral("DEEP"), builtin);
        QVERIFY2(c.error.isEmpty(), qPrintable(c.error));
        QCOMPARE(c.file, path);
        QCOMPARE(c.variant, 1);
    }

    void aLessonFromTheCommandLineStartsInTheWindow()
    {
        const std::vector<Lesson> builtin = loadLessonDirectory(kBuiltinLessonsPath).lessons;
        const LessonChoice c = chooseLesson(QStringLiteral("03-spiral-depth"), QStringLiteral("deep"), builtin);
        MainWindow w;
        w.show();
        w.setPresentation(true);
        QVERIFY(w.startLesson(c.lesson, c.variant, c.file));
        QCOMPARE(w.document()->config(), c.lesson.variants[1].session.config);
        auto *panel = w.findChild<LessonPanel *>();
        QCOMPARE(panel->lessons()[std::size_t(panel->currentLesson())].id, std::string("03-spiral-depth"));
        QVERIFY(w.findChild<QPushButton *>(QStringLiteral("endLesson"))->isEnabled());
        QTRY_VERIFY(onScreen(dock(w, "foldingDock")->widget()));
    }

    void badLessonNamesExitWithAMessage()
    {
        QProcess app;
        app.start(QStringLiteral(NP_APP_PATH), {QStringLiteral("--lesson"), QStringLiteral("no-such-lesson")});
        QVERIFY(app.waitForFinished(60000));
        QCOMPARE(app.exitCode(), 2);
        const QString error = QString::fromUtf8(app.readAllStandardError());
        QVERIFY2(error.contains(QStringLiteral("no lesson \"no-such-lesson\"")), qPrintable(error));
        QVERIFY(error.contains(QStringLiteral("03-spiral-depth")));
        app.start(QStringLiteral(NP_APP_PATH),
                  {QStringLiteral("--lesson"), QStringLiteral("03-spiral-depth"), QStringLiteral("--variant"),
                   QStringLiteral("nope")});
        QVERIFY(app.waitForFinished(60000));
        QCOMPARE(app.exitCode(), 2);
        QVERIFY(QString::fromUtf8(app.readAllStandardError()).contains(QStringLiteral("shallow, deep")));
        app.start(QStringLiteral(NP_APP_PATH), {QStringLiteral("--list-lessons")});
        QVERIFY(app.waitForFinished(60000));
        QCOMPARE(app.exitCode(), 0);
        const QString list = QString::fromUtf8(app.readAllStandardOutput());
        QVERIFY2(list.contains(QStringLiteral("03-spiral-depth")) && list.contains(QStringLiteral("(--variant shallow | deep)")),
                 qPrintable(list));
    }
};

// The offscreen platform's one screen is a 1280x720 projector, set before the application starts.
int main(int argc, char *argv[])
{
    QTemporaryDir dir;
    const QString config = dir.filePath(QStringLiteral("screens.json"));
    QFile file(config);
    if (!file.open(QIODevice::WriteOnly))
        return 1;
    file.write(R"({"screens": [{"name": "projector", "x": 0, "y": 0, "width": 1280, "height": 720,
                   "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]})");
    file.close();
    qputenv("QT_QPA_PLATFORM", "offscreen:configfile=" + config.toLocal8Bit());
    QApplication app(argc, argv);
    TestPresentation test;
    return QTest::qExec(&test, argc, argv);
}

#include "test_presentation.moc"
