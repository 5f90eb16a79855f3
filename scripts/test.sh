#!/usr/bin/env bash
# Builds libmatch with warnings as errors and runs the whole test suite (C, Python, CLI).
#   scripts/test.sh              the normal build, in build-test/
#   scripts/test.sh --sanitize   the same suite built with AddressSanitizer and UBSan,
#                                in build-sanitize/
set -euo pipefail
cd "$(dirname "$0")/.."

build_dir=build-test
flags=(-DCMAKE_BUILD_TYPE=RelWithDebInfo)
if [[ "${1:-}" == "--sanitize" ]]; then
    build_dir=build-sanitize
    flags=(-DCMAKE_BUILD_TYPE=Debug -DLIBMATCH_SANITIZE=ON)
fi

bash scripts/install-deps.sh
cmake -S . -B "$build_dir" -DLIBMATCH_WERROR=ON -DPython3_EXECUTABLE=/usr/bin/python3 "${flags[@]}"
cmake --build "$build_dir" -j"$(nproc)"
ctest --test-dir "$build_dir" --output-on-failure -j"$(nproc)"
