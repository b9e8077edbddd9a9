#!/usr/bin/env bash
# Checks that `metarec simulate --format recbole` writes atomic files that RecBole itself
# loads without edits: exports a world of each family and loads it with RecBole's
# `create_dataset`, printing the users, items, interactions and feature fields RecBole saw.
# Needs a Python with RecBole (a check, not a project dependency):
#   python -m venv venv && venv/bin/pip install recbole torch "numpy<2" "pandas<2.2" "scipy<1.14"
#   PYTHON=venv/bin/python scripts/check-recbole-export.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
"$PYTHON" -c "import recbole" 2>/dev/null || { echo "RecBole is not importable by $PYTHON" >&2; exit 2; }
swift build -c release --product metarec $(scripts/swift-build-flags.sh) >&2
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for scenario in quickstart video news ecommerce-cold-start; do
    .build/release/metarec simulate "Scenarios/$scenario.yaml" --out "$work/$scenario" --format recbole >/dev/null
    "$PYTHON" -W ignore - "$work" "$scenario" <<'PY'
import sys
from recbole.config import Config
from recbole.data import create_dataset
root, name = sys.argv[1], sys.argv[2]
config = Config(model="BPR", dataset=name, config_dict={"data_path": root, "load_col": None, "device": "cpu", "use_gpu": False})
dataset = create_dataset(config)
fields = lambda table: [] if table is None else [c for c in table.columns if c not in ("user_id", "item_id")]
print(f"{name}: RecBole loaded {dataset.inter_num} interactions, {dataset.user_num - 1} users, {dataset.item_num - 1} items; "
      f"user fields {fields(dataset.user_feat)}, item fields {fields(dataset.item_feat)}")
PY
done
