#!/usr/bin/env bash
# The README's picture of a real reminder: Keel's window on the sample
# journal under a virtual display (Xvfb), dunst as the notification server
# on a private session bus, and `keel remind` sending the day's reminder.
# Everything Keel writes goes to a scratch folder, never your own.
#
#   scripts/notification_screenshot.sh [keel binary] [out.png]
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
# Paths given are read from where the script was started.
keel=$(realpath "${1:-$repo/target/release/keel}")
out=$(realpath -m "${2:-$repo/docs/reminder-notification.png}")
cd "$repo"
missing=()
for tool in Xvfb:xvfb dunst:dunst dbus-daemon:dbus-daemon import:imagemagick; do
    command -v "${tool%%:*}" >/dev/null || missing+=("${tool##*:}")
done
if ((${#missing[@]})); then
    apt-get update -qq
    apt-get install -y -qq "${missing[@]}" libxkbcommon-x11-0 libgl1-mesa-dri libegl1 >/dev/null
fi

scratch=$(mktemp -d)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    rm -rf "$scratch"
}
trap cleanup EXIT
export HOME=$scratch/home XDG_CONFIG_HOME=$scratch/config XDG_STATE_HOME=$scratch/state \
    XDG_DATA_HOME=$scratch/data XDG_CACHE_HOME=$scratch/cache XDG_RUNTIME_DIR=$scratch/runtime
mkdir -p "$HOME" "$XDG_RUNTIME_DIR" "$XDG_CONFIG_HOME/dunst"
chmod 700 "$XDG_RUNTIME_DIR"

export DISPLAY=:96
Xvfb "$DISPLAY" -screen 0 1280x800x24 >/dev/null 2>&1 &
pids+=($!)
address="unix:path=$scratch/bus"
dbus-daemon --session --nofork --address="$address" >/dev/null 2>&1 &
pids+=($!)
export DBUS_SESSION_BUS_ADDRESS=$address
sleep 1

# dunst finds Keel's icon by its name, as a desktop's icon theme would.
cat >"$XDG_CONFIG_HOME/dunst/dunstrc" <<DUNSTRC
[global]
    font = DejaVu Sans 11
    width = 420
    offset = 16x48
    origin = top-right
    frame_width = 1
    frame_color = "#8a8f98"
    padding = 12
    horizontal_padding = 12
    icon_position = left
    min_icon_size = 48
    max_icon_size = 48
    icon_path = $PWD/packaging/icons/hicolor/48x48/apps
    format = "<b>%a</b>\n<b>%s</b>\n%b"
    show_indicators = no
[urgency_normal]
    background = "#fbfbfd"
    foreground = "#1d2330"
    timeout = 0
DUNSTRC
dunst >/dev/null 2>&1 &
pids+=($!)

"$keel" --demo --theme light --page week >/dev/null 2>&1 &
pids+=($!)
sleep 5
# The sample journal's reminder is only ever shown by `keel --demo remind`,
# never sent; this script sends it as a real one from a copy.
"$keel" --demo export --format json --out "$scratch/sample.json" >/dev/null
"$keel" --journal "$scratch/journal.ron" import --from json "$scratch/sample.json" >/dev/null
"$keel" --journal "$scratch/journal.ron" remind --format json | tee "$scratch/outcome.json"
grep -q '"via":"notification"' "$scratch/outcome.json" || { echo "no notification was shown"; exit 1; }
sleep 2
mkdir -p "$(dirname "$out")"
import -window root "$out"
echo "wrote $out"
