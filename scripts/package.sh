#!/usr/bin/env bash
# Builds Keel's Linux packages into dist/:
#   keel_<version>-1_amd64.deb          (cargo-deb; metadata in Cargo.toml)
#   keel-<version>-x86_64-linux.tar.gz  (bin/keel, share/, install.sh)
# Usage: scripts/package.sh [--binary PATH]
#   --binary PATH  package this already built release binary (CI builds it
#                  once and shares it); otherwise `cargo build --release`.
# cargo-deb is installed with `cargo install --locked cargo-deb` when missing.
set -euo pipefail
cd "$(dirname "$0")/.."

binary=""
while [ $# -gt 0 ]; do
    case "$1" in
    --binary)
        binary=${2:?"--binary needs the path of a built keel"}
        shift 2
        ;;
    -h | --help)
        sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'
        exit 0
        ;;
    *)
        echo "package.sh: unknown argument '$1' (see --help)" >&2
        exit 2
        ;;
    esac
done

version=$(cargo metadata --no-deps --format-version 1 | python3 -c \
    'import json, sys; print(next(p["version"] for p in json.load(sys.stdin)["packages"] if p["name"] == "keel"))')
id=io.github.keel_journal.Keel

if [ -z "$binary" ]; then
    echo "== cargo build --release"
    cargo build --release --locked --bin keel
    target_dir=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
    binary="$target_dir/release/keel"
fi
if [ ! -x "$binary" ]; then
    echo "package.sh: $binary is not an executable keel" >&2
    exit 1
fi
# The binary must be the version being packaged, not a stale build.
built=$("$binary" --version)
if [ "$built" != "keel $version" ]; then
    echo "package.sh: $binary says '$built', Cargo.toml says $version; build it again" >&2
    exit 1
fi

if ! cargo deb --version >/dev/null 2>&1; then
    echo "== installing cargo-deb"
    cargo install --locked cargo-deb
fi

mkdir -p dist
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

echo "== .deb"
# cargo-deb takes `target/release/keel` from the target folder; point it at
# a staging one holding the given binary, so nothing is rebuilt.
mkdir -p "$stage/target/release"
cp "$binary" "$stage/target/release/keel"
deb=$(CARGO_TARGET_DIR="$stage/target" cargo deb --no-build --output dist/ | tail -n 1)
echo "$deb"

echo "== tarball"
name="keel-$version-x86_64-linux"
root="$stage/$name"
mkdir -p "$root/bin" "$root/share/applications" "$root/share/metainfo" "$root/share/doc/keel"
install -m 755 "$stage/target/release/keel" "$root/bin/keel"
strip "$root/bin/keel" 2>/dev/null || true
install -m 644 "packaging/linux/$id.desktop" "$root/share/applications/"
install -m 644 "packaging/linux/$id.metainfo.xml" "$root/share/metainfo/"
mkdir -p "$root/share/icons"
cp -r packaging/icons/hicolor "$root/share/icons/hicolor"
install -m 644 README.md LICENSE-MIT LICENSE-APACHE "$root/share/doc/keel/"
install -m 755 packaging/linux/install.sh "$root/install.sh"
tar -C "$stage" --owner=0 --group=0 --numeric-owner -czf "dist/$name.tar.gz" "$name"
echo "$PWD/dist/$name.tar.gz"
