#!/usr/bin/env bash
# Builds the DocC documentation of every library module with swift-docc-plugin, treating
# every documentation warning (a broken symbol link, an unknown article) as an error.
# Usage: scripts/build-docs.sh [OUTPUT_DIR]   (default: .build/docs)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-.build/docs}"
mkdir -p "$out"
modules=(RecData Learning Simulation Calibration Recommenders Evaluation Reporting Experiments MetaRecSim)
status=0
for module in "${modules[@]}"; do
    if swift package --allow-writing-to-directory "$out" generate-documentation \
        --target "$module" --warnings-as-errors --output-path "$out/$module" >"$out/$module.log" 2>&1; then
        echo "docs: $module built without warnings → $out/$module"
    else
        echo "docs: $module has documentation warnings:" >&2
        grep -E '^(error|warning):' -A2 "$out/$module.log" >&2 || tail -20 "$out/$module.log" >&2
        status=1
    fi
done
exit $status
