#!/usr/bin/env python3
"""Fails when a library source includes a header from a layer above its own.

The layers are those of docs/architecture.md: a file may include the public headers
(include/libmatch/), headers of its own folder, and headers of folders on strictly lower
levels. Folders on one level are peers and do not include each other. The command-line tool
and the bindings see the public headers only.

    check_layers.py [SOURCE_ROOT]      exit 0 when every include points down
"""
import os
import re
import sys

# Lowest first. Keep in step with docs/architecture.md.
LEVELS = [
    ["common", "flow"],
    ["model"],
    ["pairs"],
    ["solution"],
    ["plan"],
    ["solve"],
    ["solve/flow", "solve/glpk"],
    ["solve/coupled"],
    ["export", "explain", "io"],
]
LEVEL_OF = {folder: k for k, folders in enumerate(LEVELS) for folder in folders}
PUBLIC_ONLY = ["tools", "bindings"]
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)
SOURCE = (".c", ".h", ".i", ".cpp")


def folder_of(path, lib):
    """The layer folder of a file under libmatch/, e.g. 'solve/glpk'."""
    return os.path.dirname(os.path.relpath(path, lib)).replace(os.sep, "/")


def check(root):
    lib = os.path.join(root, "libmatch")
    public = os.path.join(root, "include")
    problems = []
    for top, _, files in os.walk(lib):
        for name in sorted(files):
            if not name.endswith(SOURCE):
                continue
            path = os.path.join(top, name)
            here = folder_of(path, lib)
            if here not in LEVEL_OF:
                problems.append(f"{os.path.relpath(path, root)}: folder libmatch/{here} is on no level")
                continue
            text = open(path, encoding="utf-8").read()
            for target in INCLUDE.findall(text):
                if os.path.exists(os.path.join(public, target)):
                    continue
                resolved = os.path.normpath(os.path.join(top, target))
                if not os.path.exists(resolved) and os.path.exists(os.path.join(root, target)):
                    resolved = os.path.normpath(os.path.join(root, target))  # root-relative
                if not resolved.startswith(lib + os.sep):
                    problems.append(f"{os.path.relpath(path, root)}: includes \"{target}\", outside the library")
                    continue
                there = folder_of(resolved, lib)
                if there == here:
                    continue
                if there not in LEVEL_OF or LEVEL_OF[there] >= LEVEL_OF[here]:
                    why = "a peer" if LEVEL_OF.get(there) == LEVEL_OF[here] else "a layer above"
                    problems.append(
                        f"{os.path.relpath(path, root)} (libmatch/{here}) includes \"{target}\" "
                        f"from {why} (libmatch/{there})")
    for outside in PUBLIC_ONLY:
        for top, _, files in os.walk(os.path.join(root, outside)):
            for name in sorted(files):
                if not name.endswith(SOURCE):
                    continue
                path = os.path.join(top, name)
                for target in INCLUDE.findall(open(path, encoding="utf-8").read()):
                    resolved = os.path.normpath(os.path.join(top, target))
                    if resolved.startswith(lib + os.sep) or target.startswith("libmatch/") and \
                            not os.path.exists(os.path.join(public, target)):
                        problems.append(f"{os.path.relpath(path, root)}: includes the private \"{target}\"")
    return problems


def self_test():
    """The check must see an include that points up, one between peers, and a private
    include in the tool; a tree with only downward includes must pass."""
    import tempfile
    with tempfile.TemporaryDirectory() as root:
        def write(path, text):
            os.makedirs(os.path.dirname(os.path.join(root, path)), exist_ok=True)
            with open(os.path.join(root, path), "w", encoding="utf-8") as f:
                f.write(text)
        write("include/libmatch/model.h", "")
        write("libmatch/model/model_internal.h", '#include "libmatch/model.h"\n')
        write("libmatch/plan/plan_internal.h", '#include "../model/model_internal.h"\n')
        write("tools/match/main.c", '#include "libmatch/model.h"\n')
        assert check(root) == [], check(root)
        write("libmatch/model/previous.c", '#include "../plan/plan_internal.h"\n')
        write("libmatch/io/read.c", '#include "../explain/x.h"\n')
        write("libmatch/explain/x.h", "")
        write("tools/match/cmd.c", '#include "../../libmatch/plan/plan_internal.h"\n')
        found = check(root)
        assert len(found) == 3 and "a layer above" in found[0] + found[1] + found[2], found
        assert any("a peer" in f for f in found) and any("private" in f for f in found), found
    print("self-test: the check sees upward, sideways and private includes")
    return 0


def main():
    if sys.argv[1:] == ["--self-test"]:
        return self_test()
    root = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", ".."))
    problems = check(root)
    for p in problems:
        print(p)
    if problems:
        print(f"{len(problems)} include(s) point up or sideways; see docs/architecture.md")
        return 1
    print("every include points down")
    return 0


if __name__ == "__main__":
    sys.exit(main())
