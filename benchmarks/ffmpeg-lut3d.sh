#!/usr/bin/env bash
# Times ffmpeg's lut3d (tetrahedral, gbrpf32le, 2 threads) applying the LUT alone against
# `livegrade bench cpu --threads 2` on the same frame size, once per instruction set this CPU has
# (scalar, 128, 256, 512), all in one run: the LUT alone, then a CDL (with a power) and the same LUT fused,
# with the CDL's default single-precision power and with --exact-power (double precision).
# Usage: benchmarks/ffmpeg-lut3d.sh [WxH] [FRAMES] [LUT.cube]
#   defaults: 1920x1080, 20 frames, a 33^3 cube written by benchmarks/make-cube.py into a temp dir.
#   CDL="10 numbers" overrides the CDL; CDL= (empty) times the LUT alone only.
#   ISAS="256 512" restricts the instruction sets.
#   BEFORE=path/livegrade.dll also times CDL + LUT with another build (e.g. an earlier commit's), same run.
# Run from the repository root after `dotnet build src/LiveGrade.App -c Release`.
set -euo pipefail

size=${1:-1920x1080}
frames=${2:-20}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
lut=${3:-$work/bench33.cube}
[[ -f $lut ]] || python3 "$(dirname "$0")/make-cube.py" "$lut" 33

w=${size%x*}
h=${size#*x}
livegrade=(dotnet artifacts/bin/LiveGrade.App/release/livegrade.dll)

# One frame of seeded uniform noise as 16-bit planar RGB, converted once to gbrpf32le inside the
# graph; the loop filter then replays that float frame from memory, so no file I/O is timed.
python3 -c "import random,sys; random.seed(1); sys.stdout.buffer.write(random.randbytes($w*$h*6))" > "$work/noise.raw"

run_ffmpeg() { # $1: filters after the loop; prints "wall_seconds cpu_seconds" (cpu: user + system, all threads)
    local out
    out=$( { TIMEFORMAT='%R %U %S'; time ffmpeg -hide_banner -loglevel error -nostdin -threads 2 -filter_threads 2 \
        -f rawvideo -pix_fmt gbrp16le -s "$size" -i "$work/noise.raw" \
        -filter_threads 2 -vf "format=gbrpf32le,loop=loop=$((frames - 1)):size=1:start=0$1" \
        -f null - ; } 2>&1 )
    echo "$out" | tail -1 | awk '{ printf "%.6f %.6f", $1, $2 + $3 }'
}

# The same graph without lut3d (start-up, conversion, frame replay, null muxer) is subtracted, so the
# figure is the filter's own cost per frame; likewise for the CPU time. On a shared machine the wall clock
# also counts time other jobs held the cores; CPU time counts only the work each side did.
read -r base base_cpu <<< "$(run_ffmpeg "")"
read -r with with_cpu <<< "$(run_ffmpeg ",lut3d=file='$lut':interp=tetrahedral")"
ff_ms=$(awk -v a="$with" -v b="$base" -v n="$frames" 'BEGIN { printf "%.3f", (a - b) * 1000 / n }')
ff_cpu_ms=$(awk -v a="$with_cpu" -v b="$base_cpu" -v n="$frames" 'BEGIN { printf "%.3f", (a - b) * 1000 / n }')
ff_total_ms=$(awk -v a="$with" -v n="$frames" 'BEGIN { printf "%.3f", a * 1000 / n }')

cdl=${CDL-1.1 0.95 1.02 0.01 -0.02 0 1.1 1.0 0.9 0.9}
isas=${ISAS-scalar 128 256 512}

# livegrade_ms ISA [args...]: "wall_ms cpu_ms" per frame, or nothing when the ISA is not available.
# LIVEGRADE=(dotnet other.dll) livegrade_ms ... runs another build (which may not report CPU time: nan).
livegrade_ms() {
    local isa=$1 json wall cpu
    shift
    json=$("${livegrade[@]}" bench cpu --size "$size" --lut "$lut" --frames "$frames" --threads 2 --isa "$isa" --json "$@" 2>/dev/null) || return 0
    wall=$(echo "$json" | sed -E 's/.*"msPerFrame": ([0-9.]+).*/\1/')
    cpu=nan
    [[ $json == *cpuMsPerFrame* ]] && cpu=$(echo "$json" | sed -E 's/.*"cpuMsPerFrame": ([0-9.]+).*/\1/')
    echo "$wall $cpu"
}

row() { # label "wall_ms cpu_ms"
    awk -v f="$ff_ms" -v fc="$ff_cpu_ms" -v t="$1" -v m="$2" 'BEGIN { split(m, x, " ");
        printf "    %-26s %8.3f ms/frame   ffmpeg / livegrade = %.2fx", t, x[1], f / x[1];
        if (x[2] == "nan") print ""; else printf "   (CPU time %8.3f ms/frame, %.2fx)\n", x[2], fc / x[2] }'
}

echo "size:      $size, $frames frames, LUT $(basename "$lut"), 2 threads"
echo "ffmpeg:    $ff_ms ms/frame (lut3d alone; whole run incl. start-up $ff_total_ms ms/frame), CPU time $ff_cpu_ms ms/frame"
echo "load:      $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min) on $(nproc) cores"
echo "livegrade:${cdl:+ CDL ($cdl)}"
for isa in $isas; do
    lut_ms=$(livegrade_ms "$isa")
    if [[ -z $lut_ms ]]; then
        echo "  isa $isa: not available on this CPU"
        continue
    fi
    echo "  isa $isa"
    row "LUT alone" "$lut_ms"
    [[ -n $cdl ]] || continue
    row "CDL + LUT" "$(livegrade_ms "$isa" --cdl "$cdl")"
    [[ $isa == scalar ]] || row "CDL + LUT, --exact-power" "$(livegrade_ms "$isa" --cdl "$cdl" --exact-power)"
    if [[ -n ${BEFORE:-} ]]; then
        row "CDL + LUT, BEFORE build" "$(livegrade=(dotnet "$BEFORE"); livegrade_ms "$isa" --cdl "$cdl")"
    fi
done
