#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz (clang, AddressSanitizer + UBSan) in build-fuzz/
# and runs them.
#   scripts/fuzz.sh TARGET SECONDS [LIBFUZZER-ARGS...]
#       runs one target (scenario, plan, previous or solve) for SECONDS; the corpus grows in
#       build-fuzz/corpus/TARGET (seeded from tests/fuzz/corpus/TARGET), so campaigns resume.
#       Crashes are written to build-fuzz/artifacts/. Extra arguments go to libFuzzer, for
#       example -jobs=2 -workers=2.
#   scripts/fuzz.sh --ci [SECONDS]
#       runs every target for SECONDS (default 60) from the committed seeds only, and fails
#       on the first crash, leak or failed check. Skipped, with a message, without clang.
#   scripts/fuzz.sh --build
#       only builds.
# LIBMATCH_FUZZ_CLANG names the compiler (default clang).
set -euo pipefail
cd "$(dirname "$0")/.."

targets=(scenario plan previous solve)
clang=${LIBMATCH_FUZZ_CLANG:-clang}
build_dir=build-fuzz

usage() {
    sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 1
}

have_libfuzzer() {
    command -v "$clang" >/dev/null 2>&1 || return 1
    local probe
    probe=$(mktemp -d)
    printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { (void)d; (void)n; return 0; }\n' \
        >"$probe/probe.c"
    "$clang" -fsanitize=fuzzer "$probe/probe.c" -o "$probe/probe" >/dev/null 2>&1
    local rc=$?
    rm -rf "$probe"
    return $rc
}

build() {
    CC=$clang cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DLIBMATCH_FUZZ=ON \
        -DLIBMATCH_SANITIZE=ON -DLIBMATCH_WERROR=ON -DLIBMATCH_BUILD_TESTS=OFF \
        -DLIBMATCH_BUILD_BINDINGS=OFF -DPython3_EXECUTABLE=/usr/bin/python3 >/dev/null
    cmake --build "$build_dir" -j"$(nproc)" --target "${targets[@]/#/fuzz_}"
}

# run TARGET SECONDS CORPUS_DIR [ARGS...]
run() {
    local target=$1 seconds=$2 corpus=$3
    shift 3
    local max_len=65536 timeout=10
    if [[ $target == solve ]]; then
        max_len=4096 timeout=30
    fi
    mkdir -p "$corpus" "$build_dir/artifacts"
    echo "== fuzz_$target for $seconds s (corpus $corpus)"
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
        ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 \
        "$build_dir/tests/fuzz/fuzz_$target" -max_total_time="$seconds" -max_len="$max_len" \
        -timeout="$timeout" -rss_limit_mb=2048 -print_final_stats=1 \
        -dict=tests/fuzz/json.dict -artifact_prefix="$build_dir/artifacts/$target-" "$@" \
        "$corpus" "tests/fuzz/corpus/$target"
}

case "${1:-}" in
--ci)
    seconds=${2:-60}
    if ! have_libfuzzer; then
        echo "fuzz: SKIPPED: clang with libFuzzer (Debian: clang, libfuzzer-14-dev) is not installed"
        exit 0
    fi
    build
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
    for t in "${targets[@]}"; do
        run "$t" "$seconds" "$work/$t"
    done
    echo "fuzz: every target ran $seconds s without a finding"
    ;;
--build)
    build
    ;;
"" | -h | --help)
    usage
    ;;
*)
    target=${1#fuzz_}
    [[ " ${targets[*]} " == *" $target "* ]] || { echo "fuzz: unknown target $1" >&2; usage; }
    [[ $# -ge 2 ]] || usage
    seconds=$2
    shift 2
    have_libfuzzer || { echo "fuzz: clang with libFuzzer is not installed" >&2; exit 1; }
    build
    run "$target" "$seconds" "$build_dir/corpus/$target" "$@"
    ;;
esac
