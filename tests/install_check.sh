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
