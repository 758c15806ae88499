#!/usr/bin/env bash
# Builds everything (installing missing Debian packages first) and runs the test suite.
# Usage: scripts/run-tests.sh [release|asan|tsan|fuzz] [ctest options...]
#   release  the whole suite, optimised (the default)
#   asan     the whole suite under AddressSanitizer + UndefinedBehaviorSanitizer, less the tests
#            labelled no-asan (tests/CMakeLists.txt says why for each)
#   tsan     the tests labelled threads under ThreadSanitizer, then tests/tsan/triage.py over
#            their reports (fails on a race with our code on both sides)
#   fuzz     each loader's libFuzzer harness for NP_FUZZ_SECONDS (30) from its seed corpus
set -euo pipefail
cd "$(dirname "$0")/.."
preset=release
if [[ $# -gt 0 && "$1" =~ ^(release|asan|tsan|fuzz)$ ]]; then
    preset=$1
    shift
fi
case "$preset" in
    fuzz) scripts/deps.sh fuzz ;;
    *) scripts/deps.sh test ;;
esac
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset"
ctest --preset "$preset" --output-on-failure "$@"
