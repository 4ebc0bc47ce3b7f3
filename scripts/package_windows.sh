#!/usr/bin/env bash
# Builds Keel's Windows packages into dist/, on Linux:
#   keel-<version>-x86_64-windows.zip   (keel.exe, the README, the licences)
#   keel-<version>-setup.exe            (per-user installer, NSIS)
# Usage: scripts/package_windows.sh [--binary PATH]
#   --binary PATH  package this already built keel.exe; otherwise
#                  `cargo build --release --target x86_64-pc-windows-gnu`.
# Needs mingw-w64 (to build) and nsis (makensis), from Debian's packages.
set -euo pipefail
cd "$(dirname "$0")/.."

binary=""
while [ $# -gt 0 ]; do
    case "$1" in
    --binary)
        binary=$(realpath "${2:?"--binary needs the path of a built keel.exe"}")
        shift 2
        ;;
    -h | --help)
        sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'
        exit 0
        ;;
    *)
        echo "package_windows.sh: unknown argument '$1' (see --help)" >&2
        exit 2
        ;;
    esac
done

version=$(cargo metadata --no-deps --format-version 1 | python3 -c \
    'import json, sys; print(next(p["version"] for p in json.load(sys.stdin)["packages"] if p["name"] == "keel"))')
if [ -z "$binary" ]; then
    cargo build --release --locked --target x86_64-pc-windows-gnu --bin keel
    target_dir=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
    binary="$target_dir/x86_64-pc-windows-gnu/release/keel.exe"
fi
file "$binary" | grep -q "PE32+ executable (GUI) x86-64" || { echo "package_windows.sh: $binary is not a Windows keel.exe" >&2; exit 1; }
mkdir -p dist
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

echo "== zip"
name="keel-$version-x86_64-windows"
mkdir -p "$stage/$name"
cp "$binary" "$stage/$name/keel.exe"
x86_64-w64-mingw32-strip "$stage/$name/keel.exe"
cp README.md "$stage/$name/README.md"
# Windows' Notepad and Explorer know .txt.
cp LICENSE-MIT "$stage/$name/LICENSE-MIT.txt"
cp LICENSE-APACHE "$stage/$name/LICENSE-APACHE.txt"
rm -f "dist/$name.zip"
(cd "$stage" && python3 -c 'import sys, zipfile, os
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    for root, _, files in os.walk(sys.argv[2]):
        for f in sorted(files):
            z.write(os.path.join(root, f))' "$OLDPWD/dist/$name.zip" "$name")
echo "$PWD/dist/$name.zip"

echo "== installer"
makensis -V2 -DVERSION="$version" -DVERSION_NUMBERS="${version%%[-+]*}" -DEXE="$stage/$name/keel.exe" -DREADME="$PWD/README.md" -DLICENSES="$stage/$name" \
    -DOUTFILE="$PWD/dist/keel-$version-setup.exe" packaging/windows/keel.nsi
echo "$PWD/dist/keel-$version-setup.exe"
