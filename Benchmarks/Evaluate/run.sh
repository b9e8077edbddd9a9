#!/usr/bin/env bash
# `metarec evaluate` on a large run file: memory follows the judged users, not the file.
#
# Usage: Benchmarks/Evaluate/run.sh [users] [items]     (defaults 2000 and 20000)
#
# Generates, with awk and a fixed seed, TREC qrels (10 relevant items per user) and one run
# ranking every item for every user — users × items lines, 1.3 GB at the defaults — then
# scores the run with the release `metarec evaluate` and prints wall seconds, processor
# seconds and peak resident memory (`/usr/bin/time`) beside the run file's size.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
users="${1:-2000}"
items="${2:-20000}"
swift build -c release --product metarec $(scripts/swift-build-flags.sh) >&2
binary="$root/.build/release/metarec"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

awk -v users="$users" -v items="$items" -v qrels="$work/qrels.txt" -v run="$work/run.txt" 'BEGIN {
    srand(20261206)
    for (u = 0; u < users; u++) {
        for (j = 0; j < 10; j++) printf "u%d 0 i%d 1\n", u, int(rand() * items) > qrels
        for (i = 0; i < items; i++) printf "u%d Q0 i%d %d %.6f big\n", u, i, i + 1, 1 / (i + 1) > run
    }
}'
size=$(stat -c %s "$work/run.txt")
/usr/bin/time -f "%e %U %M" -o "$work/time.txt" "$binary" evaluate --truth "$work/qrels.txt" \
    --run "$work/run.txt" --metrics ndcg@10,recall@20 --out "$work/out" >/dev/null
read -r wall cpu peak < "$work/time.txt"
echo "run file: $((size / 1000000)) MB ($users users × $items items)"
echo "evaluate: ${wall} s wall, ${cpu} s processor, peak resident $((peak / 1024)) MB"
