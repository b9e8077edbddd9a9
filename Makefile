# The two commands that do everything on a fresh machine:
#   make run   install system libraries if missing, build (release), run the default suite
#   make test  install system libraries if missing, run the test suite

SWIFT ?= swift
SUITE ?= Scenarios/default.yaml
OUT ?= Reports/default

# Homebrew's OpenBLAS is keg-only: point pkg-config at it on macOS.
ifeq ($(shell uname -s),Darwin)
export PKG_CONFIG_PATH := $(shell brew --prefix openblas 2>/dev/null)/lib/pkgconfig:$(PKG_CONFIG_PATH)
endif

.PHONY: run test deps build clean

deps:
	@scripts/install-system-deps.sh

build: deps
	$(SWIFT) build -c release --product metarec

run: build
	.build/release/metarec run $(SUITE) --out $(OUT)

test: deps
	$(SWIFT) test

clean:
	rm -rf .build
