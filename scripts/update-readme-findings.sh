#!/bin/sh
# Regenerates the findings the README shows as its first example output, from the
# default suite's report:
#   1. runs `make run` unless Reports/default/results.json exists (pass --run to force it);
#   2. extracts the findings of Reports/default/results.json into the committed
#      Reports/readme/findings.json;
#   3. rewrites the README's findings block from it (ReadmeFindingsTests in update mode).
# ReadmeFindingsTests fails whenever the README and Reports/readme/findings.json disagree.
set -eu
cd "$(dirname "$0")/.."
if [ "${1:-}" = "--run" ] || [ ! -f Reports/default/results.json ]; then
    make run
fi
mkdir -p Reports/readme
python3 - <<'PY'
import json
with open("Reports/default/results.json") as source:
    results = json.load(source)
if results["header"]["suite"] != "default":
    raise SystemExit("Reports/default/results.json is not the default suite's report")
findings = [f for world in results["findings"]["worlds"] for f in world["protocols"] + world.get("variants", [])]
if any("shift" not in f for f in findings):
    raise SystemExit("Reports/default/results.json was written before the findings carried the test's own "
                     "interval (shift); rerun with --run")
with open("Reports/readme/findings.json", "w") as target:
    json.dump(results["findings"], target, indent=2, sort_keys=True)
    target.write("\n")
PY
METAREC_UPDATE_README=1 swift test --filter ReadmeFindingsTests
echo "README.md and Reports/readme/findings.json updated; commit both."
