#include "figureexport.h"

#include <QAction>
#include <QApplication>
#include <QBuffer>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QPushButton>
#include <QSaveFile>
#include <QSettings>
#include <QSpinBox>
#include <QSvgGenerator>
#include <QWindow>

#include <algorithm>
#include <cmath>

namespace np {

namespace {

// Figures are laid out in CSS pixels; SVG and PDF say so, so a viewer shows them at the size
// the same numbers give a PNG.
constexpr int kCssDpi = 96;
constexpr int kMaxSide = 16384;

QString figureTitleFor(const Figure &figure, const FigureOptions &options)
{
    return options.titleText.isEmpty() ? figure.figureTitle() : options.titleText;
}

QString writeBytes(const QString &path, const QByteArray &bytes)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return QObject::tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
    return {};
}

QByteArray encodePng(const Figure &figure, const FigureExportSettings &settings)
{
    const QImage image = renderFigure(figure, settings);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

QByteArray encodeSvg(const Figure &figure, const FigureExportSettings &settings)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    QSvgGenerator svg;
    svg.setOutputDevice(&buffer);
    svg.setResolution(kCssDpi);
    svg.setSize(settings.size);
    svg.setViewBox(QRect(QPoint(0, 0), settings.size));
    svg.setTitle(figureTitleFor(figure, settings.options));
    svg.setDescription(QStringLiteral("Neural Playground %1").arg(QStringLiteral(NP_VERSION)));
    QPainter painter(&svg);
    figure.paintFigure(painter, QRectF(QPointF(0, 0), settings.size), settings.options);
    painter.end();
    return bytes;
}

QByteArray encodePdf(const Figure &figure, const FigureExportSettings &settings)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QPdfWriter pdf(&buffer);
    pdf.setResolution(kCssDpi);
    // One page exactly the figure's size, in points (72 per inch), without margins.
    const QSizeF points(settings.size.width() * 72.0 / kCssDpi, settings.size.height() * 72.0 / kCssDpi);
    pdf.setPageSize(QPageSize(points, QPageSize::Point, QString(), QPageSize::ExactMatch));
    pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
    pdf.setTitle(figureTitleFor(figure, settings.options));
    pdf.setCreator(QStringLiteral("Neural Playground %1").arg(QStringLiteral(NP_VERSION)));
    QPainter painter(&pdf);
    figure.paintFigure(painter, QRectF(QPointF(0, 0), settings.size), settings.options);
    painter.end();
    return bytes;
}

}  // namespace

QString figureFormatSuffix(FigureFormat format)
{
    switch (format) {
    case FigureFormat::Png:
        return QStringLiteral("png");
    case FigureFormat::Svg:
        return QStringLiteral("svg");
    case FigureFormat::Pdf:
        return QStringLiteral("pdf");
    }
    return {};
}

std::optional<FigureFormat> figureFormatFromPath(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    for (FigureFormat f : {FigureFormat::Png, FigureFormat::Svg, FigureFormat::Pdf}) {
        if (suffix == figureFormatSuffix(f))
            return f;
    }
    return std::nullopt;
}

