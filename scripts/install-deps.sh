#!/usr/bin/env bash
# Installs the Debian 12 packages libmatch needs to build and test, when any is missing.
set -euo pipefail

packages=(
    build-essential cmake pkg-config
    libglpk-dev libjansson-dev libcmocka-dev
    libcsv-dev libxlsxwriter-dev libzip-dev libexpat1-dev
    python3 python3-dev python3-pytest python3-numpy python3-scipy python3-pandas python3-openpyxl
    swig lua5.4 liblua5.4-dev
    valgrind
    python3-pandas python3-dask python3-distributed python3-pytest-timeout
    chromium libjs-chart.js fonts-wqy-microhei
    clang libfuzzer-14-dev
)

missing=()
for p in "${packages[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    [[ "$status" == "install ok installed" ]] || missing+=("$p")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "Installing missing Debian packages: ${missing[*]}" >&2
sudo=()
[[ $(id -u) -eq 0 ]] || sudo=(sudo)
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >&2
