#!/usr/bin/env bash
# Fit time and per-user adaptation time of every baseline on a 100k users × 20k items
# e-commerce world (40 interactions per user on average). Extra arguments pass through,
# e.g. `--users 10000 --items 2000` or `bpr.epochs=5`.
#
#   Benchmarks/Baselines/run.sh        (from the repository root)
set -euo pipefail
cd "$(dirname "$0")"
swift build -c release --product baselines-benchmark $(../../scripts/swift-build-flags.sh) >/dev/null
exec .build/release/baselines-benchmark "$@"
