#!/usr/bin/env bash
# Runs a suite as a Slurm job array of 8 shards, then merges the shards' results.
#
#   sbatch Examples/Sharding/slurm-array.sh
#
# metarec reads SLURM_ARRAY_TASK_ID, SLURM_ARRAY_TASK_COUNT and SLURM_ARRAY_TASK_MIN, so
# no --shard flag is needed. Submit the merge as a dependent job:
#
#   jid=$(sbatch --parsable Examples/Sharding/slurm-array.sh)
#   sbatch --dependency=afterok:$jid --wrap \
#     '.build/release/metarec merge Reports/shards/*/results.json --out Reports/merged'
#
#SBATCH --job-name=metarec
#SBATCH --array=0-7
#SBATCH --cpus-per-task=2
#SBATCH --time=01:00:00
set -euo pipefail
.build/release/metarec run Scenarios/default.yaml \
    --jobs "${SLURM_CPUS_PER_TASK:-2}" --quiet \
    --out "Reports/shards/${SLURM_ARRAY_TASK_ID}"
