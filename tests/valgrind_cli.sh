#!/usr/bin/env bash
# Runs the CLI under valgrind on a good scenario and on every bad-input file: each run must
# finish with the expected kind of exit code and with no memory error or leak of any kind.
# usage: valgrind_cli.sh VALGRIND MATCH GOOD.json BAD_DIR
set -u
valgrind=$1 match=$2 good=$3 bad_dir=$4
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
failures=0 passes=0

# run EXPECTED_EXIT ARGS...: valgrind's own failure code is 99, distinct from the CLI's.
run() {
    local expected=$1
    shift
    "$valgrind" -q --leak-check=full --show-leak-kinds=all --errors-for-leak-kinds=all \
        --error-exitcode=99 "$match" "$@" >/dev/null 2>"$out/log"
    local rc=$?
    if [[ $rc -ne $expected ]]; then
        echo "FAIL: match $* exited $rc, expected $expected" >&2
        cat "$out/log" >&2
        failures=$((failures + 1))
    else
        passes=$((passes + 1))
    fi
}

run 0 solve "$good" -o "$out/plan.json"
run 0 check "$good"
run 0 explain "$out/plan.json" --scenario "$good"
run 0 solve "$good" -o "$out/plan.json" --solver glpk --timings
# Re-planning: the urgent-call example beside the good scenario names its plan in force.
urgent="$(dirname "$good")/xinmi-urgent.json"
if [[ -f "$urgent" ]]; then
    run 0 solve "$urgent" -o "$out/urgent.json"
    run 0 solve "$urgent" -o "$out/urgent.json" --previous "$out/plan.json" --solver glpk
fi
run 0 export "$good" -o "$out/program.mps"
run 0 export "$good" -o "$out/program.lp"
run 6 export "$good" -o "$out/missing/program.mps"
# What-if: a warm-started solve from a plan file, and comparisons of plan files.
cp "$out/plan.json" "$out/before.json"
run 0 solve "$good" -o "$out/plan.json" --warm-start "$out/before.json" --solver glpk
run 0 diff "$out/before.json" "$out/plan.json"
run 0 diff "$out/before.json" "$out/plan.json" --json -o "$out/diff.json"
run 2 diff "$out/before.json" "$good"
run 2 solve "$good" --warm-start "$good"
run 1 diff "$out/before.json"
# Judging plans and the HTML report: a valid plan, a broken one (exit 8), bad input.
fixtures="$(dirname "$bad_dir")/evaluate"
if [[ -d "$fixtures" ]]; then
    run 0 evaluate "$fixtures/scenario.json" "$fixtures/valid.json" --json
    run 8 evaluate "$fixtures/scenario.json" "$fixtures/broken-forbidden.json" --lang zh
    run 0 report "$fixtures/scenario.json" "$fixtures/valid.json" -o "$out/report.html" \
        --previous "$fixtures/valid.json"
    run 6 report "$fixtures/scenario.json" "$fixtures/valid.json" -o "$out/missing/report.html"
fi
run 2 evaluate "$good" "$good"
# Listed pairs and max_volunteers: the GLPK path with whole pairs, and the flow solver's refusal.
visits=$(dirname "$good")/home_visits.json
run 0 solve "$visits" -o "$out/plan.json"
run 1 solve "$visits" -o "$out/plan.json" --solver flow   # a refusal: usage error
# Spreadsheets: a workbook and a CSV folder in, the project list out, the template, and a
# text cell where a number is meant.
run 0 convert "$good" -o "$out/book.xlsx"
run 0 convert "$out/book.xlsx" -o "$out/lists"
run 0 solve "$out/lists" -o "$out/plan.json" -o "$out/plan.xlsx" --lang en
run 0 template -o "$out/template.xlsx"
sed -i '2s/^\(\([^,]*,\)\{3\}\)[^,]*/\124小时/' "$out/lists/志愿者.csv"
run 2 check "$out/lists"
for f in "$bad_dir"/*.json; do
    run 2 check "$f"
    run 2 solve "$f" -o "$out/bad-plan.json"
done
run 2 solve "$bad_dir/does-not-exist.json"
run 1 solve
echo "$passes passed, $failures failed"
[[ $failures -eq 0 ]]
