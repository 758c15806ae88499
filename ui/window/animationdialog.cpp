#include "animationdialog.h"

#include "figure.h"
#include "trainingcontroller.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QSettings>
#include <QStandardPaths>

namespace np {

namespace {

QString defaultFolder()
{
    const QString pictures = QStandardPaths::writableLocation(QStandardPaths::PicturesLocation);
    return QFileInfo(pictures).isDir() ? pictures : QDir::homePath();
}

// The last recording's choices, offered again next time (a teacher records several runs alike).
const QString kSettingsGroup = QStringLiteral("animationExport");

AnimationSettings rememberedSettings()
{
    AnimationSettings s;
    s.figure.size = QSize(800, 600);
    s.target = QDir(defaultFolder()).filePath(QStringLiteral("training.gif"));
    QSettings settings;
    settings.beginGroup(kSettingsGroup);
    s.view = settings.value(QStringLiteral("view"), s.view).toString();
    s.epochs = settings.value(QStringLiteral("epochs"), qlonglong(s.epochs)).toLongLong();
    s.frames = settings.value(QStringLiteral("frames"), s.frames).toInt();
    s.fps = settings.value(QStringLiteral("fps"), s.fps).toDouble();
    s.figure.size = settings.value(QStringLiteral("size"), s.figure.size).toSize();
    s.format = AnimationFormat(settings.value(QStringLiteral("format"), int(s.format)).toInt());
    s.dithering = Dithering(settings.value(QStringLiteral("dithering"), int(s.dithering)).toInt());
    s.target = settings.value(QStringLiteral("target"), s.target).toString();
    return s;
}

void rememberSettings(const AnimationSettings &s)
{
    QSettings settings;
    settings.beginGroup(kSettingsGroup);
    settings.setValue(QStringLiteral("view"), s.view);
    settings.setValue(QStringLiteral("epochs"), qlonglong(s.epochs));
    settings.setValue(QStringLiteral("frames"), s.frames);
    settings.setValue(QStringLiteral("fps"), s.fps);
    settings.setValue(QStringLiteral("size"), s.figure.size);
    settings.setValue(QStringLiteral("format"), int(s.format));
    settings.setValue(QStringLiteral("dithering"), int(s.dithering));
    settings.setValue(QStringLiteral("target"), s.target);
}

}  // namespace

AnimationDialog::AnimationDialog(TrainingController *controller, const std::vector<const Figure *> &figures,
                                 QWidget *parent)
    : QDialog(parent)
    , m_controller(controller)
{
    setWindowTitle(tr("Export Animation"));
    auto *form = new QFormLayout;

    m_view = new QComboBox(this);
    m_view->setObjectName(QStringLiteral("animationView"));
    const QStringList names = FigureRenderer::figureNames();
    for (const QString &name : names) {
        QString title = name;
        for (const Figure *figure : figures) {
            if (figure->figureName() == name)
                title = figure->figureTitle();
        }
        m_view->addItem(title, name);
    }
    m_view->setToolTip(tr("The view drawn in each frame, as File › Export draws its figure"));
    form->addRow(tr("&View:"), m_view);

    m_epochs = new QSpinBox(this);
    m_epochs->setObjectName(QStringLiteral("animationEpochs"));
    m_epochs->setRange(1, 10'000'000);
    m_epochs->setToolTip(tr("Epochs to train from the current state; the window's own training is not changed"));
    form->addRow(tr("&Epochs from now:"), m_epochs);

    m_frames = new QSpinBox(this);
    m_frames->setObjectName(QStringLiteral("animationFrames"));
    m_frames->setRange(0, AnimationSettings::kMaxFrames);
    m_frames->setSpecialValueText(tr("One per epoch (at most %1)").arg(AnimationSettings::kDefaultMaxFrames));
    m_frames->setToolTip(tr("Frames spread evenly over the epochs, the first before training"));
    form->addRow(tr("F&rames:"), m_frames);

    m_fps = new QDoubleSpinBox(this);
    m_fps->setObjectName(QStringLiteral("animationFps"));
    m_fps->setRange(0.5, 50);
    m_fps->setDecimals(1);
    m_fps->setSuffix(tr(" frames/s"));
    m_fps->setToolTip(tr("How fast the animation plays back"));
    form->addRow(tr("Frame r&ate:"), m_fps);

    m_width = new QSpinBox(this);
    m_height = new QSpinBox(this);
    for (QSpinBox *box : {m_width, m_height}) {
        box->setRange(160, 3840);
        box->setSuffix(tr(" px"));
    }
    m_width->setToolTip(tr("Frame width in pixels"));
    m_height->setToolTip(tr("Frame height in pixels"));
    auto *size = new QHBoxLayout;
    size->addWidget(m_width);
    size->addWidget(new QLabel(QStringLiteral("×"), this));
    size->addWidget(m_height);
    auto *sizeLabel = new QLabel(tr("&Size:"), this);
    sizeLabel->setBuddy(m_width);
    form->addRow(sizeLabel, size);

    m_format = new QComboBox(this);
    m_format->setObjectName(QStringLiteral("animationFormat"));
    m_format->addItem(tr("Animated GIF (for slides)"), int(AnimationFormat::Gif));
    m_format->addItem(tr("PNG sequence (numbered files)"), int(AnimationFormat::PngSequence));
    m_format->setToolTip(tr("An animated GIF that loops forever, or one PNG file per frame for video tools"));
    form->addRow(tr("&Format:"), m_format);

    m_dithering = new QComboBox(this);
    m_dithering->addItem(tr("Ordered (smooth, steady, compact)"), int(Dithering::Ordered));
    m_dithering->addItem(tr("Floyd–Steinberg (finest, larger)"), int(Dithering::FloydSteinberg));
    m_dithering->addItem(tr("None (bands in gradients)"), int(Dithering::None));
    m_dithering->setToolTip(tr("How the GIF's 256 colours per frame hide the steps of the boundary's shading"));
    form->addRow(tr("&Dithering:"), m_dithering);

    m_target = new QLineEdit(this);
    m_target->setObjectName(QStringLiteral("animationTarget"));
    m_target->setMinimumWidth(fontMetrics().averageCharWidth() * 40);
    m_target->setToolTip(tr("The GIF file, or the folder for the PNG frames (frame-0001.png, …)"));
    m_browse = new QPushButton(tr("&Browse…"), this);
    m_browse->setToolTip(tr("Choose the file or folder"));
    auto *target = new QHBoxLayout;
    target->addWidget(m_target, 1);
    target->addWidget(m_browse);
    auto *targetLabel = new QLabel(tr("Sa&ve to:"), this);
    targetLabel->setBuddy(m_target);
    form->addRow(targetLabel, target);

    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("animationSummary"));
    m_summary->setWordWrap(true);
    form->addRow(m_summary);
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("animationProgress"));
    m_progress->setFormat(tr("Frame %v of %m"));
    m_progress->hide();
    form->addRow(m_progress);
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("animationError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b00020"));
    m_error->hide();
    form->addRow(m_error);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_record = m_buttons->addButton(tr("&Record"), QDialogButtonBox::AcceptRole);
    m_record->setObjectName(QStringLiteral("animationRecord"));
    m_record->setDefault(true);
    m_record->setToolTip(tr("Train a copy of the current session and write the frames"));
    connect(m_record, &QPushButton::clicked, this, &AnimationDialog::record);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &AnimationDialog::reject);
    form->addRow(m_buttons);
    setLayout(form);

    connect(m_epochs, &QSpinBox::valueChanged, this, &AnimationDialog::updateSummary);
    connect(m_frames, &QSpinBox::valueChanged, this, &AnimationDialog::updateSummary);
    connect(m_fps, &QDoubleSpinBox::valueChanged, this, &AnimationDialog::updateSummary);
    connect(m_format, &QComboBox::currentIndexChanged, this, &AnimationDialog::formatChanged);
    connect(m_browse, &QPushButton::clicked, this, &AnimationDialog::browse);
    connect(m_controller, &TrainingController::sessionReady, this, &AnimationDialog::onSessionReady);
    connect(&m_recorder, &AnimationRecorder::progressChanged, this, [this](int done, int total) {
        m_progress->setMaximum(total);
        m_progress->setValue(done);
    });
    connect(&m_recorder, &AnimationRecorder::finished, this, &AnimationDialog::onFinished);

    setSettings(rememberedSettings());
}

