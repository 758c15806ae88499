#!/usr/bin/env bash
# Builds everything (installing missing Debian packages first) and runs the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh test
cmake --preset release >/dev/null
cmake --build --preset release
ctest --preset release --output-on-failure "$@"
