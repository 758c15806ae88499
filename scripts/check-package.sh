#!/usr/bin/env bash
# Builds the .deb from the `package` preset and proves it installs and runs on a clean Debian 12:
# a minimal debootstrap chroot resolves the package's dependencies from the Debian archive, then
# runs both programs. Needs root (debootstrap, chroot) and the Debian archive.
# Usage: scripts/check-package.sh        environment: JOBS (build jobs, default 2),
#        NP_CHROOT_BASE (cached bootstrap, default /tmp/np-chroot-base), NP_CHROOT (/tmp/np-chroot),
#        NP_DEBIAN_MIRROR (default: the first URIs line of /etc/apt/sources.list.d/debian.sources)
set -euo pipefail

cd "$(dirname "$0")/.."
jobs=${JOBS:-2}
base=${NP_CHROOT_BASE:-/tmp/np-chroot-base}
chroot_dir=${NP_CHROOT:-/tmp/np-chroot}
mirror=${NP_DEBIAN_MIRROR:-$(sed -n 's/^URIs: *\([^ ]*\).*/\1/p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -n 1)}
mirror=${mirror:-http://deb.debian.org/debian}

step() { printf '\n== %s\n' "$*"; }
timed() {  # timed LABEL COMMAND...: runs the command and records how long it took
    local label=$1 start=$SECONDS
    shift
    "$@"
    timings+=("$(printf '%-28s %4d s' "$label" $((SECONDS - start)))")
}
timings=()

if [[ $(id -u) -ne 0 ]]; then
    echo "check-package.sh needs root for debootstrap and chroot" >&2
    exit 1
fi
missing=()
for pkg in dpkg-dev debootstrap desktop-file-utils appstream; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
    step "Installing ${missing[*]}"
    apt-get update -q
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
scripts/deps.sh build

step "Building the package preset (-j$jobs)"
timed "configure" cmake --preset package > /dev/null
timed "build" cmake --build --preset package -j "$jobs"
rm -f build/package/neural-playground_*.deb
timed "cpack" bash -c 'cd build/package && cpack -G DEB > /dev/null'
deb=$(ls build/package/neural-playground_*.deb)
echo "$deb: $(du -h "$deb" | cut -f1) ($(stat -c %s "$deb") bytes)"
dpkg-deb --info "$deb"
dpkg-deb --contents "$deb"

step "Validating the packaged desktop file and metainfo"
staging=$(mktemp -d)
dpkg-deb --extract "$deb" "$staging"
desktop-file-validate "$staging"/usr/share/applications/*.desktop
appstreamcli validate --no-net "$staging"/usr/share/metainfo/*.metainfo.xml
rm -rf "$staging"

mounted=()
cleanup() {
    local m
    for m in "${mounted[@]}"; do umount "$m" || true; done
}
trap cleanup EXIT

if [[ ! -x $base/usr/bin/apt-get ]]; then
    step "Bootstrapping a minimal Debian 12 into $base from $mirror"
    rm -rf "$base"
    timed "debootstrap" debootstrap --variant=minbase bookworm "$base" "$mirror"
fi

step "Fresh chroot $chroot_dir from $base"
if mount | grep -q " $chroot_dir/"; then
    echo "$chroot_dir still has mounts; unmount them first" >&2
    exit 1
fi
rm -rf "$chroot_dir"
cp -a "$base" "$chroot_dir"
security=${mirror%/debian}/debian-security
cat > "$chroot_dir/etc/apt/sources.list" <<EOF
deb $mirror bookworm main
deb $mirror bookworm-updates main
deb $security bookworm-security main
EOF
cp /etc/resolv.conf "$chroot_dir/etc/resolv.conf"
mount -t proc proc "$chroot_dir/proc"
mounted+=("$chroot_dir/proc")
cp "$deb" "$chroot_dir/tmp/"

in_chroot() { chroot "$chroot_dir" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root \
                  DEBIAN_FRONTEND=noninteractive "$@"; }

# Without Recommends, so the run below proves that Depends alone are enough.
step "Installing $(basename "$deb") in the chroot, dependencies from the archive"
timed "apt-get update (chroot)" in_chroot apt-get update -q
timed "apt-get install (chroot)" in_chroot bash -c \
    "cd /tmp && apt-get install -y -q --no-install-recommends ./$(basename "$deb")"
in_chroot dpkg-query -W -f='${Package} ${Version} ${Installed-Size} KiB installed\n' neural-playground

step "Running the installed programs"
version=$(sed -n 's/^ *VERSION \([0-9.]*\)$/\1/p' CMakeLists.txt | head -n 1)
expect() {  # expect WHAT EXPECTED ACTUAL
    if [[ $3 == "$2" ]]; then echo "ok: $1: $3"; else echo "FAILED: $1: expected '$2', got '$3'" >&2; exit 1; fi
}
expect "neural-playground-cli --version" "neural-playground-cli $version" \
    "$(in_chroot neural-playground-cli --version)"
expect "neural-playground --version" "Neural Playground $version" \
    "$(in_chroot QT_QPA_PLATFORM=offscreen neural-playground --version 2> /dev/null)"
start=$SECONDS
in_chroot neural-playground-cli train --epochs 5 | tee /tmp/np-chroot-train.log
timings+=("$(printf '%-28s %4d s' "train --epochs 5 (chroot)" $((SECONDS - start)))")
grep -q "^final: epoch *5 " /tmp/np-chroot-train.log || { echo "FAILED: train did not finish epoch 5" >&2; exit 1; }
# The window itself: it must come up and keep running (timeout's 124) rather than exit or crash.
rc=0
in_chroot QT_QPA_PLATFORM=offscreen timeout 5 neural-playground 2> /tmp/np-chroot-window.log || rc=$?
expect "window still running after 5 s (exit code of timeout)" 124 "$rc"
if grep "Cannot open file" /tmp/np-chroot-window.log; then
    echo "FAILED: the window could not open a resource (its icon?)" >&2
    exit 1
fi
in_chroot test -f /usr/share/applications/io.github.neuralplayground.NeuralPlayground.desktop

step "Timings"
printf '%s\n' "${timings[@]}"
echo "package check passed"
