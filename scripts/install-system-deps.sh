#!/usr/bin/env bash
# Installs the system libraries MetaRecSim links against, when they are missing:
# libxlsxwriter (XLSX reports), OpenBLAS (matrix products) and zlib (reading XLSX files back
# in tests), found through pkg-config.
set -euo pipefail

have_all() {
    command -v pkg-config >/dev/null 2>&1 && pkg-config --exists xlsxwriter openblas zlib
}

if have_all; then
    exit 0
fi

case "$(uname -s)" in
Linux)
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "error: install libxlsxwriter, OpenBLAS and pkg-config with your package manager" >&2
        exit 2
    fi
    packages=(pkg-config libxlsxwriter-dev libopenblas-dev zlib1g-dev)
    if [ "$(id -u)" -eq 0 ]; then
        sudo_cmd=()
    elif command -v sudo >/dev/null 2>&1; then
        sudo_cmd=(sudo)
    else
        echo "error: need root or sudo to install: ${packages[*]}" >&2
        exit 2
    fi
    echo "installing ${packages[*]}" >&2
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${packages[@]}" >/dev/null
    ;;
Darwin)
    if ! command -v brew >/dev/null 2>&1; then
        echo "error: install Homebrew, then run: brew install pkg-config libxlsxwriter openblas" >&2
        exit 2
    fi
    brew install pkg-config libxlsxwriter openblas
    ;;
*)
    echo "error: unsupported system $(uname -s)" >&2
    exit 2
    ;;
esac

have_all || { echo "error: pkg-config still cannot find xlsxwriter, openblas and zlib" >&2; exit 2; }
