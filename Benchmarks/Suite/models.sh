#!/usr/bin/env bash
# Per-model cost of issue 20's full e-commerce world: Benchmarks/Suite/ecommerce-models.yaml
# is the shipped Scenarios/ecommerce.yaml (cold start with partitions, onboarding, drift;
# the models with their shipped settings) at its full size, 3 000 users × 1 500 items, one
# seed. Each model entry runs alone in its own process with one job; the table gives
#
#   - the cell's wall time metarec records in results.json (timings.cells: fit and
#     evaluation, without generating the world) — the figure issue 20's 10 s target is for;
#   - the process's CPU seconds (user + system: the world, the harness and the cell on one
#     core) and the model's share (the same minus a run with `random` only).
#
# Other load on the machine inflates wall times; CPU seconds much less so.
#
#   Benchmarks/Suite/models.sh [METAREC] [MODEL...]   (from the repository root)
#
# MODEL is an entry's label (`maml`, `maml (refit every 3)`); without any, every entry of
# the scenario's model list. SCENARIO=Benchmarks/Suite/ecommerce-defaults.yaml measures the
# same world with every model at its default settings and larger protocols.
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v /usr/bin/time >/dev/null || { echo "needs GNU time (apt-get install time)" >&2; exit 2; }
command -v jq >/dev/null || { echo "needs jq (apt-get install jq)" >&2; exit 2; }
metarec=${1:-}
if [[ -z $metarec ]]; then
    swift build -c release --product metarec $(scripts/swift-build-flags.sh) >/dev/null
    metarec=.build/release/metarec
fi
shift || true
scenario=${SCENARIO:-Benchmarks/Suite/ecommerce-models.yaml}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The model list's entries, one per line, and each entry's label (its `label:`, else its name).
sed -n '/^models:/,/^[a-z]/s/^  - \(.*\)$/\1/p' "$scenario" | sed 's/ *#.*$//' >"$work/entries"
label() {
    local entry=$1
    if [[ $entry =~ label:\ *([^,}]*) ]]; then
        echo "${BASH_REMATCH[1]}"
    elif [[ $entry =~ name:\ *([^,}]*) ]]; then
        echo "${BASH_REMATCH[1]}"
    else
        echo "$entry"
    fi
}
entry() { # label: prints the scenario's entry with that label
    local line
    while IFS= read -r line; do
        [[ $(label "$line") == "$1" ]] && { echo "$line"; return; }
    done <"$work/entries"
    echo "no model labelled '$1' in $scenario" >&2
    exit 2
}
models=("$@")
if [[ ${#models[@]} -eq 0 ]]; then
    while IFS= read -r line; do models+=("$(label "$line")"); done <"$work/entries"
fi

cpu() { # label entry: prints "cpu-seconds cell-wall-seconds"
    sed "/^models:/,/^[a-z]/{/^  [-#]/d}; s/^models:.*/models:\n  - $2/" "$scenario" >"$work/one.yaml"
    /usr/bin/time -f "%U %S" -o "$work/time" "$metarec" run "$work/one.yaml" --jobs 1 --no-cache --format json \
        --out "$work/out" 2>"$work/log" >/dev/null || { cat "$work/log" >&2; exit 1; }
    read -r user system <"$work/time"
    local wall
    wall=$(jq -r --arg m "$1" '[.header.timings.cells[] | select(.model == $m) | .seconds] | first // "?"' \
        "$work/out/results.json" 2>/dev/null || echo "?")
    echo "$(echo "$user + $system" | bc) $(printf '%.1f' "$wall" 2>/dev/null || echo "$wall")"
}

read -r base base_wall < <(cpu random random)
printf '%-28s %10s %12s %14s\n' "model" "cell wall" "process CPU" "model's share"
printf '%-28s %8s s %10.1f s %14s\n' "random (baseline)" "$base_wall" "$base" ""
for model in "${models[@]}"; do
    read -r total wall < <(cpu "$model" "$(entry "$model")")
    printf '%-28s %8s s %10.1f s %12.1f s\n' "$model" "$wall" "$total" "$(echo "$total - $base" | bc)"
done
