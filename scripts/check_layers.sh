#!/usr/bin/env bash
# The modules' import order: domain <- context <- ui <- app <- main, with cli
# beside app. Each file under src/ may import only its own layer and those
# below it; anything else fails with file:line and the forbidden arrow.
#
#   domain  model guidance analysis storage interop report remind samples
#           history
#           (each other, never context/ui/app/cli, never egui or eframe;
#           the model imports none of them and the guidance only the model)
#   context the domain
#   ui      the domain, context
#   cli     the domain, context
#   app     the domain, context, ui, cli (for `cli::stderr`, the one place
#           the library's notices are printed)
#   main    anything (src/main.rs and the crate root src/lib.rs)
#
# An import is a path in code (comments are skipped): `crate::X`, `super::`
# climbing to the crate root and then `X`, and `keel::X` in src/main.rs.
#
# `scripts/check_layers.sh --graph` prints the edges between top-level
# modules instead, with how many lines name each, and checks nothing.
set -euo pipefail
cd "$(dirname "$0")/.."

mode=check
if [ "${1:-}" = "--graph" ]; then mode=graph; fi

mapfile -d '' files < <(find src -name '*.rs' -print0 | sort -z)
awk -v mode="$mode" '
function layer(module) {
    if (module ~ /^(model|guidance|analysis|storage|interop|report|remind|samples|history)$/) return "domain"
    if (module ~ /^(context|ui|cli|app|main)$/) return module
    return ""
}
# Whether a file of module `from` may import module `to`.
function allowed(from, to,    lf, lt) {
    lf = layer(from); lt = layer(to)
    if (from == to || lf == "main") return 1
    if (to == "egui") return lf != "domain"
    # The base of the domain: the model imports no other module, and the
    # guidance (the article as data, about the situations and styles of
    # the model) only the model.
    if (from == "model") return 0
    if (from == "guidance") return to == "model"
    if (lf == "domain") return lt == "domain"
    if (lf == "context") return lt == "domain"
    if (lf == "ui" || lf == "cli") return lt == "domain" || lt == "context"
    if (lf == "app") return lt != "main"
    return 0
}
function may(from) {
    if (from == "model") return "no other module"
    if (from == "guidance") return "the model only"
    if (layer(from) == "domain") return "the domain modules only"
    if (from == "context") return "the domain only"
    if (from == "ui" || from == "cli") return "the domain and context only"
    if (from == "app") return "the domain, context, ui and cli"
    return "anything"
}
function edge(to, what) {
    if (layer(to) == "" && to != "egui") return
    if (to == module) return
    count[module " -> " to]++
    if (mode == "check" && !allowed(module, to)) {
        why = to == "egui" ? "the domain never uses egui or eframe" : module " may import " may(module)
        printf "%s:%d: %s -> %s is forbidden (%s): %s\n", FILENAME, FNR, module, to, why, what
        bad++
    }
}
FNR == 1 {
    # The top-level module and how many `super::` reach the crate root.
    path = FILENAME; sub(/^src\//, "", path)
    parts = split(path, part, "/")
    if (path == "main.rs") { module = "main"; depth = 0 }
    else if (path == "lib.rs") { module = "main"; depth = 0 }
    else {
        module = part[1]; sub(/\.rs$/, "", module)
        depth = parts - (part[parts] == "mod.rs" ? 1 : 0)
    }
    in_block = 0
}
{
    line = $0
    # Block comments, then line comments (docs included): prose, not imports.
    if (in_block) { if (line ~ /\*\//) { sub(/^.*\*\//, "", line); in_block = 0 } else next }
    while (match(line, /\/\*/)) {
        rest = substr(line, RSTART + 2)
        if (match(rest, /\*\//)) line = substr(line, 1, RSTART - 1) " " substr(rest, RSTART + 2)
        else { line = substr(line, 1, index(line, "/*") - 1); in_block = 1 }
    }
    sub(/\/\/.*$/, "", line)
    # A group at the crate root (`crate::{app::X, ui::Y}`) would hide its
    # modules from the reading below: each module gets a path of its own.
    if (mode == "check" && match(line, /(^|[^A-Za-z0-9_:])crate::\{/)) {
        printf "%s:%d: an import grouped at the crate root hides which modules it names; write one path per module: crate::{\n", FILENAME, FNR
        bad++
    }
    code = line
    while (match(code, /(^|[^A-Za-z0-9_:])crate::[a-z_]+/)) {
        found = substr(code, RSTART, RLENGTH); sub(/^.*crate::/, "", found)
        edge(found, "crate::" found)
        code = substr(code, RSTART + RLENGTH)
    }
    code = line
    while (match(code, /(^|[^A-Za-z0-9_:])(super::)+[a-z_]+/)) {
        found = substr(code, RSTART, RLENGTH); sub(/^[^s]*/, "", found)
        ups = gsub(/super::/, "", found)
        if (ups >= depth && depth > 0) edge(found, "super::… " found)
        code = substr(code, RSTART + RLENGTH)
    }
    if (module == "main") {
        code = line
        while (match(code, /(^|[^A-Za-z0-9_:])keel::[a-z_]+/)) {
            found = substr(code, RSTART, RLENGTH); sub(/^.*keel::/, "", found)
            edge(found, "keel::" found)
            code = substr(code, RSTART + RLENGTH)
        }
    }
    if (layer(module) == "domain" || module == "context") {
        if (line ~ /(^|[^A-Za-z0-9_])(egui(_plot|_extras|_kittest)?|eframe)::/) edge("egui", "egui or eframe")
    }
}
END {
    if (mode == "graph") {
        for (e in count) printf "%-22s %4d\n", e, count[e] | "sort"
        exit 0
    }
    if (bad) {
        printf "check_layers: %d forbidden import(s); the order is domain <- context <- ui <- app <- main (cli beside app)\n", bad
        exit 1
    }
    print "check_layers: every import follows domain <- context <- ui <- app <- main (cli beside app)"
}
' "${files[@]}"
