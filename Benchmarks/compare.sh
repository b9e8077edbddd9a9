#!/usr/bin/env bash
# Meta-training throughput, Swift against the two PyTorch idioms, on the same machine in
# the same run. Runs ROUNDS alternating rounds of both sides and keeps each side's best
# figure per configuration (the machine may be shared), then prints the ratios.
# PyTorch runs with THREADS threads and with 1 thread and keeps the better figure: on a
# busy machine its OpenMP barriers can stall for a scheduler quantum per operation, and
# the comparison should not profit from that.
#
#   Benchmarks/compare.sh                      # 2 threads, 3 s per measurement, 2 rounds
#   THREADS=2 SECONDS_PER_RUN=5 ROUNDS=3 PYTHON=/path/to/python Benchmarks/compare.sh
#
# PyTorch is a benchmark-only dependency: `pip install torch`.
set -euo pipefail
cd "$(dirname "$0")"
THREADS="${THREADS:-2}"
SECONDS_PER_RUN="${SECONDS_PER_RUN:-3}"
ROUNDS="${ROUNDS:-2}"
PYTHON="${PYTHON:-python3}"
command -v swift >/dev/null 2>&1 || export PATH="$PATH:/opt/swift/usr/bin"

if ! "$PYTHON" -c "import torch" 2>/dev/null; then
    echo "PyTorch is not importable by $PYTHON; install it with: $PYTHON -m pip install torch" >&2
    exit 2
fi
swift build -c release --product MetaTrainingThroughput $(../scripts/swift-build-flags.sh) >&2
BINARY="$(swift build -c release --show-bin-path)/MetaTrainingThroughput"

RESULTS="$(mktemp)"
LATENCY="$(mktemp)"
trap 'rm -f "$RESULTS" "$LATENCY"' EXIT
for round in $(seq 1 "$ROUNDS"); do
    echo "round $round/$ROUNDS" >&2
    "$BINARY" --threads "$THREADS" --seconds "$SECONDS_PER_RUN" | tee -a "$RESULTS" >&2
    grep '^latency' "$RESULTS" >> "$LATENCY" && sed -i '/^latency/d' "$RESULTS"
    for torch_threads in $(echo "$THREADS 1" | tr ' ' '\n' | sort -u); do
        OMP_NUM_THREADS="$torch_threads" "$PYTHON" -W ignore torch_reference.py --threads "$torch_threads" --seconds "$SECONDS_PER_RUN" \
            | sed "s/\$/ threads=$torch_threads/" | tee -a "$RESULTS" >&2
    done
done

echo
echo "Meta-training tasks/s, MeLU architecture, meta-batch 32, support 20, query 10; Swift on $THREADS threads,"
echo "PyTorch best of $THREADS and 1 thread(s); best of $ROUNDS rounds"
awk '
    { key = $1 " " $2; if (!(key in best) || $3 > best[key]) best[key] = $3; configs[$2] = 1 }
    END {
        printf "%-22s %10s %12s %12s %10s %10s\n", "configuration", "swift", "torch-func", "torch-loop", "vs func", "vs loop"
        n = split("second-order-1-step second-order-5-steps first-order-1-step imaml-5-steps bayesian-head objective-mse objective-bce objective-bpr objective-softmax objective-joint", order, " ")
        for (i = 1; i <= n; i++) {
            c = order[i]
            s = best["swift " c]; f = best["torch-func " c]; l = best["torch-loop " c]
            printf "%-22s %10.1f %12.1f %12.1f %9.1fx %9.1fx\n", c, s, f, l, s / f, s / l
        }
    }
' "$RESULTS"
echo
echo "Adaptation latency per user (one thread), each round:"
cat "$LATENCY"
