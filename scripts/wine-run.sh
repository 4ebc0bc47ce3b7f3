#!/usr/bin/env bash
# Runs a Windows program (a test binary, keel.exe) under Wine, in a private
# Wine prefix that has the test-only ProcessPrng stand-in
# (packaging/windows/test-support/bcryptprimitives.c: Debian's Wine 8 lacks
# the DLL that Rust's standard library needs to start). Cargo uses it as the
# runner for the x86_64-pc-windows-gnu target (.cargo/config.toml).
#
#   scripts/wine-run.sh PROGRAM.exe [ARGS…]
#
# KEEL_WINEPREFIX (default: target/wine-prefix) is the prefix; it is made on
# first use (about 30 seconds) and reused.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
export WINEPREFIX=${KEEL_WINEPREFIX:-$here/target/wine-prefix}
export WINEDEBUG=${WINEDEBUG:--all}
# No menu entries, file associations or Gecko/Mono prompts in a test prefix.
export WINEDLLOVERRIDES="${WINEDLLOVERRIDES:-winemenubuilder.exe=d;mscoree=d;mshtml=d}"
system32=$WINEPREFIX/drive_c/windows/system32
stand_in=$system32/bcryptprimitives.dll
if [ ! -f "$stand_in" ]; then
    mkdir -p "$(dirname "$WINEPREFIX")"
    wineboot --init >/dev/null 2>&1
    x86_64-w64-mingw32-gcc -O2 -shared -o "$stand_in" \
        "$here/packaging/windows/test-support/bcryptprimitives.c" -ladvapi32
fi
exec wine "$@"
