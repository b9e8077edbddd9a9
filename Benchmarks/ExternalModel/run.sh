#!/usr/bin/env bash
# The process protocol's overhead: one cell of the built-in popularity model and one of the
# same model in Python (Examples/python/popularity_model.py), each scoring 10k users x 1k
# candidates (Benchmarks/ExternalModel/scoring.yaml), one job, release build. Prints each
# cell's time (fit and evaluation; the world's generation is not part of a cell), the
# ratio (target: at most 2), and the overhead per user.
#
#   Benchmarks/ExternalModel/run.sh        (from anywhere; builds in release first)
set -euo pipefail
cd "$(dirname "$0")/../.."
swift build -c release --product metarec >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
.build/release/metarec run Benchmarks/ExternalModel/scoring.yaml --no-cache --jobs 1 --quiet --out "$work" >/dev/null
python3 - "$work/results.json" <<'PYTHON'
import json, sys
results = json.load(open(sys.argv[1]))
cells = {cell["model"]: cell["seconds"] for cell in results["header"]["timings"]["cells"]}
users = next(row["n"] for row in results["rows"] if row["model"] == "popularity" and row["metric"] == "hr@10")
built_in, external = cells["popularity"], cells["python-popularity"]
print("users scored                  %d (x 1000 items)" % users)
print("built-in popularity, cell     %.2f s" % built_in)
print("Python popularity, cell       %.2f s" % external)
print("ratio                         %.2fx (target <= 2x)" % (external / built_in))
print("overhead per user             %.0f us" % ((external - built_in) / users * 1e6))
PYTHON
