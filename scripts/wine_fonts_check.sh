#!/usr/bin/env bash
# Checks that keel.exe draws scripts its own fonts lack (Korean, Thai,
# Devanagari) with fonts installed in the Windows fonts folder, as on a
# Windows computer, and not only with the Linux fonts Wine passes through.
#
#   bash scripts/wine_fonts_check.sh PATH/TO/keel.exe
#
# In a Wine prefix of its own, with the Linux fonts hidden from Wine (an empty
# fontconfig setup), it writes three decisions with such titles, takes a
# screenshot of the Journal page (empty boxes: no font has the glyphs), then
# copies Debian's Noto fonts into C:\windows\Fonts, registers them the way
# Windows' font installer does, and takes another. The titles must change
# and the rest of the page must not. Needs Xvfb, ImageMagick's `compare` and
# fonts-noto-cjk/fonts-noto-core (.ci/run installs them).
set -euo pipefail

exe_unix=$(realpath "$1")
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
export KEEL_WINEPREFIX="$work/prefix"
export FONTCONFIG_FILE="$work/no-fonts.conf"
cat >"$FONTCONFIG_FILE" <<EOF
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><cachedir>$work/fontconfig-cache</cachedir></fontconfig>
EOF
exe='Z:'"${exe_unix//\//\\}"
wine_run() { bash "$repo/scripts/wine-run.sh" "$@"; }

for title in "팀과 함께 일정을 다시 정했다" "ทีมเลือกวิธีทำงานเอง" "टीम ने नई योजना चुनी"; do
    wine_run "$exe" add --title "$title" --style blend >/dev/null
done

display=:93
shot() {
    # Wine's programs without a display end first, so the window gets one.
    WINEPREFIX="$KEEL_WINEPREFIX" timeout 60 wineserver -w
    Xvfb "$display" -screen 0 1280x800x24 >/dev/null 2>&1 &
    local xvfb_pid=$!
    for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X${display#:}" ] && break; sleep 0.2; done
    DISPLAY=$display timeout 120 bash "$repo/scripts/wine-run.sh" "$exe" --theme light --page journal \
        --screenshot 'Z:'"${1//\//\\}" 2>/dev/null || true
    kill "$xvfb_pid" 2>/dev/null || true
    wait "$xvfb_pid" 2>/dev/null || true
    file "$1" | grep -q "PNG image data" || { echo "wine_fonts_check: no screenshot $1"; exit 1; }
}
shot "$work/without.png"

fonts_dir="$KEEL_WINEPREFIX/drive_c/windows/Fonts"
registry='HKLM\Software\Microsoft\Windows NT\CurrentVersion\Fonts'
for font in /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc \
    /usr/share/fonts/truetype/noto/NotoSansThai-Regular.ttf \
    /usr/share/fonts/truetype/noto/NotoSansDevanagari-Regular.ttf; do
    cp "$font" "$fonts_dir/"
    name=$(basename "$font")
    wine_run reg add "$registry" /v "${name%.*} (TrueType)" /t REG_SZ /d "$name" /f >/dev/null
done
shot "$work/with.png"

# The three titles sit right of the dates; the page around them is the same.
differing() {
    convert "$work/without.png" -crop "$2" +repage "$work/without-$1.png"
    convert "$work/with.png" -crop "$2" +repage "$work/with-$1.png"
    # `compare` prints the count on standard error and exits 1 when it is not 0.
    compare -metric AE "$work/without-$1.png" "$work/with-$1.png" null: 2>&1 | cut -d' ' -f1 || true
}
titles=$(differing titles 400x150+380+140)
rest=$(differing rest 1280x640+0+300)
echo "wine_fonts_check: $titles pixels of the titles changed with the Windows fonts, $rest elsewhere"
# A count that is not a number (compare failed: sizes differ, a file is
# missing) fails the check rather than letting a test error pass it.
if ! [[ $titles =~ ^[0-9]+$ && $rest =~ ^[0-9]+$ ]] || [ "$titles" -lt 1000 ] || [ "$rest" -ne 0 ]; then
    echo "wine_fonts_check: keel.exe did not use the fonts in C:\\windows\\Fonts (screenshots in $work)"
    exit 1
fi
WINEPREFIX="$KEEL_WINEPREFIX" timeout 60 wineserver -k || true
rm -rf "$work"
