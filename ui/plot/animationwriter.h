#pragma once

#include <QImage>
#include <QString>
#include <QStringList>

namespace np {

/// Somewhere frames of an animation go, one at a time: an animated GIF or a numbered PNG
/// sequence. Frames all have the first frame's size.
class AnimationWriter
{
public:
    virtual ~AnimationWriter() = default;

    /// Adds the next frame. Returns an error naming the file, or empty; after an error the
    /// writer takes no more frames and finish() returns the same error.
    virtual QString addFrame(const QImage &frame) = 0;
    /// Completes the output (a GIF is written atomically: nothing is at its path before).
    /// Returns an error naming the file, or empty.
    virtual QString finish() = 0;
    /// Gives up: what was written so far is removed (a GIF was never there).
    virtual void abandon() = 0;

    /// The files written (one GIF, or every PNG), after finish().
    virtual QStringList files() const = 0;
    /// Their total size in bytes, after finish().
    virtual qint64 totalBytes() const = 0;
};

}  // namespace np
