#!/usr/bin/env bash
# Installs the Debian 12 packages the build needs, only those missing, with sudo when not root.
# Usage: scripts/deps.sh [build|test|fuzz]   ("test" adds what the test suite needs on top,
# "fuzz" Debian's clang and its libFuzzer runtime for the fuzz preset)
set -euo pipefail

want=(
    cmake ninja-build g++ pkg-config
    qt6-base-dev qt6-base-dev-tools qt6-svg-dev libgl-dev libeigen3-dev libgif-dev
    qt6-qpa-plugins fonts-dejavu-core
)
if [[ "${1:-build}" == "test" ]]; then
    # The export tests load models in real runtimes: ONNX checker, NumPy, PyTorch, onnxruntime-node.
    want+=(xvfb xauth python3-onnx python3-numpy python3-torch)
    # Node.js and npm: the machine's own when it has them (a NodeSource nodejs conflicts with
    # Debian's npm package), Debian's otherwise.
    if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
        want+=(nodejs npm)
    fi
    # test_package validates the installed .desktop file and AppStream metadata.
    want+=(desktop-file-utils appstream)
fi
if [[ "${1:-build}" == "fuzz" ]]; then
    want+=(clang libclang-rt-14-dev)
fi

missing=()
for pkg in "${want[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed"; then
        missing+=("$pkg")
    fi
done
if ((${#missing[@]} == 0)); then
    exit 0
fi

echo "Installing missing packages: ${missing[*]}"
sudo=()
if [[ $(id -u) -ne 0 ]]; then
    sudo=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -q
"${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
