#!/usr/bin/env bash
# Builds libmatch with warnings as errors and runs the whole test suite (C, Python, CLI).
#   scripts/test.sh              the normal build, in build-test/
#   scripts/test.sh --sanitize   the same suite built with AddressSanitizer and UBSan,
#                                in build-sanitize/
#   scripts/test.sh --tsan       the thread tests (test_thread*) built with ThreadSanitizer,
#                                in build-tsan/
set -euo pipefail
cd "$(dirname "$0")/.."

build_dir=build-test
flags=(-DCMAKE_BUILD_TYPE=RelWithDebInfo)
targets=()
tests=()
if [[ "${1:-}" == "--sanitize" ]]; then
    build_dir=build-sanitize
    flags=(-DCMAKE_BUILD_TYPE=Debug -DLIBMATCH_SANITIZE=ON)
elif [[ "${1:-}" == "--tsan" ]]; then
    build_dir=build-tsan
    flags=(-DCMAKE_BUILD_TYPE=RelWithDebInfo -DLIBMATCH_TSAN=ON -DLIBMATCH_BUILD_BINDINGS=OFF)
    targets=(--target test_threads test_thread_stress)
    tests=(-R '^test_thread')
    # Any report fails the test (TSan's exit code), with both stacks printed.
    export TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1"
fi

bash scripts/install-deps.sh
cmake -S . -B "$build_dir" -DLIBMATCH_WERROR=ON -DPython3_EXECUTABLE=/usr/bin/python3 "${flags[@]}"
cmake --build "$build_dir" -j"$(nproc)" "${targets[@]}"
ctest --test-dir "$build_dir" --output-on-failure -j"$(nproc)" "${tests[@]}"
