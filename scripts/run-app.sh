#!/usr/bin/env bash
# Builds Neural Playground (installing missing Debian packages first) and launches the window.
# Extra arguments are passed to the app.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh build
cmake --preset release >/dev/null
cmake --build --preset release --target neural-playground neural-playground-cli
exec build/release/app/neural-playground "$@"
