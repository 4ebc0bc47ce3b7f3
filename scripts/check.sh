#!/usr/bin/env bash
# The project's checks: formatting, clippy with warnings denied, the tests,
# the rule that the domain never imports egui or eframe, and the modules'
# import order (domain <- context <- ui <- app <- main).
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== domain stays free of egui/eframe"
domain=(src/model src/guidance src/analysis src/storage src/interop src/report src/cli)
existing=()
for dir in "${domain[@]}"; do [ -d "$dir" ] && existing+=("$dir"); done
# Code that names an egui crate (a path like `egui::…` or a `use`), not prose
# in comments that mentions it.
if hits=$(grep -rnE '\b(egui(_plot|_extras|_kittest)?|eframe)::|\buse (egui|eframe)' "${existing[@]}"); then
    echo "The domain must not use egui or eframe (DESIGN.md, architecture):"
    echo "$hits"
    exit 1
fi

echo "== modules import one way: domain <- context <- ui <- app <- main"
bash scripts/check_layers.sh
echo "== storage's modules import in layers, without a circle"
bash scripts/check_storage_layers.sh

echo "== nothing reads outside the repository"
bash scripts/no_outside_paths.sh

echo "== cargo fmt --check"
cargo fmt --all -- --check

echo "== cargo clippy (warnings denied)"
cargo clippy --all-targets --locked -- -D warnings

# .ci/run has just run the same tests (the README's command) and says so;
# running them twice would only double CI's time.
if [ "${KEEL_CHECK_TESTS_RAN:-}" = 1 ]; then
    echo "== cargo test: already run by .ci/run"
else
    echo "== cargo test"
    cargo test --locked
fi

echo "check.sh: all checks passed"
