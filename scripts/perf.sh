#!/usr/bin/env bash
# Reproduces the whole-process figures of README.md, Performance:
#   - `keel stats` and `keel list --tag T` on synthetic journals of 1k, 10k and
#     100k decisions (hyperfine: mean/min; /usr/bin/time -v: peak memory),
#   - the window opened to its first frame, as `keel --screenshot` under Xvfb
#     (an upper bound: it includes creating the window and a few frames),
#   - the same journal in jrnl filtered by a tag (jrnl installed with pip into
#     a venv under /tmp if missing), and the ratios, for `list --tag T` and
#     `list --tag T --format json`,
#   - the `write` calls of `list --tag T --format json` into a pipe (strace,
#     when installed).
# Keel's parse cache lives in $PERF_DIR/cache: the figures are with the cache
# written (every read after the first), plus `list --tag` on a first read.
# In-process figures (frame times, a keystroke, load, save) come from the
# benchmarks: `cargo bench --bench frame --bench storage --bench analysis`.
#
#   scripts/perf.sh [SIZES...]        default: 1000 10000 100000
#
# The binary is built in $CARGO_TARGET_DIR (default target/); KEEL_BIN=PATH
# times another one instead (a build from before a change, to compare).
#
# Nothing is written in the repository: journals, the jrnl config and its
# files live under $PERF_DIR (default /tmp/keel-perf).
set -euo pipefail
cd "$(dirname "$0")/.."

sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000 100000)
work=${PERF_DIR:-/tmp/keel-perf}
venv=${JRNL_VENV:-/tmp/jrnl-venv}
tag=${PERF_TAG:-release}
mkdir -p "$work"
export KEEL_CACHE_DIR="$work/cache"

if ! command -v hyperfine >/dev/null; then
    apt-get install -y -qq hyperfine >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq hyperfine >/dev/null; }
fi
if [ ! -x "$venv/bin/jrnl" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q jrnl
fi

if [ -z "${KEEL_BIN:-}" ]; then
    cargo build --release --quiet --bin keel
fi
keel=${KEEL_BIN:-${CARGO_TARGET_DIR:-target}/release/keel}

peak_mb() { # peak resident memory of a command, in MB
    /usr/bin/time -v "$@" 2>&1 >/dev/null | awk '/Maximum resident set size/ { printf "%.1f", $6 / 1024 }'
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GB", $2/1048576 }' /proc/meminfo), $(uname -sr); date: $(date -u +%F)"
for size in "${sizes[@]}"; do
    journal="$work/journal-$size.ron"
    [ -f "$journal" ] || cargo run --release --quiet --example gen_journal -- "$size" "$journal" 42 2026-11-29
    echo
    echo "== $size decisions ($(du -h "$journal" | cut -f1) file)"
    hyperfine --style basic --warmup 1 --runs "${PERF_RUNS:-10}" -N \
        --export-json "$work/keel-$size.json" \
        "$keel --journal $journal stats" \
        "$keel --journal $journal list --tag $tag" \
        "$keel --journal $journal list --tag $tag --format json"
    hyperfine --style basic --runs "${PERF_RUNS:-10}" -N --prepare "rm -rf $KEEL_CACHE_DIR" \
        --command-name "first read (no parse cache yet): list --tag $tag" \
        "$keel --journal $journal list --tag $tag"
    if command -v strace >/dev/null; then
        writes=$(strace -f -c -e trace=write -o "$work/strace-$size.txt" \
            "$keel" --journal "$journal" list --tag "$tag" --format json | wc -c)
        echo "write calls, list --tag $tag --format json ($writes bytes into a pipe):" \
            "$(awk '$NF == "write" { print $4 }' "$work/strace-$size.txt")"
    fi
    echo "peak memory: stats $(peak_mb "$keel" --journal "$journal" stats) MB," \
        "list --tag $(peak_mb "$keel" --journal "$journal" list --tag "$tag") MB"

    # jrnl: the same journal, exported, filtered by the same tag.
    txt="$work/journal-$size.txt"
    [ -f "$txt" ] || "$keel" --journal "$journal" export --format jrnl --out "$txt"
    config="$work/jrnl-$size"
    mkdir -p "$config/jrnl"
    cat >"$config/jrnl/jrnl.yaml" <<YAML
colors: {body: none, date: none, tags: none, title: none}
default_hour: 9
default_minute: 0
editor: ''
encrypt: false
highlight: false
indent_character: '|'
journals:
  default:
    journal: $txt
linewrap: 79
tagsymbols: '#@'
template: false
timeformat: '%F %r'
version: v4.2
YAML
    if [ "$size" -le "${JRNL_MAX:-10000}" ]; then
        XDG_CONFIG_HOME="$config" hyperfine --style basic --warmup 1 --runs "${JRNL_RUNS:-5}" -N \
            --export-json "$work/jrnl-$size.json" \
            "$keel --journal $journal list --tag $tag" \
            "$keel --journal $journal list --tag $tag --format json" \
            "$venv/bin/jrnl -n 100000 @$tag --short"
        python3 - "$work/jrnl-$size.json" <<'PY'
import json, sys
keel_text, keel_json, jrnl = (r["mean"] for r in json.load(open(sys.argv[1]))["results"])
print(f"jrnl / keel (whole process): list --tag {jrnl / keel_text:.0f}x, list --tag --format json {jrnl / keel_json:.0f}x")
PY
    fi

    # The window: opened, journal shown, first frames drawn, PNG written.
    if command -v Xvfb >/dev/null && [ -z "${SKIP_WINDOW:-}" ]; then
        display=:96
        Xvfb "$display" -screen 0 1600x1000x24 >/dev/null 2>&1 &
        xvfb_pid=$!
        sleep 1
        cp "$journal" "$work/window-$size.ron"
        DISPLAY="$display" hyperfine --style basic --warmup 1 --runs "${WINDOW_RUNS:-5}" -N \
            "$keel --journal $work/window-$size.ron --screenshot $work/window-$size.png" || true
        echo "peak memory (window): $(DISPLAY="$display" peak_mb "$keel" --journal "$work/window-$size.ron" --screenshot "$work/window-$size.png") MB"
        kill "$xvfb_pid" 2>/dev/null || true
        wait "$xvfb_pid" 2>/dev/null || true
    fi
done
