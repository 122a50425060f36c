#!/bin/sh
# Adds GutPain Desktop to your applications menu, for you only (no administrator rights needed).
# Run it from the folder you unpacked: ./install.sh   (./install.sh --remove takes the menu entry away again)
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
ID=io.github.gutpain.GutPainDesktop
DATA=${XDG_DATA_HOME:-$HOME/.local/share}
if [ "${1:-}" = "--remove" ]; then
    rm -f "$DATA/applications/$ID.desktop" "$DATA/metainfo/$ID.metainfo.xml"
    find "$DATA/icons/hicolor" -name "$ID.*" -delete 2>/dev/null || true
    echo "GutPain Desktop was removed from your applications menu. Your journal was not touched."
    exit 0
fi
mkdir -p "$DATA/applications" "$DATA/metainfo"
sed "s|^Exec=.*|Exec=\"$HERE/gutpain-desktop\"|" "$HERE/share/applications/$ID.desktop" > "$DATA/applications/$ID.desktop"
cp "$HERE/share/metainfo/$ID.metainfo.xml" "$DATA/metainfo/"
cp -R "$HERE/share/icons" "$DATA/"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$DATA/applications" || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q "$DATA/icons/hicolor" 2>/dev/null || true
echo "GutPain Desktop is now in your applications menu. Keep this folder where it is: the menu entry starts it from here."
