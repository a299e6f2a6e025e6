#!/usr/bin/env bash
# Regenerates the README's scope and overlay pictures (docs/images/scopes/) with the `scope` and
# `overlay` verbs, on two inputs:
#   - SMPTE RP 219 HD bars from ffmpeg's smptehdbars source, converted to exact R'G'B' float by
#     docs/scopes/smpte-bars.py (the same bars the scope tests measure);
#   - the synthetic camera chart (ARRI LogC3), graded as the demo's A-CAM: LogC3 -> ACEScct, the camera's
#     CDL, the show LUT, then the ACES 1.0 SDR video output transform (OpenColorIO) to Rec.1886/Rec.709.
# Pictures are scaled to 960 pixels wide and stored as 8-bit palette PNGs (ffmpeg) to keep the repo small.
# Usage: scripts/make-readme-images.sh [OUTDIR]   (default docs/images/scopes; needs ffmpeg and python3)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$root/docs/images/scopes}"
lg() { "$root/livegrade" "$@"; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"

# The A-CAM grade of shows/demo.show.json, up to the display signal.
grade=(--convert logc3:acescct --cdl "1.03 1.03 1.03 -0.008 -0.012 -0.018 1 1 1 1.08"
       --look "$root/luts/show_look_acescct_33.cube" --convert acescct:aces
       --ocio "ACES-OUTPUT - ACES2065-1_to_CIE-XYZ-D65 - SDR-VIDEO_1.0")
display=(--display xyz:rec1886)

# Inputs.
python3 "$root/docs/scopes/smpte-bars.py" "$work/bars.pfm" 1920x1080
lg record synthetic:logc3 -o "$work/chart" --frames 1 --format exr --size 1920x1080 >/dev/null
chart="$work/chart/frame.000000.exr"
lg apply "${grade[@]}" --convert xyz:rec1886 "$chart" "$work/chart-graded.exr" >/dev/null

# Scale to 960 wide (area average) and quantise to a 256-colour palette.
small() {
    ffmpeg -v error -y -i "$1" -vf "scale=960:-2:flags=area,split[a][b];[a]palettegen=max_colors=256:stats_mode=full[p];[b][p]paletteuse=dither=none" \
        -compression_level 100 "$out/$2"
    echo "$out/$2 $(stat -c %s "$out/$2") bytes"
}

# Scopes of the bars (R'G'B' display signal as is) and of the graded chart (after the display transform).
for t in waveform parade vectorscope histogram; do
    lg scope "$work/bars.pfm" --type "$t" -o "$work/bars-$t.png" >/dev/null
    small "$work/bars-$t.png" "bars-$t.png"
    lg scope "$chart" --type "$t" "${grade[@]}" "${display[@]}" -o "$work/chart-$t.png" >/dev/null
    small "$work/chart-$t.png" "chart-$t.png"
done

# Overlays.
lg overlay "$work/bars.pfm" --false-color -o "$work/bars-false-color.png"
small "$work/bars-false-color.png" bars-false-color.png
lg overlay "$work/bars.pfm" --zebra 95 --zebra 70-80 -o "$work/bars-zebra.png"
small "$work/bars-zebra.png" bars-zebra.png
lg overlay "$work/chart-graded.exr" --false-color -o "$work/chart-false-color.png"
small "$work/chart-false-color.png" chart-false-color.png
lg overlay "$work/chart-graded.exr" --zebra 95 --zebra 70-80 -o "$work/chart-zebra.png"
small "$work/chart-zebra.png" chart-zebra.png
lg overlay "$work/chart-graded.exr" --frame-lines 2.39 --safe --cross -o "$work/chart-frame-lines.png"
small "$work/chart-frame-lines.png" chart-frame-lines.png
# Graded (A) against the clean LogC3 camera feed (B), wiped at 30 degrees through the centre.
lg overlay "$work/chart-graded.exr" --compare "$chart" --wipe 30 -o "$work/chart-wipe.png"
small "$work/chart-wipe.png" chart-wipe.png
lg overlay "$work/chart-graded.exr" --compare "$chart" --split 0.5 -o "$work/chart-split.png"
small "$work/chart-split.png" chart-split.png
# Side by side (each at half size, letterboxed, a thin divider): graded (A) and the clean feed (B).
lg overlay "$work/chart-graded.exr" --compare "$chart" --side-by-side -o "$work/chart-side-by-side.png"
small "$work/chart-side-by-side.png" chart-side-by-side.png

du -ch "$out"/*.png | tail -1
