#include "sweepview.h"
#include "sweepvalues.h"

#include "viewevaluator.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QVBoxLayout>

namespace np {

namespace {

constexpr int kTileResolution = 96;  // grid cells per side of a tile's boundary

}  // namespace

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
    m_settingBox->setToolTip(tr("The setting to sweep: one training per value, the rest of the settings as they are"));
    m_epochs->setToolTip(tr("How long each value trains"));
    m_start->setToolTip(tr("Train every value side by side, off the window's thread; again to cancel"));
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
                GridSpec grid{-kSweepExtent, kSweepExtent, -kSweepExtent, kSweepExtent, kTileResolution, kTileResolution};
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
