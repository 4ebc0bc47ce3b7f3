#!/usr/bin/env bash
# Regenerates the README images: runs `keel --demo --screenshot` for each page
# under a virtual display (Xvfb, installed if missing).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v Xvfb >/dev/null; then
    apt-get update -qq
    apt-get install -y -qq xvfb libxkbcommon-x11-0 libgl1-mesa-dri libegl1 >/dev/null
fi
cargo build --release
display=:97
Xvfb "$display" -screen 0 1600x1000x24 >/dev/null 2>&1 &
xvfb_pid=$!
trap 'kill "$xvfb_pid"' EXIT
sleep 1
mkdir -p docs
for page in week journal balance people review guide settings; do
    for theme in light dark; do
        out="docs/${page}-${theme}.png"
        DISPLAY="$display" ./target/release/keel --demo --theme "$theme" --page "$page" --screenshot "$out"
        echo "wrote $out"
    done
done
