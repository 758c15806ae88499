#include "sweepview.h"

#include "colors.h"
#include "viewevaluator.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMouseEvent>
#include <QPainter>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace np {

namespace {

constexpr double kExtent = 6.0;  // the input plane [-6, 6]^2, as the boundary view
constexpr int kTileResolution = 96;  // grid cells per side of a tile's boundary

QString valueCaption(SweepSetting setting, double value)
{
    const QString label = QString::fromStdString(sweepValueLabel(setting, value));
    switch (setting) {
    case SweepSetting::LearningRate:
        return QStringLiteral("η = ") + label;
    case SweepSetting::HiddenWidth:
        return SweepGallery::tr("width %1").arg(label);
    case SweepSetting::BatchSize:
        return value == 0 ? label : SweepGallery::tr("batch %1").arg(label);
    case SweepSetting::LayerCount:
        return SweepGallery::tr("%n hidden layer(s)", nullptr, int(value));
    default:
        return label;
    }
}

bool matchesName(const QString &word, const char *key, const char *title)
{
    return word.compare(QString::fromUtf8(key), Qt::CaseInsensitive) == 0
           || word.compare(QString::fromUtf8(title), Qt::CaseInsensitive) == 0;
}

}  // namespace

std::vector<double> parseSweepValues(SweepSetting setting, const QString &text, QString *error)
{
    std::vector<double> values;
    for (const QString &part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString word = part.trimmed();
        if (word.isEmpty())
            continue;
        bool ok = false;
        double v = 0.0;
        if (setting == SweepSetting::Activation) {
            for (const ActivationInfo &info : activations()) {
                if (matchesName(word, info.key, info.title)) {
                    v = double(info.activation);
                    ok = true;
                }
            }
        } else if (setting == SweepSetting::Optimizer) {
            for (int k = 0; k <= int(OptimizerKind::AdamW); ++k) {
                const auto kind = static_cast<OptimizerKind>(k);
                if (matchesName(word, optimizerKey(kind), optimizerTitle(kind))) {
                    v = double(k);
                    ok = true;
                }
            }
        } else if (setting == SweepSetting::BatchSize && word.startsWith(QLatin1String("full"), Qt::CaseInsensitive)) {
            ok = true;
        } else {
            v = word.toDouble(&ok);
            ok = ok && std::isfinite(v) && v >= 0
                 && (setting == SweepSetting::LearningRate || v == std::floor(v));
        }
        if (!ok) {
            if (error)
                *error = SweepView::tr("“%1” is not a value for %2.").arg(word, QString::fromUtf8(sweepSettingInfo(setting).title).toLower());
            return {};
        }
        values.push_back(v);
    }
    if (values.empty() && error)
        *error = SweepView::tr("Enter the values to try, separated by commas.");
    return values;
}

QString sweepValuesText(SweepSetting setting, const std::vector<double> &values)
{
    QStringList parts;
    for (double v : values)
        parts << QString::fromStdString(sweepValueLabel(setting, v));
    return parts.join(QStringLiteral(", "));
}

// --- SweepGallery

struct SweepGallery::Grid
{
    int columns = 1;
    double side = 0.0;
    double cellWidth = 0.0;
    double cellHeight = 0.0;
    QPointF origin;

    QRectF tile(int index) const
    {
        const int row = index / columns;
        const int column = index % columns;
        return QRectF(origin.x() + column * cellWidth, origin.y() + row * cellHeight, side, side);
    }
};

SweepGallery::SweepGallery(QWidget *parent)
    : QWidget(parent)
{
    setBackgroundRole(QPalette::Base);
    setAutoFillBackground(true);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
}

void SweepGallery::start(SweepSetting setting, const std::vector<double> &values, const Dataset &dataset)
{
    m_setting = setting;
    m_dataset = dataset;
    m_tiles.assign(values.size(), {});
    for (std::size_t i = 0; i < values.size(); ++i)
        m_tiles[i].result.value = values[i];
    m_best = -1;
    updateGeometry();
    update();
}

void SweepGallery::setResult(int index, const SweepResult &result, const QImage &boundary)
{
    if (index < 0 || index >= int(m_tiles.size()))
        return;
    m_tiles[std::size_t(index)] = {result, boundary};
    update();
}

void SweepGallery::finish()
{
    std::vector<SweepResult> results;
    for (const Tile &t : m_tiles)
        results.push_back(t.result);
    m_best = bestSweepResult(results);
    update();
}

