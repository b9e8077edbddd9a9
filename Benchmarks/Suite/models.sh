#!/usr/bin/env bash
# Per-model cost on the shipped e-commerce world (Benchmarks/Suite/ecommerce-models.yaml:
# Scenarios/ecommerce.yaml with the mission's models, cold start with partitions + drift,
# one seed). Each model runs alone in its own process with one job; the table gives the
# process's CPU seconds (user + system: the world, the harness and the model's cell on one
# core), the model's share (the same minus a run with `random` only), and the cell's wall
# time metarec records in results.json (timings.cells: fit and evaluation, without the
# world; other load on the machine inflates it, CPU seconds do not).
#
#   Benchmarks/Suite/models.sh [METAREC] [MODEL...]   (from the repository root)
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v /usr/bin/time >/dev/null || { echo "needs GNU time (apt-get install time)" >&2; exit 2; }
command -v jq >/dev/null || { echo "needs jq (apt-get install jq)" >&2; exit 2; }
metarec=${1:-}
if [[ -z $metarec ]]; then
    swift build -c release --product metarec >/dev/null
    metarec=.build/release/metarec
fi
shift || true
scenario=Benchmarks/Suite/ecommerce-models.yaml
models=("$@")
if [[ ${#models[@]} -eq 0 ]]; then
    mapfile -t models < <(sed -n '/^models:/,/^[a-z]/s/^  - \(.*\)/\1/p' "$scenario")
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cpu() { # model: prints "cpu-seconds cell-wall-seconds"
    sed "/^models:/,/^[a-z]/{/^  - /d}; s/^models:/models: [$1]/" "$scenario" >"$work/one.yaml"
    /usr/bin/time -f "%U %S" -o "$work/time" "$metarec" run "$work/one.yaml" --jobs 1 --no-cache --format json \
        --out "$work/out" 2>"$work/log" >/dev/null
    read -r user system <"$work/time"
    local wall
    wall=$(jq -r --arg m "$1" '[.header.timings.cells[] | select(.model == $m) | .seconds] | first // "?"' \
        "$work/out/results.json" 2>/dev/null || echo "?")
    echo "$(echo "$user + $system" | bc) $(printf '%.1f' "$wall" 2>/dev/null || echo "$wall")"
}

read -r base base_wall < <(cpu random)
printf '%-20s %12s %14s %10s\n' "model" "process CPU" "model's share" "cell wall"
printf '%-20s %10.1f s %14s %8s s\n' "random (baseline)" "$base" "" "$base_wall"
for model in "${models[@]}"; do
    read -r total wall < <(cpu "$model")
    printf '%-20s %10.1f s %12.1f s %8s s\n' "$model" "$total" "$(echo "$total - $base" | bc)" "$wall"
done
