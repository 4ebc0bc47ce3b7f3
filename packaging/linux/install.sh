#!/bin/sh
# Installs Keel from this unpacked tarball into ~/.local (or $PREFIX):
# bin/keel, the desktop entry, the AppStream metainfo and the icons.
#   ./install.sh               install (or update)
#   ./install.sh --uninstall   remove exactly the files an install put there
# The journal (in ~/.local/share/keel) is never touched.
set -eu

prefix=${PREFIX:-$HOME/.local}
here=$(cd "$(dirname "$0")" && pwd)
# The list of installed files, kept with a copy of this script so
# `~/.local/lib/keel/install.sh --uninstall` works after the tarball is gone.
state="$prefix/lib/keel"
manifest="$state/installed-files"
desktop=io.github.keel_journal.Keel.desktop

refresh_caches() {
    if [ -d "$prefix/share/applications" ] && command -v update-desktop-database >/dev/null 2>&1; then
        update-desktop-database -q "$prefix/share/applications" 2>/dev/null || true
    fi
    if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$prefix/share/icons/hicolor/index.theme" ]; then
        gtk-update-icon-cache -q -t "$prefix/share/icons/hicolor" 2>/dev/null || true
    fi
}

uninstall() {
    if [ ! -f "$manifest" ]; then
        echo "Keel is not installed in $prefix (no $manifest)." >&2
        exit 1
    fi
    # The daily reminder, if `keel remind --install` made one, goes first,
    # while the keel that stops it is still here.
    if [ -x "$prefix/bin/keel" ]; then
        "$prefix/bin/keel" remind --uninstall || echo "Could not remove the daily reminder; see 'keel remind --help'." >&2
    fi
    while IFS= read -r file; do
        rm -f "$prefix/$file"
        # Folders the install created and left empty go too; shared ones
        # (bin, share/applications…) stay as long as anything else is in them.
        dir=$(dirname "$prefix/$file")
        while [ "$dir" != "$prefix" ] && rmdir "$dir" 2>/dev/null; do
            dir=$(dirname "$dir")
        done
    done <"$manifest"
    rm -f "$manifest" "$state/install.sh"
    rmdir "$state" "$prefix/lib" 2>/dev/null || true
    # The menu's cache was made by the install when nothing else was there;
    # then it goes with the folder, else it is brought up to date.
    apps="$prefix/share/applications"
    if [ -d "$apps" ] && [ -z "$(ls -A "$apps" | grep -v '^mimeinfo.cache$')" ]; then
        rm -f "$apps/mimeinfo.cache"
        rmdir "$apps" "$prefix/share" 2>/dev/null || true
    fi
    refresh_caches
    echo "Keel removed from $prefix (your journal is kept)."
}

install() {
    if [ ! -x "$here/bin/keel" ]; then
        echo "Run install.sh from the unpacked keel tarball (bin/keel is missing)." >&2
        exit 1
    fi
    mkdir -p "$state"
    files=$(cd "$here" && find bin share -type f | sort)
    : >"$manifest.new"
    for file in $files; do
        mkdir -p "$(dirname "$prefix/$file")"
        cp "$here/$file" "$prefix/$file.keel-new"
        mv "$prefix/$file.keel-new" "$prefix/$file"
        echo "$file" >>"$manifest.new"
    done
    chmod 755 "$prefix/bin/keel"
    # The menu launches by absolute path: ~/.local/bin is not always on the
    # PATH a desktop session starts programs with.
    sed "s|^Exec=keel|Exec=$prefix/bin/keel|" "$here/share/applications/$desktop" >"$prefix/share/applications/$desktop"
    mv "$manifest.new" "$manifest"
    cp "$here/install.sh" "$state/install.sh"
    chmod 755 "$state/install.sh"
    refresh_caches
    echo "Keel installed in $prefix: run $prefix/bin/keel or find Keel in your applications menu."
    echo "To remove it: $state/install.sh --uninstall"
    case ":$PATH:" in
    *":$prefix/bin:"*) ;;
    *) echo "Note: $prefix/bin is not on your PATH; add it to run keel from a terminal." ;;
    esac
}

case "${1:-}" in
"") install ;;
--uninstall) uninstall ;;
-h | --help) sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//' ;;
*)
    echo "install.sh: unknown option '$1' (use --uninstall or --help)" >&2
    exit 2
    ;;
esac
