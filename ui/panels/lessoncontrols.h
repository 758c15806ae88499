#pragma once

#include <QStringList>

#include <string>
#include <vector>

class QWidget;

namespace np {

/// Locks and highlights the controls a lesson names, found by objectName under root ('*' in a
/// name matches any run of characters, so "layer*.activation" names every layer's activation).
/// Locked controls are disabled with the tooltip "Locked by the lesson." and stay disabled when
/// their panel enables them again; highlighted ones get a background tinted with the palette's
/// highlight colour. Safe to call again (after a panel has rebuilt its layer rows): controls
/// already marked are left as they are. Returns the names that matched no control.
QStringList applyLessonControls(QWidget *root, const std::vector<std::string> &locked,
                                const std::vector<std::string> &highlighted);
/// Undoes applyLessonControls everywhere under root: enabled again, tooltips and palettes restored.
void clearLessonControls(QWidget *root);

}  // namespace np
