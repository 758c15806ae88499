#!/usr/bin/env python3
"""Sorts the ThreadSanitizer reports of a `ctest --preset tsan` run into Qt's hand-offs and ours.

    triage.py clear DIR              empties DIR, where TSAN_OPTIONS' log_path writes the reports
    triage.py check DIR              reads every report in DIR; exit status 1 if any is ours
    triage.py selftest PROGRAM DIR   runs raceexample (a race of ours and a Qt hand-off) and
                                     checks that the first is reported as ours, the second not

Debian's Qt is not built with -fsanitize=thread. TSan does not see the mutexes and atomics inside
it, so every hand-off that goes through Qt (a queued call's arguments and slot object, the
posted-event lists, Qt's thread pool) is reported as a race. TSan's stacks show our frames, the
interceptors and, of Qt, only the frame that called an interceptor or one of our functions
directly (unexported frames as `<null> (libQt6Core.so.6+0x...)`), so a suppression cannot name
most of those hand-offs without also hiding races of ours. This script decides by the two
accesses themselves, not by anything further down their stacks:

- an access is Qt's when Qt's code made it: the frame that made it (for an interceptor such as
  memmove, malloc or operator new, its caller; libstdc++'s header frames skipped) is in a libQt6
  module, in glib's event loop under Qt's, or in one of Qt's header templates (the queued call's
  FunctorCall, slot object, invokeMethod); or it writes a value Qt copies or destroys for a queued
  call (under QMetaType::construct, create or destroy, ~QMetaCallEvent, or the destructor of the
  call's slot object, which the last thread to drop it runs). Reading the value being
  copied is the sender's own access and stays ours;
- a data race is a Qt hand-off when at least one of its two accesses is Qt's, and ours when both
  are made by our code, whatever called that code (a slot run by Qt's event loop is still ours):
  that is a bug, listed with both stacks, and the check fails;
- any other kind of report (a lock-order inversion, a use after free, a signal handler) is ours
  unless every access in it is Qt's.

What this cannot tell apart: a race of ours on a Qt container (a QList shared without a lock)
whose both accesses happen inside Qt's code; and a lambda of ours that the compiler merged into
Qt's QtPrivate slot-object template without recording it (seen only in the tests, whose shared
precompiled header leaves some inlined frames out), which is counted as Qt's. Nothing of ours shares a Qt container between
threads: values cross in Mailbox (under a std::mutex, which TSan sees) or in queued calls.
"""

import collections
import os
import pathlib
import re
import shutil
import subprocess
import sys

# A value Qt copies or destroys for a hand-off: a queued call's arguments (copied by our copy
# constructor, called from QMetaType on the sending thread, destroyed on the receiving one) and
# its functor (destroyed by whichever thread drops the last reference to the slot object).
HANDOFF_MAKERS = ("QMetaType::construct", "QMetaType::create", "QMetaType::destroy",
                  "QtPrivate::QMetaTypeForType", "QMetaCallEvent::~QMetaCallEvent",
                  "~QFunctorSlotObject", "~QCallableObject")


def makes_handoff(function):
    """A frame of such a copy or destruction (the slot object's destructor, not its call)."""
    if function.startswith(("QtPrivate::QFunctorSlotObject<", "QtPrivate::QCallableObject<")):
        return "::~" in function
    return function.startswith(HANDOFF_MAKERS)


FRAME = re.compile(r"^\s+#\d+ (.*?) (\S+) \(([^)]+)\)$")
ACCESS = re.compile(r"^  ((?:Previous )?(?:[Aa]tomic )?(?:[Rr]ead|[Ww]rite)) of size \d+ ")


def frames(lines):
    """(function, file, module) of each frame of a stack that starts at lines[0]."""
    out = []
    for line in lines:
        m = FRAME.match(line)
        if not m:
            break
        out.append((m.group(1), m.group(2), m.group(3)))
    return out


def is_qt(frame):
    """Qt's code: its libraries, the glib event loop under them, or Qt's header templates (by
    their path, or by Qt's private namespace where the debug information lacks the path)."""
    function, file, module = frame
    return ("libQt6" in module or "libglib" in module or file.startswith("/usr/include/x86_64-linux-gnu/qt6/")
            or function.startswith("QtPrivate::"))


def accessor(stack):
    """The frame that made the access: the first one outside TSan's runtime and libstdc++'s
    headers (a vector's allocation is made by whoever grows the vector)."""
    for frame in stack:
        if "libtsan" not in frame[2] and not frame[1].startswith("/usr/include/c++/"):
            return frame
    return ("?", "?", "?")


