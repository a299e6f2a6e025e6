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
/// each pixel then takes its band's colour or its clamped Y' as grey, without a branch (a band edge in the picture
/// made the branch mispredict): colour[code] + grey[code] × (Y', Y', Y', 0), where a code that paints has its colour
/// and grey 0, and one that does not has colour −0 and grey 1 (exact either way, signed zeros included: c + ±0 = c
/// for a colour component c, and −0 + y = y), then the pixel's own alpha. The scalar reference was 8-11% of the demo's CPU (perf). Without AVX2 the reference runs.
/// Allocates nothing per frame; <see cref="Apply"/> keeps no state, so bands of one picture may be painted at once.
/// </summary>
public sealed class FalseColorPainting
{
    private readonly FalseColorCpuRenderer _reference;
    private readonly float[] _colour; // per code: R, G, B of its band, 0 (-0 where grey shows)
    private readonly float[] _grey; // per code: 1 where grey shows, else 0
    private readonly ScopeWeights _weights;

    public FalseColorPainting(FalseColorCpuRenderer reference)
    {
        _reference = reference;
        _weights = reference.Weights;
        var flat = reference.FlatTable;
        _colour = new float[flat.Length];
        _grey = new float[flat.Length / 4];
        for (int code = 0; code < _grey.Length; code++)
        {
            bool paints = flat[code * 4 + 3] != 0;
            for (int c = 0; c < 3; c++) _colour[code * 4 + c] = paints ? flat[code * 4 + c] : -0f;
            _grey[code] = paints ? 0f : 1f;
        }
    }

    public FalseColorCpuRenderer Reference => _reference;

    private LiveGrade.Color.Processing.CpuProcessor? _parallel;

    /// <summary>
    /// <see cref="Apply"/> over bands of the picture on every core (the caller included), through the band workers the
    /// looks use: on the DIT's output it ran on the output's thread alone after the look, 3.5 ms at 1080p, the longest
    /// part of the output with the most work (its p99 latency the demo's highest). Pixels as <see cref="Apply"/>'s.
    /// </summary>
    public void ApplyParallel(Span<float> rgba)
    {
        _parallel ??= new LiveGrade.Color.Processing.CpuProcessor([new Bands(this)]);
        _parallel.ApplyParallel(rgba, LiveGrade.Color.Processing.PixelBufferFormat.Rgba32F, -1);
    }

    /// <summary>The painting as an op the band workers run on one band at a time (it keeps no state between calls).</summary>
    private sealed class Bands(FalseColorPainting painting) : LiveGrade.Color.Ops.IColorOpCpuRenderer
    {
        public void Apply(Span<float> rgba) => painting.Apply(rgba);
    }

    public void Apply(Span<float> rgba)
    {
        if (!Avx2.IsSupported)
        {
            _reference.Apply(rgba);
            return;
        }
        var w = _weights;
        var yr = Vector256.Create(w.YR); var yg = Vector256.Create(w.YG); var yb = Vector256.Create(w.YB);
        var scale = Vector256.Create(VideoLevels.LumaScale); var offset = Vector256.Create(VideoLevels.LumaOffset);
        var zero = Vector256<float>.Zero;
        var one = Vector256.Create(1f);
        var pixels = MemoryMarshal.Cast<float, Vector128<float>>(rgba);
        ref float colour = ref MemoryMarshal.GetArrayDataReference(_colour);
        ref float greyOf = ref MemoryMarshal.GetArrayDataReference(_grey);
        Span<int> codes = stackalloc int[8];
        Span<float> luma = stackalloc float[8];
        int n = pixels.Length, x = 0;
        ref float src = ref MemoryMarshal.GetReference(rgba);
        for (; x + 8 <= n; x += 8)
        {
            ScopeCounting.LoadRgb8(ref Unsafe.Add(ref src, x * 4), out var r, out var g, out var b);
            var y = Avx.Add(Avx.Add(Avx.Multiply(yr, r), Avx.Multiply(yg, g)), Avx.Multiply(yb, b));
            ScopeCounting.Codes(y, scale, offset).CopyTo(codes); // a NaN luma gets code 0, as VideoLevels gives
            // The grey as the reference's Math.Clamp(Y', 0, 1), NaN to 0: max(0, Y') keeps -0 and NaN (maxps returns its
            // second operand unless the first is greater), the NaN lanes are then set to 0, min(., 1) caps.
            var clamped = Avx.Max(zero, y);
            Avx.Min(Avx.BlendVariable(clamped, zero, Avx.CompareUnordered(y, y)), one).CopyTo(luma);
            for (int i = 0; i < 8; i++)
            {
                int code = codes[i];
                var entry = Vector128.LoadUnsafe(ref colour, (nuint)code * 4);
                float grey = Unsafe.Add(ref greyOf, code) * luma[i];
                ref var px = ref pixels[x + i];
                px = (entry + Vector128.Create(grey, grey, grey, 0f)).WithElement(3, px.GetElement(3));
            }
        }
        if (x < n) _reference.Apply(rgba[(x * 4)..]);
    }
}
