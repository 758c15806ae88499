#pragma once

#include "figure.h"

#include <QDialog>
#include <QImage>
#include <QList>
#include <QSize>
#include <QStringList>

#include <optional>
#include <vector>

class QAction;
class QCheckBox;
class QComboBox;
class QLineEdit;
class QSpinBox;
class QWidget;

namespace np {

/// The file formats a figure is written to.
enum class FigureFormat { Png, Svg, Pdf };

/// "png", "svg", "pdf".
QString figureFormatSuffix(FigureFormat format);
/// The format a file name's suffix names (case-insensitive), if any.
std::optional<FigureFormat> figureFormatFromPath(const QString &path);

/// How big a figure is written and what it shows.
struct FigureExportSettings
{
    /// PNG: the image's size in pixels. SVG and PDF: the same numbers in CSS pixels (1/96 inch),
    /// so every format has the same proportions and the same text size relative to the plot.
    QSize size{800, 600};
    /// PNG only: device pixels per logical pixel. 2 draws the same figure as size / 2 would,
    /// at twice the resolution (text and lines twice as thick in pixels).
    double devicePixelRatio = 1.0;
    FigureOptions options;
};

/// The figure drawn into an image of settings.size pixels (transparent nowhere: the view
/// paints its background).
QImage renderFigure(const Figure &figure, const FigureExportSettings &settings);

/// Writes the figure to path as PNG, SVG or PDF, chosen by the suffix, atomically. Returns an
/// error naming the file, or empty.
QString exportFigure(const Figure &figure, const QString &path, const FigureExportSettings &settings);

/// What "export all figures" wrote: the files, in the order of the figures, and the first error.
struct ExportAllResult
{
    QStringList files;
    QString error;
};

/// Writes every figure into folder (created when missing) as <figureName>.<suffix>, stopping at
/// the first error.
ExportAllResult exportAllFigures(const std::vector<const Figure *> &figures, const QString &folder,
                                 FigureFormat format, const FigureExportSettings &settings);

/// Asks for the size, the format, the title and the legend of an export. The title field shows
/// the figure's own title as its placeholder.
class FigureExportDialog : public QDialog
{
    Q_OBJECT

public:
    /// The preset sizes offered besides a custom size.
    static const QList<QSize> &presetSizes();

    explicit FigureExportDialog(const QString &defaultTitle, QWidget *parent = nullptr);

    FigureExportSettings settings() const;
    void setSettings(const FigureExportSettings &settings);
    FigureFormat format() const;
    void setFormat(FigureFormat format);

private:
    void updateEnabled();

    QComboBox *m_preset = nullptr;
    QSpinBox *m_width = nullptr;
    QSpinBox *m_height = nullptr;
    QComboBox *m_scale = nullptr;
    QComboBox *m_format = nullptr;
    QCheckBox *m_title = nullptr;
    QLineEdit *m_titleText = nullptr;
    QCheckBox *m_legend = nullptr;
};

/// Shows the export dialog, then a file dialog, and writes the figure; errors are shown in a
/// message box. Returns the file written, or empty when cancelled or failed.
QString exportFigureInteractively(const Figure &figure, QWidget *parent);

/// The same for several figures: one dialog, a folder, every figure as <figureName>.<suffix>.
/// Returns the files written.
QStringList exportAllFiguresInteractively(const std::vector<const Figure *> &figures, QWidget *parent);

/// Gives a view the actions "Export Figure…" and "Copy Image" (the figure as a PNG on the
/// clipboard, at the view's size and the screen's pixel ratio) and shows them as its context
/// menu - unless the view uses the right button itself (contextMenuPolicy PreventContextMenu,
/// as the boundary view does for erasing): then the caller puts the returned actions into a
/// menu or a toolbar.
QList<QAction *> attachFigureMenu(QWidget *view, const Figure *figure);

}  // namespace np
