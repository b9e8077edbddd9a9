#!/usr/bin/env bash
# Real-data import benchmark: loading 1 million interactions (target < 2 s, ≤ 100 MB peak).
#
# Usage: Benchmarks/RealData/run.sh [interactions]     (default 1000000)
#
# Generates, with awk and a fixed seed, a synthetic dataset of that many ratings by 6,040
# users of 3,706 items (MovieLens 1M's shape) in two formats — RecBole atomic files
# (bench.inter/.user/.item) and MovieLens 1M files (ratings.dat, users.dat, movies.dat) —
# then loads each with the release build of `metarec validate`, which reads a scenario's
# `dataset:` once in full (no activity filter here). Prints wall seconds and peak resident
# memory (`/usr/bin/time -f "%e %M"`), and the same for a scenario without a dataset, the
# process's own baseline. When Scenarios/data/ml-100k holds RecBole's MovieLens 100K files,
# it is timed too.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
count="${1:-1000000}"
swift build -c release --product metarec $(scripts/swift-build-flags.sh) >&2
binary="$root/.build/release/metarec"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/recbole" "$work/ml-1m"

awk -v n="$count" -v users=6040 -v items=3706 -v recbole="$work/recbole/bench.inter" -v ml="$work/ml-1m/ratings.dat" 'BEGIN {
    srand(20261129)
    print "user_id:token\titem_id:token\trating:float\ttimestamp:float" > recbole
    for (i = 1; i <= n; i++) {
        user = 1 + int(rand() * users); item = 1 + int(rand() * rand() * items)
        rating = 1 + int(rand() * 5); time = 956703932 + i * 30
        printf "%d\t%d\t%d\t%d\n", user, item, rating, time > recbole
        printf "%d::%d::%d::%d\n", user, item, rating, time > ml
    }
}'
awk -v users=6040 -v recbole="$work/recbole/bench.user" -v ml="$work/ml-1m/users.dat" 'BEGIN {
    srand(7); split("1 18 25 35 45 50 56", ages, " ")
    print "user_id:token\tage:token\tgender:token\toccupation:token\tzip_code:token" > recbole
    for (u = 1; u <= users; u++) {
        age = ages[1 + int(rand() * 7)]; gender = rand() < 0.5 ? "F" : "M"; job = int(rand() * 21); zip = 10000 + int(rand() * 89999)
        printf "%d\t%d\t%s\t%d\t%d\n", u, age, gender, job, zip > recbole
        printf "%d::%s::%d::%d::%d\n", u, gender, age, job, zip > ml
    }
}'
awk -v items=3706 -v recbole="$work/recbole/bench.item" -v ml="$work/ml-1m/movies.dat" 'BEGIN {
    srand(11); split("Action Adventure Animation Comedy Crime Drama Horror Romance Sci-Fi Thriller", genres, " ")
    print "item_id:token\tmovie_title:token_seq\trelease_year:token\tclass:token_seq" > recbole
    for (i = 1; i <= items; i++) {
        year = 1919 + int(rand() * 81); first = genres[1 + int(rand() * 10)]; second = genres[1 + int(rand() * 10)]
        printf "%d\tMovie %d\t%d\t%s %s\n", i, i, year, first, second > recbole
        printf "%d::Movie %d (%d)::%s|%s\n", i, i, year, first, second > ml
    }
}'

scenario() { # name, dataset block → path
    printf 'name: %s\nseeds: [1]\n%s\nmodels: [popularity]\n' "$1" "$2" > "$work/$1.yaml"
    echo "$work/$1.yaml"
}
measure() { # label, scenario
    local line
    line=$( { /usr/bin/time -f "%e %M" "$binary" validate "$2" >/dev/null; } 2>&1 | tail -1 )
    read -r seconds kilobytes <<<"$line"
    printf '%-34s %8s s %8.1f MB\n' "$1" "$seconds" "$(echo "$kilobytes / 1024" | bc -l)"
}

echo "$(wc -l < "$work/ml-1m/ratings.dat") interactions; $(du -h "$work/recbole/bench.inter" | cut -f1) as RecBole, $(du -h "$work/ml-1m/ratings.dat" | cut -f1) as ratings.dat"
filter="  min_interactions: 0
  max_interactions: none"
measure "process baseline (simulated world)" "$(scenario baseline 'family: ecommerce
world: {users: 50, items: 20, interactions_per_user: 5, min_interactions_per_user: 2}')"
measure "RecBole atomic files" "$(scenario recbole "dataset:
  format: recbole
  path: $work/recbole
  name: bench
$filter")"
measure "MovieLens 1M format" "$(scenario ml1m "dataset:
  format: movielens-1m
  path: $work/ml-1m
$filter")"
if [[ -f Scenarios/data/ml-100k/ml-100k.inter ]]; then
    measure "RecBole ml-100k (real)" "$(scenario ml100k "dataset:
  format: recbole
  path: $root/Scenarios/data/ml-100k
  name: ml-100k
$filter")"
fi
