namespace LiveGrade.Color.Ops.Exponent;

/// <summary>The CLF Exponent styles (OpenColorIO's GammaOpData styles), each applied forward or reversed.</summary>
public enum ExponentStyle
{
    /// <summary>out = max(in, 0)^exponent: negatives and NaN become 0.</summary>
    Basic,

    /// <summary>out = sign(in) |in|^exponent: symmetric about zero.</summary>
    BasicMirror,

    /// <summary>out = in^exponent above zero; values at or below zero pass through.</summary>
    BasicPassThru,

    /// <summary>The "monitor curve": a power with an offset and a linear toe that meets it with equal slope (sRGB, Rec.709 style).</summary>
    MonCurve,

    /// <summary>The monitor curve mirrored about zero.</summary>
    MonCurveMirror,
}

/// <summary>
/// A per-channel power function (CLF v3 Exponent, CTF Gamma). Forward applies the exponent, inverse its
/// reciprocal (basic styles) or the monitor curve's exact inverse. Parameters per channel: the exponent and,
/// for the monitor curves, an offset. Formulas, limits and the single-precision order of operations follow
/// OpenColorIO 2.1 (GammaOpData, GammaOpCPU, GammaOpUtils):
///   MonCurve forward: in &lt;= break ? in * slope : (in * scale + offset')^g, with g = max(exponent, 1 + 1e-6),
///   offset' = o / (1 + o), scale = 1 / (1 + o), break = o / (g - 1), slope = ((g - 1) / o) (o g / ((g - 1)(1 + o)))^g,
///   o = max(offset, 1e-6); reverse: in &lt;= break' ? in * slope' : in^(1/g) * (1 + o) - o.
/// Limits: exponents 0.01..100 for the basic styles; 1..10 with offsets 0..0.9 for the monitor curves.
/// </summary>
public sealed class ExponentOpData : ColorOpData
{
    public ExponentOpData(ExponentStyle style, ReadOnlySpan<double> exponent, ReadOnlySpan<double> offset = default,
        TransformDirection direction = TransformDirection.Forward)
    {
        if (exponent.Length != 3)
        {
            throw new ArgumentException("an Exponent needs one exponent per channel (R, G, B)", nameof(exponent));
        }
        bool monCurve = style is ExponentStyle.MonCurve or ExponentStyle.MonCurveMirror;
        if (!offset.IsEmpty && offset.Length != 3)
        {
            throw new ArgumentException("an Exponent needs one offset per channel (R, G, B)", nameof(offset));
        }
        for (int c = 0; c < 3; c++)
        {
            double e = exponent[c];
            double o = offset.IsEmpty ? 0 : offset[c];
            if (!double.IsFinite(e) || !double.IsFinite(o))
            {
                throw new ArgumentException("Exponent parameters must be finite numbers");
            }
            if (monCurve)
            {
                if (e < 1 || e > 10)
                {
                    throw new ArgumentException($"a monitor-curve exponent must be 1 to 10, got {e}");
                }
                if (o < 0 || o > 0.9)
                {
                    throw new ArgumentException($"a monitor-curve offset must be 0 to 0.9, got {o}");
                }
            }
            else
            {
                if (e < 0.01 || e > 100)
                {
                    throw new ArgumentException($"an exponent must be 0.01 to 100, got {e}");
                }
                if (o != 0)
                {
                    throw new ArgumentException("the basic Exponent styles take no offset");
                }
            }
        }
        Style = style;
        Exponent = exponent.ToArray();
        Offset = offset.IsEmpty ? [0, 0, 0] : offset.ToArray();
        Direction = direction;
    }

    public ExponentStyle Style { get; }

    public IReadOnlyList<double> Exponent { get; }

    /// <summary>Monitor-curve offsets (0 for the basic styles).</summary>
    public IReadOnlyList<double> Offset { get; }

    public TransformDirection Direction { get; }

    /// <summary>True for the styles that map every float one to one (so a forward/inverse pair cancels).</summary>
    public bool IsBijective => Style is ExponentStyle.BasicMirror or ExponentStyle.MonCurveMirror;

    /// <summary>True when the op does nothing: a mirrored or pass-through power of exactly 1.</summary>
    public override bool IsIdentity =>
        Style is ExponentStyle.BasicMirror or ExponentStyle.BasicPassThru && Exponent.All(e => e == 1);

    public override ColorOpData Inverse() => new ExponentOpData(Style, Exponent.ToArray(), Offset.ToArray(),
        Direction == TransformDirection.Forward ? TransformDirection.Inverse : TransformDirection.Forward);

    public override bool IsInverseOf(ColorOpData previous) =>
        IsBijective && previous is ExponentOpData p && p.Style == Style && p.Direction != Direction
        && p.Exponent.SequenceEqual(Exponent) && p.Offset.SequenceEqual(Offset);

    public override IColorOpCpuRenderer CreateCpuRenderer() => new ExponentCpuRenderer(this);

    public override Gpu.IColorOpGpuEmitter CreateGpuEmitter() => new ExponentGpuEmitter(this);

    public override string ToString() =>
        $"Exponent {Style} {Direction} ({Exponent[0]:G6} {Exponent[1]:G6} {Exponent[2]:G6})" +
        (Style is ExponentStyle.MonCurve or ExponentStyle.MonCurveMirror ? $" offset ({Offset[0]:G6} {Offset[1]:G6} {Offset[2]:G6})" : "");

    /// <summary>
    /// The monitor curve's single-precision constants for one channel and direction, computed in double as
    /// OpenColorIO's GammaOpUtils does: (gamma, scale, offset, break, slope).
    /// </summary>
    internal static (float Gamma, float Scale, float Offset, float Break, float Slope) MonCurveParameters(
        double exponent, double offset, bool forward)
    {
        const double Eps = 1e-6;
        double g = System.Math.Max(exponent, 1 + Eps);
        double o = System.Math.Max(offset, Eps);
        if (forward)
        {
            double a = (g - 1) / o;
            double b = o * g / ((g - 1) * (1 + o));
            return ((float)g, (float)(1 / (1 + o)), (float)(o / (1 + o)), (float)(o / (g - 1)), (float)(a * System.Math.Pow(b, g)));
        }
        double breakRev = System.Math.Pow(o * g / ((g - 1) * (1 + o)), g);
        double slopeRev = System.Math.Pow((g - 1) / o, g - 1) * System.Math.Pow((1 + o) / g, g);
        return ((float)(1 / g), (float)(1 + o), (float)o, (float)breakRev, (float)slopeRev);
    }
}
