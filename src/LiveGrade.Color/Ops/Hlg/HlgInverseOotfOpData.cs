namespace LiveGrade.Color.Ops.Hlg;

/// <summary>
/// The inverse of the HLG OOTF (ITU-R BT.2100 table 5, note 5f; BT.2390 section 6): display light to
/// normalised scene light for a display of nominal peak Lw = <see cref="PeakNits"/>, γ = 1.2 + 0.42 log10(Lw / 1000).
/// Input is BT.2020 display light already multiplied by <see cref="InputScale"/> (100 · 3^γ / Lw for light with
/// 1.0 = 100 cd/m²); the display builder folds that scale into its XYZ-to-RGB matrix, as OpenColorIO 2.1's
/// "DISPLAY - CIE-XYZ-D65_to_REC.2100-HLG-1000nit" does, so rounding happens in the same order.
/// Forward: E = F · Y^(1/γ - 1) / 3 with Y the BT.2020 luminance of F floored at 1e-4 (OCIO's floor);
/// the result is scene light E in [0, 1] for the HLG OETF. Inverse: the OOTF itself, back to the scaled domain.
/// Luminance couples the channels, hence an op of its own.
/// </summary>
public sealed class HlgInverseOotfOpData : ColorOpData
{
    /// <summary>BT.2020 luminance weights (BT.2100 table 5).</summary>
    public static readonly double[] LumaWeights = [0.2627, 0.6780, 0.0593];

    /// <summary>Luminance floor: keeps the gain finite for black and negative light (as OCIO does).</summary>
    public const double MinLuminance = 1e-4;

    public HlgInverseOotfOpData(double peakNits = 1000, TransformDirection direction = TransformDirection.Forward)
    {
        if (!(peakNits >= 100 && peakNits <= 10000))
        {
            throw new ArgumentOutOfRangeException(nameof(peakNits), "HLG peak luminance must be 100..10000 cd/m²");
        }
        PeakNits = peakNits;
        Direction = direction;
    }

    public double PeakNits { get; }
    public TransformDirection Direction { get; }

    /// <summary>System gamma for the peak (BT.2100 table 5 note 5f).</summary>
    public double SystemGamma => 1.2 + 0.42 * System.Math.Log10(PeakNits / 1000);

    /// <summary>Scale from display light (1.0 = 100 cd/m²) to the OOTF's 0..3 scene-light domain.</summary>
    public double InputScale => 100 * System.Math.Pow(3, SystemGamma) / PeakNits;

    public override bool IsIdentity => false;

    public override ColorOpData Inverse() => new HlgInverseOotfOpData(PeakNits,
        Direction == TransformDirection.Forward ? TransformDirection.Inverse : TransformDirection.Forward);

    public override bool IsInverseOf(ColorOpData previous) =>
        previous is HlgInverseOotfOpData p && p.PeakNits == PeakNits && p.Direction != Direction;

    public override IColorOpCpuRenderer CreateCpuRenderer() => new HlgInverseOotfCpuRenderer(this);

    public override Gpu.IColorOpGpuEmitter CreateGpuEmitter() => new HlgInverseOotfGpuEmitter(this);

    public override string ToString() => $"HLG inverse OOTF {PeakNits} nit {Direction}";
}

/// <summary>CPU renderer for <see cref="HlgInverseOotfOpData"/>, single precision like OCIO's.</summary>
public sealed class HlgInverseOotfCpuRenderer : IColorOpCpuRenderer
{
    private readonly bool _forward;
    private readonly float _exponent;
    private const float Lr = 0.2627f, Lg = 0.6780f, Lb = 0.0593f, Floor = (float)HlgInverseOotfOpData.MinLuminance;

    public HlgInverseOotfCpuRenderer(HlgInverseOotfOpData data)
    {
        _forward = data.Direction == TransformDirection.Forward;
        double gamma = data.SystemGamma;
        // Forward: apply Y^(1/γ - 1), then divide by 3 for a normalised E.
        // Inverse: multiply by 3, then apply Y^(γ - 1).
        _exponent = (float)(_forward ? 1 / gamma - 1 : gamma - 1);
    }

    public void Apply(Span<float> rgba)
    {
        for (int i = 0; i + 3 < rgba.Length; i += 4)
        {
            float r = rgba[i], g = rgba[i + 1], b = rgba[i + 2];
            if (!_forward)
            {
                r *= 3f; g *= 3f; b *= 3f;
            }
            float y = MathF.Max(Floor, Lr * r + Lg * g + Lb * b);
            float gain = MathF.Pow(y, _exponent);
            r *= gain; g *= gain; b *= gain;
            if (_forward)
            {
                r /= 3f; g /= 3f; b /= 3f;
            }
            rgba[i] = r;
            rgba[i + 1] = g;
            rgba[i + 2] = b;
        }
    }
}

/// <summary>GLSL for <see cref="HlgInverseOotfOpData"/>: the CPU renderer's steps, its power through GlslMath.</summary>
public sealed class HlgInverseOotfGpuEmitter(HlgInverseOotfOpData data) : Gpu.IColorOpGpuEmitter
{
    public void Emit(Gpu.GlslBuilder b)
    {
        bool forward = data.Direction == TransformDirection.Forward;
        double gamma = data.SystemGamma;
        Gpu.GlslMath.Use(b);
        string e = b.Uniform("exponent", "float", (float)(forward ? 1 / gamma - 1 : gamma - 1));
        if (!forward)
        {
            b.Line("c.rgb = c.rgb * 3.0;");
        }
        b.Line($"c.rgb = c.rgb * lg_pow(max(1e-4, dot(c.rgb, vec3(0.2627, 0.6780, 0.0593))), {e});");
        if (forward)
        {
            b.Line("c.rgb = c.rgb / 3.0;");
        }
    }
}
