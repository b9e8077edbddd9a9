#!/usr/bin/env bash
# Times the onboarding protocol at the issue's scale: 1 000 test users × 10 rounds × 10
# models on a 2 000-item world (onboarding.yaml), with 2 jobs; prints the wall time of the
# whole run (world generation, fits, serving, results) and each cell's time.
#
#   Benchmarks/Onboarding/run.sh      (from the repository root; builds in release first)
set -euo pipefail
cd "$(dirname "$0")/../.."
swift build -c release --product metarec >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
start=$(date +%s.%N)
.build/release/metarec run Benchmarks/Onboarding/onboarding.yaml --jobs "${JOBS:-2}" --no-cache --out "$work/out" 2>"$work/progress" >/dev/null
end=$(date +%s.%N)
grep -o 'onboarding-benchmark / .*' "$work/progress" | sed 's/^onboarding-benchmark \/ //' || true
printf 'whole run, %s jobs: %.2f s\n' "${JOBS:-2}" "$(echo "$end - $start" | bc)"
