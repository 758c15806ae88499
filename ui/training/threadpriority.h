#pragma once

class QThread;

namespace np {

/// Makes a worker thread yield to the GUI thread when the cores are busy: on two cores the
/// trainer and the view evaluator would otherwise take turns with the GUI thread as equals,
/// and every turn they take is a stall the user feels. Call before thread->start(). On Linux
/// the thread gets a higher nice value (Qt's priorities do nothing under SCHED_OTHER).
void runInBackground(QThread *thread, int niceIncrement);

}  // namespace np
