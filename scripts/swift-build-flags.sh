#!/usr/bin/env bash
# Prints the Swift build flags for this machine's processor. On x86-64 with AVX2 and FMA
# (Intel since Haswell, 2013; AMD since Excavator), the Swift code is compiled for them
# (`-target-cpu haswell`): its eight-lane kernels then run in 256-bit registers instead of
# SSE2's 128-bit ones. The figures are the same bit for bit — nothing is contracted into a
# fused multiply-add, and every sum keeps its order — as Benchmarks/Suite/README.md
# (*Eighth pass*) checked on the full benchmark world; only the time changes. Elsewhere
# (another architecture, an older processor, macOS) it prints nothing: the portable build.
# The Makefile and the benchmark scripts build with these flags, so that one build
# directory keeps one set of flags; `make CPU_FLAGS= build` builds the portable code.
set -euo pipefail
[[ $(uname -s) == Linux && $(uname -m) == x86_64 && -r /proc/cpuinfo ]] || exit 0
flags=$(grep -m1 '^flags' /proc/cpuinfo)
for feature in avx avx2 fma bmi1 bmi2 abm f16c movbe popcnt sse4_2; do
    [[ " $flags " == *" $feature "* ]] || exit 0
done
echo "-Xswiftc -target-cpu -Xswiftc haswell"
