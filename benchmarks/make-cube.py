#!/usr/bin/env python3
"""Writes a 33^3 .cube with a smooth, non-linear grade (cross-talk, contrast, a hue twist) so that
interpolation does real work. Usage: make-cube.py OUT.cube [SIZE]"""
import math
import sys

out = sys.argv[1]
n = int(sys.argv[2]) if len(sys.argv) > 2 else 33
with open(out, "w") as f:
    f.write('TITLE "livegrade bench"\n')
    f.write(f"LUT_3D_SIZE {n}\n")
    # .cube order: red varies fastest, then green, then blue.
    for b in range(n):
        for g in range(n):
            for r in range(n):
                R, G, B = r / (n - 1), g / (n - 1), b / (n - 1)
                o = (
                    (0.8 * R + 0.15 * G + 0.05 * B) ** 0.8,
                    0.5 + 0.5 * math.sin(2.5 * G - 0.3 * B),
                    B * B * 0.9 + 0.05 * R,
                )
                f.write(" ".join(f"{v:.6f}" for v in o) + "\n")
