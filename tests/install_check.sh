#!/usr/bin/env bash
# Installs the build into a scratch prefix and uses what was installed, from outside the source
# and build trees: the CLI (which must find the library through its install RPATH), the Python
# package and the Lua module (each at the path `cmake --install` gives it).
#   install_check.sh CMAKE BUILD_DIR PYTHON PYTHON_DIR LUA LUA_DIR EXAMPLE
# PYTHON_DIR and LUA_DIR are the install directories relative to the prefix; LUA may be empty
# when the Lua binding is not built.
set -euo pipefail
cmake=$1 build=$2 python=$3 python_dir=$4 lua=$5 lua_dir=$6 example=$7

prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
"$cmake" --install "$build" --prefix "$prefix" >/dev/null
cd "$prefix"

"$prefix/bin/match" --version
"$prefix/bin/match" solve "$example" -q -o "$prefix/cli.json"

PYTHONPATH="$prefix/$python_dir" "$python" - "$example" "$prefix" <<'PY'
import json, sys, libmatch
example, prefix = sys.argv[1], sys.argv[2]
assert libmatch.__file__.startswith(prefix), libmatch.__file__
plan = libmatch.load(example).solve()
cli = json.load(open(prefix + "/cli.json", encoding="utf-8"))
assert plan.status == cli["status"], (plan.status, cli["status"])
assert abs(plan.objective - cli["objective"]) <= 1e-9 * max(1.0, abs(cli["objective"]))
print("python", libmatch.__version__, plan.status, plan.objective)
PY

if [[ -n "$lua" ]]; then
    LUA_CPATH="$prefix/$lua_dir/?.so" "$lua" - "$example" <<'LUA'
local libmatch = require("libmatch")
local plan = libmatch.load(arg[1]):solve{}
assert(plan.status == "optimal", plan.status)
print("lua", libmatch.version(), plan.status, plan.objective)
LUA
fi

# ---- A downstream C project, at this non-default prefix ------------------------------------
# Built with find_package(libmatch) and with pkg-config, against the shared and the static
# library; each program solves a small model and checks the structured error.
src="$prefix/downstream"
mkdir -p "$src"
cat >"$src/app.c" <<'C'
#include <libmatch/libmatch.h>
#include <stdio.h>
#include <string.h>

int main(void)
{
    match_model *m = NULL;
    if (match_model_create(&m) != MATCH_OK)
        return 1;
    match_community_attrs c = MATCH_COMMUNITY_ATTRS_INIT;
    c.lat = 34.53;
    c.lon = 113.38;
    match_volunteer_attrs v = MATCH_VOLUNTEER_ATTRS_INIT;
    v.community = "C1";
    v.hours = 10;
    match_need_attrs n = MATCH_NEED_ATTRS_INIT;
    n.community = "C1";
    n.category = "health";
    n.priority = 3;
    n.hours = 4;
    if (match_model_add_community_attrs(m, "C1", &c) != MATCH_OK ||
        match_model_add_volunteer_attrs(m, "V1", &v) != MATCH_OK ||
        match_model_add_need_attrs(m, "N1", &n) != MATCH_OK)
        return 2;
    v.unit = "U9";
    if (match_model_add_volunteer_attrs(m, "V2", &v) != MATCH_ENOTFOUND ||
        strcmp(match_model_error(m)->field, "unit") != 0)
        return 3;
    match_plan *p = NULL;
    if (match_model_solve(&p, m, NULL) != MATCH_OK || match_plan_status(p) != MATCH_STATUS_OPTIMAL)
        return 4;
    printf("downstream %s %g\n", match_version(), match_plan_objective(p));
    match_plan_destroy(p);
    match_model_destroy(m);
    return 0;
}
C
cat >"$src/CMakeLists.txt" <<'CM'
cmake_minimum_required(VERSION 3.18)
project(downstream C)
find_package(libmatch REQUIRED)
add_executable(app_shared app.c)
target_link_libraries(app_shared PRIVATE libmatch::libmatch)
add_executable(app_static app.c)
target_link_libraries(app_static PRIVATE libmatch::libmatch_static)
CM
"$cmake" -S "$src" -B "$src/build" -DCMAKE_PREFIX_PATH="$prefix" >/dev/null
"$cmake" --build "$src/build" >/dev/null
"$src/build/app_shared"
"$src/build/app_static"
if ldd "$src/build/app_static" | grep -q libmatch; then
    echo "app_static links the shared library" >&2
    exit 1
fi

pcdir=$(dirname "$(find "$prefix" -name libmatch.pc | head -n 1)")
export PKG_CONFIG_PATH="$pcdir"
cc=${CC:-cc}
# shellcheck disable=SC2046 # the flags are words
"$cc" -o "$src/pc_shared" "$src/app.c" $(pkg-config --cflags --libs libmatch) \
    -Wl,-rpath,"$(pkg-config --variable=libdir libmatch)"
"$src/pc_shared"
# shellcheck disable=SC2046
"$cc" -o "$src/pc_static" "$src/app.c" $(pkg-config --cflags libmatch) \
    "$(pkg-config --variable=libdir libmatch)/libmatch.a" $(pkg-config --static --libs-only-l libmatch | sed 's/-lmatch//')
"$src/pc_static"
case "$(pkg-config --variable=prefix libmatch)" in
    "$pcdir"/*) ;;
    *) echo "libmatch.pc: prefix not relative to the file" >&2; exit 1 ;;
esac
