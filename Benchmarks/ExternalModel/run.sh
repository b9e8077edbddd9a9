#!/usr/bin/env bash
# The process protocol's overhead: the built-in popularity model (built-in.yaml) and the
# same model in Python (external.yaml, Examples/python/popularity_model.py), each scoring
# 10k users x 1k candidates in one cell, one job, release build, three runs each in turn.
# Prints the median cell time of each (fit and evaluation: the world's generation is not
# part of a cell), their ratio (target: at most 2) and the overhead per user, and the CPU
# seconds of each whole run (metarec and its children, world generation included).
#
#   Benchmarks/ExternalModel/run.sh        (from anywhere; builds in release first)
set -euo pipefail
cd "$(dirname "$0")/../.."
swift build -c release --product metarec $(scripts/swift-build-flags.sh) >/dev/null
python3 - <<'PYTHON'
import json, resource, statistics, subprocess, tempfile, os

def run(scenario):
    with tempfile.TemporaryDirectory() as out:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run([".build/release/metarec", "run", "Benchmarks/ExternalModel/" + scenario,
                        "--no-cache", "--jobs", "1", "--quiet", "--out", out], check=True, stdout=subprocess.DEVNULL)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        results = json.load(open(os.path.join(out, "results.json")))
    cell = results["header"]["timings"]["cells"][0]["seconds"]
    users = next(row["n"] for row in results["rows"] if row["metric"] == "hr@10")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cell, cpu, users

measured = {"built-in.yaml": [], "external.yaml": []}
for _ in range(3):
    for scenario in measured:
        measured[scenario].append(run(scenario))
built_in = statistics.median(cell for cell, _, _ in measured["built-in.yaml"])
external = statistics.median(cell for cell, _, _ in measured["external.yaml"])
users = measured["built-in.yaml"][0][2]
print("users scored                     %d (x 1000 items)" % users)
print("built-in popularity, cell        %.2f s (median of 3)" % built_in)
print("Python popularity, cell          %.2f s (median of 3)" % external)
print("ratio                            %.2fx (target <= 2x)" % (external / built_in))
print("overhead per user                %.0f us" % ((external - built_in) / users * 1e6))
print("CPU of a whole run, built-in     %.2f s" % statistics.median(cpu for _, cpu, _ in measured["built-in.yaml"]))
print("CPU of a whole run, Python       %.2f s" % statistics.median(cpu for _, cpu, _ in measured["external.yaml"]))
PYTHON
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