double SweepGallery::tileSide() const
{
    return std::round(9.5 * QFontMetricsF(font()).height());
}

SweepGallery::Grid SweepGallery::grid(const QRectF &area, double side, double line) const
{
    Grid g;
    g.side = side;
    g.cellWidth = side + line;
    g.cellHeight = side + 2.6 * line;
    g.columns = std::max(1, int((area.width() + line) / g.cellWidth));
    g.origin = area.topLeft();
    return g;
}

QRectF SweepGallery::tileRect(int index) const
{
    const double line = QFontMetricsF(font()).height();
    return grid(QRectF(rect()).adjusted(line / 2, line / 2, -line / 2, -line / 2), tileSide(), line).tile(index);
}

QStringList SweepGallery::tileLabel(int index) const
{
    const SweepResult &r = m_tiles[std::size_t(index)].result;
    QString caption = valueCaption(m_setting, r.value);
    if (index == m_best)
        caption += tr(" — best");
    const bool validation = r.validation.count > 0;
    const double loss = validation ? r.validation.loss : r.train.loss;
    QString outcome;
    switch (r.status) {
    case SweepStatus::Pending:
        outcome = tr("waiting…");
        break;
    case SweepStatus::Finished:
        outcome = (validation ? tr("val. loss %1") : tr("loss %1")).arg(QString::number(loss, 'g', 3));
        break;
    case SweepStatus::Diverged:
        outcome = tr("diverged in epoch %1").arg(r.epochs + 1);
        break;
    case SweepStatus::Cancelled:
        outcome = tr("cancelled at epoch %1").arg(r.epochs);
        break;
    case SweepStatus::Failed:
        outcome = tr("cannot train");
        break;
    }
    return {caption, outcome};
}

QSize SweepGallery::sizeHint() const
{
    const int line = fontMetrics().height();
    const int side = int(tileSide());
    return {4 * (side + line) + line, heightForWidth(4 * (side + line) + line)};
}

int SweepGallery::heightForWidth(int width) const
{
    const double line = fontMetrics().height();
    const Grid g = grid(QRectF(0, 0, width - line, 0), tileSide(), line);
    const int rows = std::max(1, int((m_tiles.size() + std::size_t(g.columns) - 1) / std::size_t(g.columns)));
    return int(rows * g.cellHeight + line);
}

QString SweepGallery::figureName() const
{
    return QStringLiteral("sweep");
}

QString SweepGallery::figureTitle() const
{
    return tr("Sweep over %1").arg(QString::fromUtf8(sweepSettingInfo(m_setting).title).toLower());
}

void SweepGallery::paintFigure(QPainter &painter, const QRectF &rect, const FigureOptions &options) const
{
    painter.fillRect(rect, palette().color(QPalette::Base));
    const QFontMetricsF fm(font(), painter.device());
    QRectF area = rect.adjusted(fm.height() / 2, fm.height() / 2, -fm.height() / 2, -fm.height() / 2);
    if (options.title) {
        QFont bold = font();
        bold.setBold(true);
        painter.setFont(bold);
        painter.setPen(palette().color(QPalette::Text));
        painter.drawText(QRectF(area.left(), area.top(), area.width(), 1.2 * fm.height()), Qt::AlignCenter,
                         options.titleText.isEmpty() ? figureTitle() : options.titleText);
        area.setTop(area.top() + 1.6 * fm.height());
    }
    // As many tiles per row as the screen would, scaled to fill the width.
    const int columns = std::max(1, std::min(int(m_tiles.size()), 4));
    const double side = std::max(2.0 * fm.height(), (area.width() + fm.height()) / columns - fm.height());
    draw(painter, area, side, fm);
}

void SweepGallery::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    const QFontMetricsF fm(font());
    draw(painter, QRectF(rect()).adjusted(fm.height() / 2, fm.height() / 2, -fm.height() / 2, -fm.height() / 2),
         tileSide(), fm);
}

