#!/usr/bin/env bash
# One command from a fresh Debian 12 checkout to a solved example: installs what is missing,
# builds libmatch and the `match` CLI into build/, and solves examples/xinmi.json.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPython3_EXECUTABLE=/usr/bin/python3
cmake --build build -j"$(nproc)"
build/match solve examples/xinmi.json -o xinmi-plan.json
echo "Plan written to xinmi-plan.json" >&2
