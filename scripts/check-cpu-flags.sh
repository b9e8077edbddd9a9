#!/usr/bin/env bash
# Checks that the build for this processor (scripts/swift-build-flags.sh, what `make build`
# uses) gives the same figures, bit for bit, as the portable build: runs SCENARIO (default
# Scenarios/gate.yaml, every model family and protocol) with both binaries and compares
# results.json's rows (timing and cost rows left out: they measure the machine) and
# per_user.jsonl byte for byte. Exit 1 when they differ.
#
#   scripts/check-cpu-flags.sh [SCENARIO]           (from the repository root)
#
# Builds the portable binary in .build/portable (a full release build the first time).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v jq >/dev/null || { echo "needs jq (apt-get install jq)" >&2; exit 2; }
scenario=${1:-Scenarios/gate.yaml}
flags=$(scripts/swift-build-flags.sh)
if [[ -z $flags ]]; then
    echo "this processor gets the portable build: nothing to compare"
    exit 0
fi
swift build -c release --product metarec --scratch-path .build/portable >&2
make -s build >&2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for build in portable release; do
    binary=.build/$build/metarec
    [[ $build == portable ]] && binary=.build/portable/release/metarec
    "$binary" run "$scenario" --no-cache --quiet --format json --out "$work/$build" >/dev/null
    jq -S '[.rows[] | select(.metric | IN("fit_seconds", "adapt_ms_p50", "adapt_ms_p95", "score_ms_p50",
        "score_ms_p95", "model_bytes", "user_state_bytes") | not)]' "$work/$build/results.json" >"$work/$build.rows"
done
status=0
cmp -s "$work/portable.rows" "$work/release.rows" || { echo "results.json rows differ ($flags)" >&2; status=1; }
cmp -s "$work/portable/per_user.jsonl" "$work/release/per_user.jsonl" || {
    echo "per_user.jsonl differs ($flags)" >&2
    status=1
}
[[ $status == 0 ]] && echo "same figures bit for bit with and without $flags ($(jq length "$work/release.rows") rows)"
exit $status
