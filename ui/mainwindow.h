#pragma once

#include <QMainWindow>

namespace np {

/// The main window. For now a shell that shows the default dataset.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
};

}  // namespace np