AnimationSettings AnimationDialog::settings() const
{
    AnimationSettings s;
    s.view = m_view->currentData().toString();
    s.epochs = m_epochs->value();
    s.frames = m_frames->value();
    s.fps = m_fps->value();
    s.figure.size = QSize(m_width->value(), m_height->value());
    s.format = AnimationFormat(m_format->currentData().toInt());
    s.dithering = Dithering(m_dithering->currentData().toInt());
    s.target = m_target->text().trimmed();
    return s;
}

void AnimationDialog::setSettings(const AnimationSettings &s)
{
    m_view->setCurrentIndex(std::max(0, m_view->findData(s.view)));
    m_epochs->setValue(int(std::min<std::int64_t>(s.epochs, m_epochs->maximum())));
    m_frames->setValue(s.frames);
    m_fps->setValue(s.fps);
    m_width->setValue(s.figure.size.width());
    m_height->setValue(s.figure.size.height());
    const QSignalBlocker block(m_format);
    m_format->setCurrentIndex(std::max(0, m_format->findData(int(s.format))));
    m_dithering->setCurrentIndex(std::max(0, m_dithering->findData(int(s.dithering))));
    m_target->setText(QDir::toNativeSeparators(s.target));
    m_dithering->setEnabled(s.format == AnimationFormat::Gif);
    updateSummary();
}

