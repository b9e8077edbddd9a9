# The two commands that do everything on a fresh machine:
#   make run   install system libraries if missing, build (release), run the default suite
#   make test  install system libraries if missing, run the test suite (optimized, known-answer
#              tests included), then check every
#              shipped scenario against Scenarios/metarec.schema.json (make schema-check)

SWIFT ?= swift
# The processor's vector units where it has AVX2 and FMA (scripts/swift-build-flags.sh): the
# same figures bit for bit, faster; `make CPU_FLAGS= build` builds the portable code.
CPU_FLAGS ?= $(shell scripts/swift-build-flags.sh)
SUITE ?= Scenarios/default.yaml
OUT ?= Reports/default

# Homebrew's OpenBLAS is keg-only: point pkg-config at it on macOS.
ifeq ($(shell uname -s),Darwin)
export PKG_CONFIG_PATH := $(shell brew --prefix openblas 2>/dev/null)/lib/pkgconfig:$(PKG_CONFIG_PATH)
endif

.PHONY: run test deps build gate baseline schema schema-check lint format docs clean

deps:
	@scripts/install-system-deps.sh

build: deps
	$(SWIFT) build -c release --product metarec $(CPU_FLAGS)

run: build
	.build/release/metarec run $(SUITE) --out $(OUT)

# The tests run optimized (a release build with testable imports, in its own build directory
# so that make run's build is left alone): the known-answer tests meta-train every learner
# at its defaults, seconds each optimized, minutes in a debug build (where they are skipped;
# `swift test --filter X` stays the quick debug loop).
TEST_FLAGS ?= -c release -Xswiftc -enable-testing --scratch-path .build/tests $(CPU_FLAGS)

test: deps
	$(SWIFT) test $(TEST_FLAGS)
	$(MAKE) schema-check

# Check every shipped scenario and suite against the committed JSON Schema with Python's
# jsonschema (skipped with a message when python3, jsonschema or PyYAML is missing).
schema-check:
	@if command -v python3 >/dev/null 2>&1; then python3 scripts/check-scenario-schema.py; \
	else echo "schema-check: skipped, python3 is not installed"; fi

# The formatter's check (the configuration is .swift-format) and its fix.
lint:
	$(SWIFT) format lint --strict --recursive --parallel Sources Tests

format:
	$(SWIFT) format --in-place --recursive --parallel Sources Tests

# The DocC documentation of every library module, built with every warning an error.
docs:
	scripts/build-docs.sh

# Regenerate the JSON Schema and the reference from the scenario schema.
schema: build
	.build/release/metarec schema > Scenarios/metarec.schema.json
	.build/release/metarec schema --reference > docs/scenario-reference.md

# The regression gate: run the quick suite and compare it with the committed baseline.
gate: build
	.build/release/metarec run Scenarios/gate.yaml --no-cache --quiet --format json --out .build/gate
	.build/release/metarec compare Reports/baseline/results.json .build/gate/results.json \
		--junit .build/gate/junit.xml --markdown .build/gate/summary.md --quiet

# Regenerate the committed baseline of the gate.
baseline: build
	.build/release/metarec run Scenarios/gate.yaml --no-cache --quiet --format json --out Reports/baseline

clean:
	rm -rf .build
