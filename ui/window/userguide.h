#pragma once

#include <QWidget>

class QTextBrowser;

namespace np {

/// Help › User Guide: the illustrated guide that ships with the app (resources/guide, in Qt
/// resources under :/guide), in a window of its own beside the main window, non-modal. Links
/// inside the guide stay in it; links to the web open the browser.
class UserGuide : public QWidget
{
    Q_OBJECT

public:
    /// Where the guide's first page lives.
    static constexpr const char *kIndex = "qrc:/guide/index.html";

    explicit UserGuide(QWidget *parent = nullptr);

    QTextBrowser *browser() const { return m_browser; }
    /// Shows the guide at `anchor` ("presentation", …; empty: the top).
    void showSection(const QString &anchor = {});

private:
    QTextBrowser *m_browser;
};

}  // namespace np
