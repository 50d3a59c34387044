#!/usr/bin/env bash
# Renders every app icon from the one source, assets/icons/pango-importer.svg:
#   assets/icons/pango-importer-{32,64,128,256,512}.png  (Linux hicolor sizes, .deb)
#   assets/icons/pango-importer.ico                      (Windows: 16, 24, 32, 48, 64, 256)
#   assets/icons/pango-importer.icns                     (macOS: 16, 32, 128, 256, 512)
# The outputs are committed; run this again after editing the SVG and commit the results.
#
# Needs (Debian packages; this script installs nothing):
#   rsvg-convert  — librsvg2-bin
#   icotool       — icoutils
#   png2icns      — icnsutils
#   apt-get install librsvg2-bin icoutils icnsutils
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
icons="$root/assets/icons"
svg="$icons/pango-importer.svg"

missing=()
for tool in rsvg-convert:librsvg2-bin icotool:icoutils png2icns:icnsutils; do
    command -v "${tool%%:*}" >/dev/null || missing+=("${tool%%:*} (Debian package ${tool##*:})")
done
if ((${#missing[@]})); then
    printf 'make-icons.sh: missing tool: %s\n' "${missing[@]}" >&2
    echo "Install them with: apt-get install librsvg2-bin icoutils icnsutils" >&2
    exit 2
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

render() { # size → $tmp/SIZE.png
    rsvg-convert --width "$1" --height "$1" --keep-aspect-ratio "$svg" -o "$tmp/$1.png"
}
for size in 16 24 32 48 64 128 256 512; do
    render "$size"
done

for size in 32 64 128 256 512; do
    cp "$tmp/$size.png" "$icons/pango-importer-$size.png"
done

# 256 px is stored as PNG inside the .ico (Vista+ reads it); the small sizes as bitmaps.
icotool --create --output="$icons/pango-importer.ico" \
    "$tmp/16.png" "$tmp/24.png" "$tmp/32.png" "$tmp/48.png" "$tmp/64.png" \
    --raw="$tmp/256.png"

# png2icns picks the icon type from each PNG's size (64 px has no ICNS slot).
png2icns "$icons/pango-importer.icns" \
    "$tmp/16.png" "$tmp/32.png" "$tmp/128.png" "$tmp/256.png" "$tmp/512.png" >/dev/null

ls -l "$icons"
