#!/usr/bin/env bash
# Installs the build into a scratch prefix, as `cmake --install` would on a user's system, and
# checks what a desktop sees there: the .desktop file and AppStream metadata pass Debian's
# validators, the icon and programs they name exist, and both programs report the project version.
# Usage: tests/test_package.sh BUILD_DIR VERSION APP_ID      (exit 77 = skipped)
set -euo pipefail

build_dir=$1
version=$2
app_id=$3

for tool in desktop-file-validate appstreamcli; do
    if ! command -v "$tool" > /dev/null; then
        echo "SKIP: $tool is missing (scripts/deps.sh test installs desktop-file-utils and appstream)"
        exit 77
    fi
done

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
prefix=$root/usr
cmake --install "$build_dir" --prefix "$prefix" > "$root/install.log"

passed=0
failed=0
check() {  # check DESCRIPTION COMMAND...
    local what=$1
    shift
    if "$@"; then
        echo "PASS: $what"
        passed=$((passed + 1))
    else
        echo "FAIL: $what"
        failed=$((failed + 1))
    fi
}

desktop=$prefix/share/applications/$app_id.desktop
metainfo=$prefix/share/metainfo/$app_id.metainfo.xml

# desktop-file-validate exits 0 on hints and warnings; a clean file prints nothing at all.
silent() {
    local out
    out=$("$@" 2>&1) || { echo "$out"; return 1; }
    [[ -z $out ]] || { echo "$out"; return 1; }
}
check "desktop file is valid" silent desktop-file-validate "$desktop"
check "metainfo is valid" appstreamcli validate --no-net "$metainfo"
check "install tree is valid for AppStream" appstreamcli validate-tree --no-net "$prefix"

release=$(grep -o '<release version="[^"]*"' "$metainfo" | head -n 1 | cut -d'"' -f2)
check "newest metainfo release $release is the project version $version" test "$release" = "$version"

icon=$(sed -n 's/^Icon=//p' "$desktop")
check "Icon=$icon is the app id" test "$icon" = "$app_id"
check "scalable icon installed" test -s "$prefix/share/icons/hicolor/scalable/apps/$icon.svg"
png=$prefix/share/icons/hicolor/256x256/apps/$icon.png
# A PNG's IHDR chunk holds the width and height as big-endian 32-bit numbers at bytes 16..23.
png_size() { od -An -tu1 -j16 -N8 "$1" | awk '{ print $3 * 256 + $4 "x" $7 * 256 + $8 }'; }
check "256x256 icon installed at 256x256" test "$(png_size "$png")" = "256x256"

exec_bin=$(sed -n 's/^Exec=\([^ ]*\).*/\1/p' "$desktop")
check "Exec=$exec_bin is installed" test -x "$prefix/bin/$exec_bin"
check "licence installed" grep -q "MIT License" "$prefix/share/doc/neural-playground/copyright"

cli_version=$("$prefix/bin/neural-playground-cli" --version) || true
check "CLI --version says '$cli_version'" test "$cli_version" = "neural-playground-cli $version"
app_version=$(QT_QPA_PLATFORM=offscreen "$prefix/bin/neural-playground" --version 2> /dev/null) || true
check "app --version says '$app_version'" test "$app_version" = "Neural Playground $version"

# The window comes up and keeps running (timeout's 124), finding its compiled-in icon. Its
# settings and autosave go to the scratch home, so being killed leaves no crash to recover.
window_rc=0
HOME=$root XDG_CONFIG_HOME=$root/config XDG_DATA_HOME=$root/data XDG_CACHE_HOME=$root/cache \
    QT_QPA_PLATFORM=offscreen timeout 3 "$prefix/bin/neural-playground" 2> "$root/window.log" || window_rc=$?
check "window still running after 3 s" test "$window_rc" = 124
check "window found its resources" bash -c "! grep 'Cannot open file' '$root/window.log'"

echo "$passed passed, $failed failed"
((failed == 0))