QImage renderFigure(const Figure &figure, const FigureExportSettings &settings)
{
    const double ratio = std::clamp(settings.devicePixelRatio, 0.25, 8.0);
    QImage image(settings.size, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(ratio);
    image.fill(Qt::white);  // the figure paints its own background; this only covers rounding
    QPainter painter(&image);
    figure.paintFigure(painter, QRectF(0, 0, settings.size.width() / ratio, settings.size.height() / ratio),
                       settings.options);
    painter.end();
    return image;
}

QString exportFigure(const Figure &figure, const QString &path, const FigureExportSettings &settings)
{
    const QString name = QDir::toNativeSeparators(path);
    const std::optional<FigureFormat> format = figureFormatFromPath(path);
    if (!format)
        return QObject::tr("Cannot write %1: the name must end in .png, .svg or .pdf").arg(name);
    const QSize size = settings.size;
    if (size.width() < 16 || size.height() < 16 || size.width() > kMaxSide || size.height() > kMaxSide)
        return QObject::tr("Cannot write %1: the size %2×%3 is outside 16 to %4 pixels a side")
            .arg(name)
            .arg(size.width())
            .arg(size.height())
            .arg(kMaxSide);
    // Encoded in memory first, so a file that cannot be written is reported before any work
    // is lost and an existing file is replaced only by a complete one.
    QByteArray bytes;
    switch (*format) {
    case FigureFormat::Png:
        bytes = encodePng(figure, settings);
        break;
    case FigureFormat::Svg:
        bytes = encodeSvg(figure, settings);
        break;
    case FigureFormat::Pdf:
        bytes = encodePdf(figure, settings);
        break;
    }
    if (bytes.isEmpty())
        return QObject::tr("Cannot write %1: the figure could not be drawn").arg(name);
    return writeBytes(path, bytes);
}

ExportAllResult exportAllFigures(const std::vector<const Figure *> &figures, const QString &folder,
                                 FigureFormat format, const FigureExportSettings &settings)
{
    ExportAllResult result;
    if (!QDir().mkpath(folder)) {
        result.error = QObject::tr("Cannot create the folder %1").arg(QDir::toNativeSeparators(folder));
        return result;
    }
    const QDir dir(folder);
    for (const Figure *figure : figures) {
        const QString path = dir.filePath(figure->figureName() + QLatin1Char('.') + figureFormatSuffix(format));
        result.error = exportFigure(*figure, path, settings);
        if (!result.error.isEmpty())
            return result;
        result.files << path;
    }
    return result;
}

// --- The dialog.

const QList<QSize> &FigureExportDialog::presetSizes()
{
    static const QList<QSize> sizes = {{800, 600}, {1600, 1200}, {1920, 1080}};
    return sizes;
}

FigureExportDialog::FigureExportDialog(const QString &defaultTitle, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Export Figure"));
    auto *form = new QFormLayout;

    m_preset = new QComboBox(this);
    for (const QSize &s : presetSizes())
        m_preset->addItem(tr("%1 × %2").arg(s.width()).arg(s.height()), s);
    m_preset->addItem(tr("Custom"));
    form->addRow(tr("&Size:"), m_preset);

    m_width = new QSpinBox(this);
    m_height = new QSpinBox(this);
    for (QSpinBox *box : {m_width, m_height}) {
        box->setRange(16, kMaxSide);
        box->setSuffix(tr(" px"));
    }
    auto *custom = new QHBoxLayout;
    custom->addWidget(m_width);
    custom->addWidget(new QLabel(QStringLiteral("×"), this));
    custom->addWidget(m_height);
    form->addRow(QString(), custom);

    m_scale = new QComboBox(this);
    m_scale->addItem(tr("1× (text as on screen)"), 1.0);
    m_scale->addItem(tr("2× (same layout, twice the pixels)"), 2.0);
    m_scale->setToolTip(tr("PNG only: 2× draws the figure of half the size at twice the resolution"));
    form->addRow(tr("S&cale:"), m_scale);

    m_format = new QComboBox(this);
    m_format->addItem(tr("PNG image"), int(FigureFormat::Png));
    m_format->addItem(tr("SVG vector drawing"), int(FigureFormat::Svg));
    m_format->addItem(tr("PDF document"), int(FigureFormat::Pdf));
    form->addRow(tr("&Format:"), m_format);

    m_title = new QCheckBox(tr("&Title"), this);
    m_titleText = new QLineEdit(this);
    m_titleText->setPlaceholderText(defaultTitle);
    auto *title = new QHBoxLayout;
    title->addWidget(m_title);
    title->addWidget(m_titleText, 1);
    form->addRow(title);
    m_legend = new QCheckBox(tr("&Legend"), this);
    form->addRow(m_legend);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Export…"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    form->addRow(buttons);
    setLayout(form);

    connect(m_preset, &QComboBox::currentIndexChanged, this, [this] {
        const QVariant size = m_preset->currentData();
        if (size.isValid()) {
            m_width->setValue(size.toSize().width());
            m_height->setValue(size.toSize().height());
        }
        updateEnabled();
    });
    connect(m_format, &QComboBox::currentIndexChanged, this, &FigureExportDialog::updateEnabled);
    connect(m_title, &QCheckBox::toggled, this, &FigureExportDialog::updateEnabled);
    setSettings(FigureExportSettings());
}

FigureExportSettings FigureExportDialog::settings() const
{
    FigureExportSettings s;
    s.size = QSize(m_width->value(), m_height->value());
    s.devicePixelRatio = format() == FigureFormat::Png ? m_scale->currentData().toDouble() : 1.0;
    s.options.title = m_title->isChecked();
    s.options.titleText = m_titleText->text().trimmed();
    s.options.legend = m_legend->isChecked();
    return s;
}

void FigureExportDialog::setSettings(const FigureExportSettings &s)
{
    const int preset = int(presetSizes().indexOf(s.size));
    m_preset->setCurrentIndex(preset >= 0 ? preset : m_preset->count() - 1);
    m_width->setValue(s.size.width());
    m_height->setValue(s.size.height());
    m_scale->setCurrentIndex(s.devicePixelRatio >= 1.5 ? 1 : 0);
    m_title->setChecked(s.options.title);
    m_titleText->setText(s.options.titleText);
    m_legend->setChecked(s.options.legend);
    updateEnabled();
}

FigureFormat FigureExportDialog::format() const
{
    return FigureFormat(m_format->currentData().toInt());
}

void FigureExportDialog::setFormat(FigureFormat format)
{
    m_format->setCurrentIndex(m_format->findData(int(format)));
}

void FigureExportDialog::updateEnabled()
{
    const bool custom = !m_preset->currentData().isValid();
    m_width->setEnabled(custom);
    m_height->setEnabled(custom);
    m_scale->setEnabled(format() == FigureFormat::Png);
    m_titleText->setEnabled(m_title->isChecked());
}

namespace {

// The last choices, so a series of exports keeps its size and format.
void loadChoices(FigureExportDialog &dialog)
{
    QSettings settings;
    settings.beginGroup(QStringLiteral("figureExport"));
    FigureExportSettings s;
    s.size = settings.value(QStringLiteral("size"), s.size).toSize();
    s.devicePixelRatio = settings.value(QStringLiteral("scale"), s.devicePixelRatio).toDouble();
    s.options.title = settings.value(QStringLiteral("title"), true).toBool();
    s.options.legend = settings.value(QStringLiteral("legend"), true).toBool();
    dialog.setSettings(s);
    dialog.setFormat(FigureFormat(settings.value(QStringLiteral("format"), int(FigureFormat::Png)).toInt()));
}

void saveChoices(const FigureExportDialog &dialog, const QString &folder)
{
    QSettings settings;
    settings.beginGroup(QStringLiteral("figureExport"));
    const FigureExportSettings s = dialog.settings();
    settings.setValue(QStringLiteral("size"), s.size);
    settings.setValue(QStringLiteral("scale"), s.devicePixelRatio);
    settings.setValue(QStringLiteral("title"), s.options.title);
    settings.setValue(QStringLiteral("legend"), s.options.legend);
    settings.setValue(QStringLiteral("format"), int(dialog.format()));
    settings.setValue(QStringLiteral("folder"), folder);
}

QString lastFolder()
{
    return QSettings().value(QStringLiteral("figureExport/folder"), QDir::homePath()).toString();
}

}  // namespace

QString exportFigureInteractively(const Figure &figure, QWidget *parent)
{
    FigureExportDialog dialog(figure.figureTitle(), parent);
    loadChoices(dialog);
    if (dialog.exec() != QDialog::Accepted)
        return {};
    const QString suffix = figureFormatSuffix(dialog.format());
    const QString proposed = QDir(lastFolder()).filePath(figure.figureName() + QLatin1Char('.') + suffix);
    QString path = QFileDialog::getSaveFileName(parent, QObject::tr("Export Figure"), proposed,
                                                QObject::tr("%1 files (*.%2)").arg(suffix.toUpper(), suffix));
    if (path.isEmpty())
        return {};
    if (!figureFormatFromPath(path))
        path += QLatin1Char('.') + suffix;
    saveChoices(dialog, QFileInfo(path).absolutePath());
    if (const QString error = exportFigure(figure, path, dialog.settings()); !error.isEmpty()) {
        QMessageBox::warning(parent, QObject::tr("Cannot export the figure"), error);
        return {};
    }
    return path;
}

QStringList exportAllFiguresInteractively(const std::vector<const Figure *> &figures, QWidget *parent)
{
    FigureExportDialog dialog(QObject::tr("each figure's own title"), parent);
    dialog.setWindowTitle(QObject::tr("Export All Figures"));
    loadChoices(dialog);
    if (dialog.exec() != QDialog::Accepted)
        return {};
    const QString folder = QFileDialog::getExistingDirectory(parent, QObject::tr("Export All Figures To"), lastFolder());
    if (folder.isEmpty())
        return {};
    saveChoices(dialog, folder);
    const ExportAllResult result = exportAllFigures(figures, folder, dialog.format(), dialog.settings());
    if (!result.error.isEmpty())
        QMessageBox::warning(parent, QObject::tr("Cannot export the figures"), result.error);
    return result.files;
}

QList<QAction *> attachFigureMenu(QWidget *view, const Figure *figure)
{
    auto *exportAction = new QAction(QObject::tr("&Export Figure…"), view);
    QObject::connect(exportAction, &QAction::triggered, view,
                     [view, figure] { exportFigureInteractively(*figure, view->window()); });
    auto *copyAction = new QAction(QObject::tr("&Copy Image"), view);
    QObject::connect(copyAction, &QAction::triggered, view, [view, figure] {
        // What the view shows, at the screen's resolution, with its title and legend.
        FigureExportSettings s;
        s.devicePixelRatio = view->devicePixelRatioF();
        s.size = (QSizeF(view->size()) * s.devicePixelRatio).toSize();
        QApplication::clipboard()->setImage(renderFigure(*figure, s));
    });
    const QList<QAction *> actions = {exportAction, copyAction};
    view->addActions(actions);
    if (view->contextMenuPolicy() != Qt::PreventContextMenu)
        view->setContextMenuPolicy(Qt::ActionsContextMenu);
    return actions;
}

}  // namespace np
