#!/usr/bin/env bash
# Times the onboarding protocol at the issue's scale: 1 000 test users × 10 rounds × 10
# models on a 2 000-item world (onboarding.yaml), with JOBS (2) jobs; prints each cell's
# time (fit and serving), then the whole run's wall and processor time (world generation,
# fits, serving, results) and the load average, since a busy machine stretches wall time.
#
#   Benchmarks/Onboarding/run.sh      (from the repository root; builds in release first)
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v /usr/bin/time >/dev/null || { echo "needs GNU time (apt-get install time)" >&2; exit 2; }
swift build -c release --product metarec $(scripts/swift-build-flags.sh) >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
/usr/bin/time -f "%e %U %S" -o "$work/time" .build/release/metarec run Benchmarks/Onboarding/onboarding.yaml \
    --jobs "${JOBS:-2}" --no-cache --out "$work/out" 2>"$work/progress" >/dev/null
grep -o 'onboarding-benchmark / .*' "$work/progress" | sed 's/^onboarding-benchmark \/ /cell /' || true
read -r wall user system <"$work/time"
printf 'whole run, %s jobs: %s s wall, %s s processor (user %s + system %s); load average %s\n' \
    "${JOBS:-2}" "$wall" "$(echo "$user + $system" | bc)" "$user" "$system" "$(cut -d' ' -f1-3 /proc/loadavg)"
