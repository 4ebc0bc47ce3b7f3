#!/usr/bin/env bash
# Renders Keel's icon (packaging/icons/keel.svg) into the PNGs the packages
# install (hicolor, 16 to 512 px), the macOS .icns and the Windows .ico.
# The results are committed, so packaging needs no SVG renderer; run this
# again only after changing the SVG. Needs rsvg-convert (Debian's
# librsvg2-bin) and python3.
set -euo pipefail
cd "$(dirname "$0")/.."

id=io.github.keel_journal.Keel
svg=packaging/icons/keel.svg
out=packaging/icons/hicolor
sizes=(16 22 24 32 48 64 128 256 512)

for size in "${sizes[@]}"; do
    mkdir -p "$out/${size}x${size}/apps"
    rsvg-convert -w "$size" -h "$size" "$svg" -o "$out/${size}x${size}/apps/$id.png"
done
mkdir -p "$out/scalable/apps"
cp "$svg" "$out/scalable/apps/$id.svg"

# .icns and .ico both accept PNG payloads: icns by type code, ico by entry
# (256 px is stored as 0 in its one-byte size fields).
rsvg-convert -w 1024 -h 1024 "$svg" -o /tmp/keel-icon-1024.png
python3 - "$out" /tmp/keel-icon-1024.png <<'PY'
import struct, sys
out, big = sys.argv[1], sys.argv[2]
name = "io.github.keel_journal.Keel.png"
def png(size):
    path = big if size == 1024 else f"{out}/{size}x{size}/apps/{name}"
    return open(path, "rb").read()
entries = [(b"icp4", 16), (b"icp5", 32), (b"ic07", 128), (b"ic08", 256), (b"ic09", 512), (b"ic10", 1024)]
body = b"".join(code + struct.pack(">I", 8 + len(png(s))) + png(s) for code, s in entries)
open("packaging/macos/Keel.icns", "wb").write(b"icns" + struct.pack(">I", 8 + len(body)) + body)
sizes = [16, 24, 32, 48, 64, 128, 256]
header = struct.pack("<HHH", 0, 1, len(sizes))
offset = 6 + 16 * len(sizes)
directory, data = b"", b""
for s in sizes:
    payload = png(s)
    directory += struct.pack("<BBBBHHII", s % 256, s % 256, 0, 0, 1, 32, len(payload), offset + len(data))
    data += payload
open("packaging/windows/keel.ico", "wb").write(header + directory + data)
PY
rm -f /tmp/keel-icon-1024.png
echo "icons.sh: rendered ${sizes[*]} px, scalable, Keel.icns and keel.ico"
