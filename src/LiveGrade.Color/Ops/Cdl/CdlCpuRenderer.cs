namespace LiveGrade.Color.Ops.Cdl;

/// <summary>
/// CPU renderer for <see cref="CdlOpData"/>, single precision, four code paths chosen once at construction.
/// Order (ASC CDL v1.2 and OpenColorIO 2.1 CDLOpCPU):
///   forward:  out = sat( pow( clampV12(in * slope + offset), power ) ), clampV12 again after sat;
///   inverse:  clampV12(in), sat(1/sat), clampV12, pow(1/power), (x - offset) / slope, clampV12.
/// The no-clamp style passes values at or below zero through the power unchanged (as OCIO does).
/// NaN policy: NaN becomes 0 in both styles (the v1.2 clamp maps it to 0, the no-clamp power stage replaces
/// it with 0, as OCIO 2.1 does), so a NaN never spreads through saturation to the other channels.
/// +Inf clamps to 1 in the v1.2 style; in the no-clamp style it stays infinite.
/// </summary>
public sealed class CdlCpuRenderer : IColorOpCpuRenderer, Processing.Simd.ISimdFusable
{
    private readonly float _sR, _sG, _sB, _oR, _oG, _oB, _pR, _pG, _pB, _sat;
    private readonly bool _clamp;
    private readonly bool _forward;

    private const float LumaR = 0.2126f, LumaG = 0.7152f, LumaB = 0.0722f;

    public CdlCpuRenderer(CdlOpData data)
    {
        _clamp = data.Style == CdlStyle.AscV12;
        _forward = data.Direction == TransformDirection.Forward;
        if (_forward)
        {
            (_sR, _sG, _sB) = ((float)data.Slope[0], (float)data.Slope[1], (float)data.Slope[2]);
            (_oR, _oG, _oB) = ((float)data.Offset[0], (float)data.Offset[1], (float)data.Offset[2]);
            (_pR, _pG, _pB) = ((float)data.Power[0], (float)data.Power[1], (float)data.Power[2]);
            _sat = (float)data.Saturation;
        }
        else
        {
            // The inverse runs the same primitives with reciprocal parameters. Reciprocals are floored at
            // 1/0.01 so a zero slope or saturation inverts to a large finite gain rather than infinity
            // (OpenColorIO's CDL renderer does exactly this).
            (_sR, _sG, _sB) = (Reciprocal(data.Slope[0]), Reciprocal(data.Slope[1]), Reciprocal(data.Slope[2]));
            (_oR, _oG, _oB) = ((float)data.Offset[0], (float)data.Offset[1], (float)data.Offset[2]);
            (_pR, _pG, _pB) = (Reciprocal(data.Power[0]), Reciprocal(data.Power[1]), Reciprocal(data.Power[2]));
            _sat = Reciprocal(data.Saturation);
        }
    }

    /// <summary>The forward direction runs fused in registers; the inverse (rare on set) runs alone.</summary>
    Processing.Simd.SimdStage? Processing.Simd.ISimdFusable.CreateSimdStage(Processing.Simd.SimdStageOptions options) => _forward
        ? new CdlSimdStage([_sR, _sG, _sB], [_oR, _oG, _oB], [_pR, _pG, _pB], _sat, _clamp, options.ExactCdlPower)
        : null;

    // Direction and style are chosen once per call; the style is a struct type argument, so the JIT
    // compiles each loop with its clamps either present or removed, never tested per pixel.
    public void Apply(Span<float> rgba)
    {
        switch (_forward, _clamp)
        {
            case (true, true): Forward<WithClamp>(rgba); break;
            case (true, false): Forward<WithoutClamp>(rgba); break;
            case (false, true): Inverse<WithClamp>(rgba); break;
            default: Inverse<WithoutClamp>(rgba); break;
        }
    }

    private interface IClampStyle
    {
        static abstract bool Enabled { get; }
    }

    private struct WithClamp : IClampStyle
    {
        public static bool Enabled => true;
    }

    private struct WithoutClamp : IClampStyle
    {
        public static bool Enabled => false;
    }

    private void Forward<TStyle>(Span<float> rgba) where TStyle : struct, IClampStyle
    {
        for (int i = 0; i + 3 < rgba.Length; i += 4)
        {
            float r = rgba[i] * _sR + _oR, g = rgba[i + 1] * _sG + _oG, b = rgba[i + 2] * _sB + _oB;
            if (TStyle.Enabled)
            {
                r = Clamp01(r); g = Clamp01(g); b = Clamp01(b);
            }
            r = Power(r, _pR); g = Power(g, _pG); b = Power(b, _pB);
            Saturate(ref r, ref g, ref b, _sat);
            if (TStyle.Enabled)
            {
                r = Clamp01(r); g = Clamp01(g); b = Clamp01(b);
            }
            rgba[i] = r;
            rgba[i + 1] = g;
            rgba[i + 2] = b;
        }
    }

    private void Inverse<TStyle>(Span<float> rgba) where TStyle : struct, IClampStyle
    {
        for (int i = 0; i + 3 < rgba.Length; i += 4)
        {
            float r = rgba[i], g = rgba[i + 1], b = rgba[i + 2];
            if (TStyle.Enabled)
            {
                r = Clamp01(r); g = Clamp01(g); b = Clamp01(b);
            }
            Saturate(ref r, ref g, ref b, _sat);
            if (TStyle.Enabled)
            {
                r = Clamp01(r); g = Clamp01(g); b = Clamp01(b);
            }
            r = (Power(r, _pR) - _oR) * _sR;
            g = (Power(g, _pG) - _oG) * _sG;
            b = (Power(b, _pB) - _oB) * _sB;
            if (TStyle.Enabled)
            {
                r = Clamp01(r); g = Clamp01(g); b = Clamp01(b);
            }
            rgba[i] = r;
            rgba[i + 1] = g;
            rgba[i + 2] = b;
        }
    }

    private static float Reciprocal(double v) => 1f / MathF.Max((float)v, 1e-2f);

    // NaN fails both comparisons and lands on 0.
    private static float Clamp01(float v) => v > 0f ? (v < 1f ? v : 1f) : 0f;

    // Values below zero pass through (no-clamp style; after a clamp they are already >= 0); NaN becomes 0.
    private static float Power(float v, float p) => v > 0f ? MathF.Pow(v, p) : (float.IsNaN(v) ? 0f : v);

    private static void Saturate(ref float r, ref float g, ref float b, float sat)
    {
        float luma = LumaR * r + LumaG * g + LumaB * b;
        r = luma + sat * (r - luma);
        g = luma + sat * (g - luma);
        b = luma + sat * (b - luma);
    }
}
