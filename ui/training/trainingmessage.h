#pragma once

#include <QMetaType>
#include <QString>

namespace np {

/// Something the worker tells the user, with what it is about, so the window decides how to
/// show it from the kind and never from the wording.
struct TrainingMessage
{
    enum class Kind {
        Diverged,       ///< the loss became NaN or infinite; training paused, the last good weights restored
        Stopped,        ///< training stopped on its own: epoch limit, target loss, early stopping, no data
        Reinitialised,  ///< the network's shape changed, so its weights were drawn afresh
        Refused,        ///< a setting, data or saved state the trainer cannot use; nothing changed
    };

    Kind kind = Kind::Refused;
    QString text;
};

}  // namespace np

Q_DECLARE_METATYPE(np::TrainingMessage)
