#!/usr/bin/env bash
# Measures suites at scale: wall time and peak memory of the default suite and of a suite
# ten times larger, with 1 and 2 jobs; a cached re-run of the unchanged default suite; and
# full-catalog evaluation of 10k users × 10k items.
#
#   Benchmarks/Suite/run.sh        (from the repository root; builds in release first)
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v /usr/bin/time >/dev/null || { echo "needs GNU time (apt-get install time)" >&2; exit 2; }
swift build -c release --product metarec $(scripts/swift-build-flags.sh) >/dev/null
metarec=.build/release/metarec
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

measure() { # label, then the metarec arguments
    local label=$1
    shift
    /usr/bin/time -f "%e %M" -o "$work/time" "$metarec" "$@" --quiet --out "$work/out" >/dev/null
    read -r seconds kilobytes <"$work/time"
    printf '%-44s %8.2f s %8.0f MiB\n' "$label" "$seconds" "$((kilobytes / 1024))"
}

printf '%-44s %10s %12s\n' "benchmark" "wall" "peak RSS"
measure "default suite, 1 job" run Scenarios/default.yaml --jobs 1 --no-cache
measure "default suite, 2 jobs" run Scenarios/default.yaml --jobs 2 --no-cache
measure "10x suite, 1 job" run Benchmarks/Suite/large.yaml --jobs 1 --no-cache
measure "10x suite, 2 jobs" run Benchmarks/Suite/large.yaml --jobs 2 --no-cache
"$metarec" run Scenarios/default.yaml --quiet --cache "$work/cache" --out "$work/out" >/dev/null
measure "default suite, cached re-run" run Scenarios/default.yaml --cache "$work/cache"
"$metarec" run Benchmarks/Suite/full-catalog.yaml --no-cache --jobs 1 --out "$work/out" 2>&1 >/dev/null \
    | sed -n 's/.*full-catalog \/ popularity \/ seed 1: \(.*\)/full-catalog ranking, 10k users x 10k items   \1 (cell time)/p'
