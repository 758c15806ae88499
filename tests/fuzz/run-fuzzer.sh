#!/usr/bin/env bash
# Runs one libFuzzer harness for a while from a copy of its seed corpus (the repository's corpus
# stays as committed) and fails when it finds an input that breaks the contract.
# Usage: run-fuzzer.sh HARNESS SEED_CORPUS DICTIONARY FINDINGS_DIR SECONDS
set -euo pipefail
harness=$1 seeds=$2 dict=$3 findings=$4 seconds=$5
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$seeds"/. "$work"/
mkdir -p "$findings"
# -timeout: one input taking 10 s is a hang; -rss_limit_mb: the loaders' size limits must keep
# memory bounded; -max_len: enough for a small session with its points.
set +e +o pipefail
"$harness" "$work" -dict="$dict" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=3072 \
    -max_len=32768 -print_final_stats=1 -artifact_prefix="$findings"/ 2>&1 |
    grep -v '^#[0-9].*\(NEW\|REDUCE\|pulse\)'
status=${PIPESTATUS[0]}
set -e
if [[ $status -ne 0 ]]; then
    echo "fuzzer failed ($status); the input is in $findings" >&2
fi
exit "$status"