void AnimationDialog::updateSummary()
{
    const int frames = int(animationFrameEpochs(0, m_epochs->value(), m_frames->value()).size());
    m_summary->setText((frames == 1 ? tr("1 frame, %1 s at %2 frames/s") : tr("%3 frames, %1 s at %2 frames/s"))
                           .arg(QLocale().toString(frames / m_fps->value(), 'f', 1))
                           .arg(QLocale().toString(m_fps->value(), 'g', 3))
                           .arg(frames));
}

void AnimationDialog::formatChanged()
{
    const bool gif = AnimationFormat(m_format->currentData().toInt()) == AnimationFormat::Gif;
    m_dithering->setEnabled(gif);
    // The destination follows: training.gif <-> the folder training-frames/.
    const QFileInfo info(QDir::fromNativeSeparators(m_target->text().trimmed()));
    const QString stem = info.suffix().isEmpty() ? info.fileName().remove(QStringLiteral("-frames")) : info.completeBaseName();
    const QString folder = info.path();
    m_target->setText(QDir::toNativeSeparators(
        gif ? QDir(folder).filePath(stem + QStringLiteral(".gif"))
            : QDir(folder).filePath(stem + QStringLiteral("-frames")) + QLatin1Char('/')));
}

void AnimationDialog::browse()
{
    const bool gif = AnimationFormat(m_format->currentData().toInt()) == AnimationFormat::Gif;
    const QString current = QDir::fromNativeSeparators(m_target->text().trimmed());
    const QString chosen =
        gif ? QFileDialog::getSaveFileName(this, tr("Save Animation"), current, tr("Animated GIF (*.gif)"))
            : QFileDialog::getExistingDirectory(this, tr("Folder for the PNG Frames"), QFileInfo(current).path());
    if (chosen.isEmpty())
        return;
    QString path = chosen;
    if (gif && !path.endsWith(QLatin1String(".gif"), Qt::CaseInsensitive))
        path += QStringLiteral(".gif");
    m_target->setText(QDir::toNativeSeparators(gif ? path : path + QLatin1Char('/')));
}

void AnimationDialog::setRecording(bool recording)
{
    for (QWidget *w : std::initializer_list<QWidget *>{m_view, m_epochs, m_frames, m_fps, m_width, m_height, m_format,
                                                       m_target, m_browse, m_record})
        w->setEnabled(!recording);
    m_dithering->setEnabled(!recording && settings().format == AnimationFormat::Gif);
    m_progress->setVisible(recording);
}

void AnimationDialog::record()
{
    if (isRecording())
        return;
    if (settings().target.isEmpty()) {
        m_error->setText(tr("Say where to save the animation."));
        m_error->show();
        return;
    }
    m_error->hide();
    rememberSettings(settings());
    m_progress->setRange(0, 0);  // busy until the first frame
    setRecording(true);
    // The session the worker trains now, as a value: the recording trains its own copy.
    m_awaitingSession = true;
    m_sessionRequest = m_controller->requestSession();
}

void AnimationDialog::onSessionReady(std::uint64_t request, const Session &session)
{
    if (!m_awaitingSession || request != m_sessionRequest)
        return;
    m_awaitingSession = false;
    m_recorder.start(session, settings());
}

void AnimationDialog::onFinished(const AnimationResult &result)
{
    setRecording(false);
    if (result.cancelled)
        return;
    if (!result.error.isEmpty()) {
        m_error->setText(result.error);
        m_error->show();
        return;
    }
    emit recorded(result);
    accept();
}

void AnimationDialog::reject()
{
    // Cancel during a recording stops it (nothing is left at the destination); the dialog
    // closes once the recorder has stopped.
    if (m_awaitingSession) {
        m_awaitingSession = false;
        setRecording(false);
    }
    if (m_recorder.isRunning()) {
        connect(&m_recorder, &AnimationRecorder::finished, this, &QDialog::reject, Qt::SingleShotConnection);
        m_recorder.cancel();
        return;
    }
    QDialog::reject();
}

}  // namespace np
