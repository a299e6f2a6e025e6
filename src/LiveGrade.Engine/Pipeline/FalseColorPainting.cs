using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using LiveGrade.Color.Overlays.FalseColor;
using LiveGrade.Color.Scopes;

namespace LiveGrade.Engine.Pipeline;

/// <summary>
/// False colour on a live output, pixel for pixel <see cref="FalseColorCpuRenderer"/> (the reference the CLI and
/// its tests use) but with the expensive part, Y' and its 10-bit code, computed for eight pixels at once with AVX2
/// as <see cref="ScopeCounting"/> does (the reference's float operations in the same order, so the same codes);
/// each pixel then takes its band's colour (one 128-bit load of the flat table, the pixel's alpha kept) or its
/// clamped Y' as grey. The scalar reference was 8-11% of the demo's CPU (perf). Without AVX2 the reference runs.
/// Used by one output thread; allocates nothing per frame.
/// </summary>
public sealed class FalseColorPainting(FalseColorCpuRenderer reference)
{
    private readonly float[] _flat = reference.FlatTable.ToArray();
    private readonly ScopeWeights _weights = reference.Weights;

    public FalseColorCpuRenderer Reference => reference;

    public void Apply(Span<float> rgba)
    {
        if (!Avx2.IsSupported)
        {
            reference.Apply(rgba);
            return;
        }
        var w = _weights;
        var yr = Vector256.Create(w.YR); var yg = Vector256.Create(w.YG); var yb = Vector256.Create(w.YB);
        var scale = Vector256.Create(VideoLevels.LumaScale); var offset = Vector256.Create(VideoLevels.LumaOffset);
        var pixels = MemoryMarshal.Cast<float, Vector128<float>>(rgba);
        ref float flat = ref MemoryMarshal.GetArrayDataReference(_flat);
        Span<int> codes = stackalloc int[8];
        Span<float> luma = stackalloc float[8];
        int n = pixels.Length, x = 0;
        ref float src = ref MemoryMarshal.GetReference(rgba);
        for (; x + 8 <= n; x += 8)
        {
            ScopeCounting.LoadRgb8(ref Unsafe.Add(ref src, x * 4), out var r, out var g, out var b);
            var y = Avx.Add(Avx.Add(Avx.Multiply(yr, r), Avx.Multiply(yg, g)), Avx.Multiply(yb, b));
            ScopeCounting.Codes(y, scale, offset).CopyTo(codes); // a NaN luma gets code 0, as VideoLevels gives
            y.CopyTo(luma);
            for (int i = 0; i < 8; i++)
            {
                var entry = Vector128.LoadUnsafe(ref flat, (nuint)codes[i] * 4);
                ref var px = ref pixels[x + i];
                if (entry.GetElement(3) != 0)
                {
                    px = entry.WithElement(3, px.GetElement(3));
                }
                else
                {
                    float v = luma[i];
                    float grey = float.IsNaN(v) ? 0f : Math.Clamp(v, 0f, 1f);
                    px = Vector128.Create(grey, grey, grey, px.GetElement(3));
                }
            }
        }
        if (x < n) reference.Apply(rgba[(x * 4)..]);
    }
}
