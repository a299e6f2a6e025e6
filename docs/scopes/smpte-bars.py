#!/usr/bin/env python3
"""Writes ffmpeg's SMPTE RP 219 HD bars (smptehdbars) as exact R'G'B' float (PFM, which OpenImageIO reads).

ffmpeg makes the bars as 8-bit 4:2:2 Y'CbCr; this converts them to 10-bit with nearest-neighbour (a shift,
no chroma filtering), then inverts BT.709 narrow range in double precision, so a scope that recomputes
Y'CbCr from the floats lands back on ffmpeg's 10-bit codes. Usage: smpte-bars.py OUT.pfm [WIDTHxHEIGHT]
"""
import array, os, struct, subprocess, sys, tempfile

out = sys.argv[1]
w, h = (int(v) for v in (sys.argv[2] if len(sys.argv) > 2 else "1920x1080").split("x"))
with tempfile.TemporaryDirectory() as tmp:
    raw = os.path.join(tmp, "bars.yuv")
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", f"smptehdbars=size={w}x{h}", "-frames:v", "1",
                    "-sws_flags", "neighbor", "-pix_fmt", "yuv422p10le", "-f", "rawvideo", raw], check=True)
    planes = array.array("H")
    with open(raw, "rb") as f:
        planes.frombytes(f.read())
ys, cs = w * h, w // 2 * h
kr, kb = 0.2126, 0.0722
kg = 1 - kr - kb
rows = []
for y in range(h):
    row = array.array("f")
    for x in range(w):
        ey = (planes[y * w + x] - 64) / 876.0
        c = ys + y * (w // 2) + x // 2
        ecb = (planes[c] - 512) / 896.0
        ecr = (planes[c + cs] - 512) / 896.0
        r = ey + 2 * (1 - kr) * ecr
        b = ey + 2 * (1 - kb) * ecb
        row.extend((r, (ey - kr * r - kb * b) / kg, b))
    rows.append(row)
with open(out, "wb") as f:
    f.write(f"PF\n{w} {h}\n-1.0\n".encode())  # negative scale: little-endian floats
    for row in reversed(rows):                 # PFM stores the bottom row first
        f.write(row.tobytes())