void SweepGallery::draw(QPainter &p, const QRectF &area, double side, const QFontMetricsF &fm) const
{
    p.setRenderHint(QPainter::Antialiasing);
    p.setRenderHint(QPainter::SmoothPixmapTransform);
    p.setFont(font());
    const QColor text = palette().color(QPalette::Text);
    const QColor base = palette().color(QPalette::Base);
    const QColor muted(blend(base.rgb(), text.rgb(), 0.55));
    const double line = fm.height();
    if (m_tiles.empty()) {
        p.setPen(muted);
        p.drawText(area, Qt::AlignCenter | Qt::TextWordWrap,
                   tr("Choose a setting and its values, then Start: every value is trained on the same data "
                      "from the same seed, and its decision boundary appears here."));
        return;
    }
    const Grid g = grid(area, side, line);
    const double radius = std::max(1.2, side / 100.0);
    for (int i = 0; i < int(m_tiles.size()); ++i) {
        const Tile &tile = m_tiles[std::size_t(i)];
        const QRectF r = g.tile(i);
        if (tile.boundary.isNull()) {
            p.fillRect(r, QColor(blend(base.rgb(), text.rgb(), 0.06)));
        } else {
            p.drawImage(r, tile.boundary);
            // The data on top, small: the boundary only means something next to the points.
            const auto toPixel = [&](double x1, double x2) {
                return QPointF(r.left() + (x1 + kExtent) / (2 * kExtent) * r.width(),
                               r.top() + (kExtent - x2) / (2 * kExtent) * r.height());
            };
            p.save();
            p.setClipRect(r);
            for (const DataPoint &pt : m_dataset.points) {
                const QColor fill = m_dataset.isClassification() ? classColor(pt.label)
                                                                 : QColor(divergingColor(pt.target, base.rgb()));
                p.setPen(QPen(QColor(blend(fill.rgb(), text.rgb(), 0.55)), 0.6));
                p.setBrush(pt.validation ? base : fill);
                p.drawEllipse(toPixel(pt.x1, pt.x2), radius, radius);
            }
            p.restore();
        }
        const bool diverged = tile.result.status == SweepStatus::Diverged || tile.result.status == SweepStatus::Failed;
        if (diverged) {
            // Washed out: its weights are the last good ones, not a result to trust.
            QColor veil = base;
            veil.setAlphaF(0.6f);
            p.fillRect(r, veil);
        }
        const bool best = i == m_best;
        const double frame = best ? std::max(2.0, line / 5.0) : 1.0;
        p.setBrush(Qt::NoBrush);
        p.setPen(QPen(best ? text : muted, frame));
        p.drawRect(r.adjusted(-frame / 2, -frame / 2, frame / 2, frame / 2));

        const QStringList label = tileLabel(i);
        QFont captionFont = font();
        captionFont.setBold(best);
        p.setFont(captionFont);
        p.setPen(text);
        const QRectF first(r.left(), r.bottom() + 0.25 * line, r.width(), line);
        p.drawText(first, Qt::AlignLeft | Qt::AlignVCenter, QFontMetricsF(captionFont, p.device()).elidedText(label[0], Qt::ElideRight, r.width()));
        p.setFont(font());
        p.setPen(diverged ? QColor(classColor(3)) : muted);
        p.drawText(first.translated(0, line), Qt::AlignLeft | Qt::AlignVCenter,
                   fm.elidedText(label[1], Qt::ElideRight, r.width()));
    }
}

void SweepGallery::mouseReleaseEvent(QMouseEvent *event)
{
    for (int i = 0; i < int(m_tiles.size()); ++i) {
        if (tileRect(i).contains(event->position())) {
            emit tileClicked(i);
            return;
        }
    }
    QWidget::mouseReleaseEvent(event);
}

// --- SweepView

