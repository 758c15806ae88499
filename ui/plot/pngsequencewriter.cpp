#include "pngsequencewriter.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSaveFile>

namespace np {

namespace {

const QRegularExpression &numberPattern()
{
    static const QRegularExpression pattern(QStringLiteral("%(0?)(\\d*)d"));
    return pattern;
}

}  // namespace

PngSequenceWriter::PngSequenceWriter(const QString &target)
    : m_target(target)
{
}

bool PngSequenceWriter::isPattern(const QString &target)
{
    return numberPattern().match(target).hasMatch();
}

QString PngSequenceWriter::fileName(const QString &target, int number)
{
    QString pattern = target;
    if (!isPattern(pattern))
        pattern = QDir(target).filePath(QStringLiteral("frame-%04d.png"));
    const QRegularExpressionMatch m = numberPattern().match(pattern);
    const int width = m.captured(2).isEmpty() ? 0 : m.captured(2).toInt();
    const QChar fill = m.captured(1).isEmpty() ? QLatin1Char(' ') : QLatin1Char('0');
    return pattern.left(m.capturedStart()) + QStringLiteral("%1").arg(number, width, 10, fill)
           + pattern.mid(m.capturedEnd());
}

QString PngSequenceWriter::addFrame(const QImage &frame)
{
    if (!m_error.isEmpty())
        return m_error;
    const QString path = fileName(m_target, static_cast<int>(m_files.size()) + 1);
    if (m_files.isEmpty()) {
        const QString folder = QFileInfo(path).absolutePath();
        if (!QDir().mkpath(folder))
            return m_error = QObject::tr("Cannot create the folder %1").arg(QDir::toNativeSeparators(folder));
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || !frame.save(&file, "PNG") || !file.commit())
        return m_error = QObject::tr("Cannot write %1: %2")
                             .arg(QDir::toNativeSeparators(path),
                                  file.errorString().isEmpty() ? QObject::tr("PNG encoding failed") : file.errorString());
    m_files << path;
    m_bytes += QFileInfo(path).size();
    return {};
}

QString PngSequenceWriter::finish()
{
    if (m_error.isEmpty() && m_files.isEmpty())
        m_error = QObject::tr("Cannot write %1: no frames").arg(QDir::toNativeSeparators(m_target));
    return m_error;
}

void PngSequenceWriter::abandon()
{
    for (const QString &file : std::as_const(m_files))
        QFile::remove(file);
    m_files.clear();
    m_bytes = 0;
}

}  // namespace np
