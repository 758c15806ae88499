#pragma once

#include "animationwriter.h"

namespace np {

/// Frames as numbered PNG files, for video editors and slides that take image sequences.
/// The target is a pattern with one printf-style number (frame-%04d.png, numbered from 1), or a
/// folder (an existing one, or a path ending in a separator), which gets frame-0001.png, ...
class PngSequenceWriter : public AnimationWriter
{
public:
    explicit PngSequenceWriter(const QString &target);

    /// Whether target is a pattern (holds %d or %0Nd) rather than a file name.
    static bool isPattern(const QString &target);
    /// The file name of frame `number` (from 1) for target.
    static QString fileName(const QString &target, int number);

    QString addFrame(const QImage &frame) override;
    QString finish() override;
    void abandon() override;
    QStringList files() const override { return m_files; }
    qint64 totalBytes() const override { return m_bytes; }

private:
    QString m_target;
    QStringList m_files;
    qint64 m_bytes = 0;
    QString m_error;
};

}  // namespace np