def made_by_qt(access, stack):
    """Qt's code made the access, or Qt made it into a value it hands over: a write (an
    allocation, a free) under a copy or destruction that Qt does for a queued call. Reading the
    value being copied is the sender's own access and stays ours."""
    if is_qt(accessor(stack)):
        return True
    writes = "rite" in access  # TSan reports an allocation or a free as a write
    return writes and any(makes_handoff(f[0]) for f in stack)


def short(function):
    """A function's name without its template arguments and parameters."""
    name = function
    while (shorter := re.sub(r"<[^<>]*>", "", name)) != name:
        name = shorter
    name = name.split("(")[0]
    return name if name.strip("~") else function.split("(")[0]  # "~<lambda>" stays as it is


def label(stack):
    """The access as the summary names it: the interceptor, and who called it."""
    top = stack[0] if stack else ("?", "?", "?")
    made = accessor(stack)
    name = made[0] if made[0] != "<null>" else made[2].rsplit("/", 1)[-1]
    name = short(name)
    if top == made:
        return name
    return f"{short(top[0])} in {name}"


def reports(text):
    for block in text.split("==================\n"):
        start = block.find("WARNING: ThreadSanitizer:")
        if start >= 0:
            yield block[start:]


def triage(block):
    lines = block.splitlines()
    kind = lines[0].split("ThreadSanitizer:", 1)[1].split("(")[0].strip()
    stacks, accesses = [], []
    for i, line in enumerate(lines):
        m = ACCESS.match(line)
        if m:
            accesses.append(m.group(1))
            stacks.append(frames(lines[i + 1:]))
    qt = [made_by_qt(a, s) for a, s in zip(accesses, stacks)]
    if kind == "data race" and len(stacks) == 2:
        mine = not any(qt)
    else:
        mine = not stacks or not all(qt)
    made = " / ".join(label(s) for s in stacks) or "-"
    return kind, mine, made


def read(folder):
    """Every report in the folder, triaged: (file name, report, kind, ours, what made it)."""
    for path in sorted(pathlib.Path(folder).glob("report*")):
        for block in reports(path.read_text(errors="replace")):
            yield (path.name, block) + triage(block)


def check(folder):
    files = len(list(pathlib.Path(folder).glob("report*")))
    counts = collections.Counter()
    bugs = []
    total = 0
    for name, block, kind, mine, made in read(folder):
        total += 1
        if mine:
            bugs.append((name, block))
        else:
            counts[(kind, made)] += 1
    print(f"ThreadSanitizer: {total} reports in {files} files; {total - len(bugs)} Qt hand-offs, "
          f"{len(bugs)} with our code on both sides")
    for (kind, made), n in counts.most_common():
        print(f"  {n:4d}  {kind}: {made}")
    for name, block in bugs:
        print(f"\nOurs ({name}):\n{block}")
    return 1 if bugs else 0


def selftest(program, folder):
    clear(folder)
    env = dict(os.environ, TSAN_OPTIONS=f"exitcode=0:log_path={pathlib.Path(folder) / 'report'}")
    subprocess.run([program], env=env, check=True, timeout=600)
    triaged = list(read(folder))
    ours = [t for t in triaged if t[3]]
    handoffs = [t for t in triaged if not t[3]]
    found = [t for t in ours if "writeUnguardedFromTheWorker" in t[1] and "writeUnguardedFromASlot" in t[1]]
    wrong = [t for t in ours if "writeUnguarded" not in t[1]]
    print(f"{len(triaged)} reports: {len(ours)} ours, {len(handoffs)} Qt hand-offs")
    for name, block, *_ in wrong:
        print(f"\nReported as ours, but a hand-off ({name}):\n{block}")
    if not found:
        print("The race between writeUnguardedFromTheWorker and writeUnguardedFromASlot was not reported as ours")
    if not handoffs:
        print("The queued calls' hand-off was not reported (or not counted as Qt's)")
    return 0 if found and handoffs and not wrong else 1


def clear(folder):
    shutil.rmtree(folder, ignore_errors=True)
    pathlib.Path(folder).mkdir(parents=True)


def main(argv):
    if len(argv) == 3 and argv[1] == "clear":
        clear(argv[2])
        return 0
    if len(argv) == 3 and argv[1] == "check":
        return check(argv[2])
    if len(argv) == 4 and argv[1] == "selftest":
        return selftest(argv[2], argv[3])
    print("\n".join(__doc__.splitlines()[1:6]), file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