SweepView::SweepView(QWidget *parent)
    : QWidget(parent)
    , m_settingBox(new QComboBox(this))
    , m_values(new QLineEdit(this))
    , m_epochs(new QSpinBox(this))
    , m_start(new QPushButton(tr("&Start"), this))
    , m_progress(new QProgressBar(this))
    , m_message(new QLabel(this))
    , m_gallery(new SweepGallery(this))
{
    for (const SweepSettingInfo &info : sweepSettings())
        m_settingBox->addItem(QString::fromUtf8(info.title), int(info.setting));
    m_values->setToolTip(tr("The values to try, separated by commas"));
    m_epochs->setRange(1, 100000);
    m_epochs->setValue(200);
    m_epochs->setSuffix(tr(" epochs"));
    m_progress->setRange(0, 1000);
    m_progress->setValue(0);
    m_progress->setTextVisible(false);
    m_message->setWordWrap(true);
    m_message->hide();

    auto *form = new QFormLayout;
    form->addRow(tr("Sweep"), m_settingBox);
    form->addRow(tr("Values"), m_values);
    auto *run = new QHBoxLayout;
    run->addWidget(m_epochs);
    run->addWidget(m_start);
    run->addWidget(m_progress, 1);
    form->addRow(tr("Train"), run);
    auto *scroll = new QScrollArea(this);
    scroll->setWidget(m_gallery);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addWidget(scroll, 1);

    connect(m_settingBox, &QComboBox::currentIndexChanged, this, &SweepView::onSettingChanged);
    connect(m_start, &QPushButton::clicked, this, [this] {
        if (m_running)
            cancel();
        else
            start();
    });
    connect(m_gallery, &SweepGallery::tileClicked, this, [this](int index) {
        const SweepResult &r = m_gallery->tiles()[std::size_t(index)].result;
        emit applyRequested(withSweepValue(m_config, m_gallery->setting(), r.value));
    });
    connect(&m_job, &BackgroundJob::progressChanged, this, &SweepView::onProgress);
    connect(&m_job, &BackgroundJob::finished, this, &SweepView::onFinished);
    m_config = defaultConfig();
    onSettingChanged();
}

// A cancelled sweep returns within a training step per worker: m_job waits that long.
SweepView::~SweepView() = default;

void SweepView::setSource(const Config &config, const Dataset &dataset)
{
    m_config = config;
    m_dataset = dataset;
}

void SweepView::setSetting(SweepSetting setting)
{
    m_settingBox->setCurrentIndex(m_settingBox->findData(int(setting)));
}

SweepSetting SweepView::setting() const
{
    return static_cast<SweepSetting>(m_settingBox->currentData().toInt());
}

void SweepView::setValuesText(const QString &text)
{
    m_values->setText(text);
}

void SweepView::setEpochs(int epochs)
{
    m_epochs->setValue(epochs);
}

void SweepView::onSettingChanged()
{
    m_values->setText(sweepValuesText(setting(), sweepPreset(setting())));
}

bool SweepView::start()
{
    if (m_running)
        return false;
    QString error;
    SweepSpec spec;
    spec.setting = setting();
    spec.values = parseSweepValues(spec.setting, m_values->text(), &error);
    spec.epochs = m_epochs->value();
    m_message->setVisible(spec.values.empty());
    m_message->setText(error);
    if (spec.values.empty())
        return false;

    m_running = true;
    m_start->setText(tr("&Cancel"));
    m_progress->setValue(0);
    m_gallery->start(spec.setting, spec.values, m_dataset);
    BoundaryStyle style;
    style.background = palette().color(QPalette::Base).rgb();
    m_job.start([this, spec, config = m_config, dataset = m_dataset, style](const BackgroundJob::Control &job) {
        SweepControl control;
        control.cancel = &job.cancelFlag();
        control.progress = [&job](const SweepProgress &p) { job.setProgress(p.epochsDone, p.epochsTotal); };
        control.result = [this, &job, &dataset, style](int index, const SweepResult &r) {
            // The tile's image is computed here, on the worker, so the GUI thread only draws it.
            QImage boundary;
            if (!r.model.parameters.empty()) {
                GridSpec grid{-kExtent, kExtent, -kExtent, kExtent, kTileResolution, kTileResolution};
                boundary = computeViewFrame(r.model, dataset, style, grid, ViewNeeds{}).boundary;
            }
            job.post([this, index, r, boundary] { onResult(index, r, boundary); });
        };
        runSweep(spec, config, dataset, control);
    });
    return true;
}

void SweepView::cancel()
{
    m_job.cancel();
}

void SweepView::onProgress(qint64 epochsDone, qint64 epochsTotal)
{
    if (epochsTotal <= 0)
        return;
    m_progress->setValue(int(epochsDone * 1000 / epochsTotal));
}

void SweepView::onResult(int index, const SweepResult &result, const QImage &boundary)
{
    if (result.status == SweepStatus::Failed) {
        m_message->setText(QString::fromStdString(result.message));
        m_message->show();
    }
    m_gallery->setResult(index, result, boundary);
}

void SweepView::onFinished()
{
    m_running = false;
    m_start->setText(tr("&Start"));
    m_progress->setValue(m_progress->maximum());
    m_gallery->finish();
    emit finished();
}

}  // namespace np
