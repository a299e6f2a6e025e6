namespace LiveGrade.Color.Ops.Transfer;

/// <summary>
/// A per-channel transfer function (camera log encoding, ACES log, display encoding) applied in one
/// direction: <see cref="TransformDirection.Forward"/> encodes (linear to code values),
/// <see cref="TransformDirection.Inverse"/> decodes.
/// </summary>
public sealed class TransferOpData(TransferCurve curve, TransformDirection direction) : ColorOpData
{
    public TransferCurve Curve { get; } = curve;
    public TransformDirection Direction { get; } = direction;

    public override bool IsIdentity => false;

    public override ColorOpData Inverse() => new TransferOpData(Curve,
        Direction == TransformDirection.Forward ? TransformDirection.Inverse : TransformDirection.Forward);

    // Encode then decode is exact only where the curve is a bijection over all floats; curves that
    // clamp (gamma with clamped negatives) are not dropped.
    public override bool IsInverseOf(ColorOpData previous) =>
        Curve.IsBijective && previous is TransferOpData p && p.Curve.Equals(Curve) && p.Direction != Direction;

    public override IColorOpCpuRenderer CreateCpuRenderer() => Curve.CreateCpuRenderer(Direction == TransformDirection.Forward);

    public override Gpu.IColorOpGpuEmitter? CreateGpuEmitter() => Curve.CreateGpuEmitter(Direction == TransformDirection.Forward);

    public override string ToString() => $"{Curve.Name} {(Direction == TransformDirection.Forward ? "encode" : "decode")}";
}

/// <summary>Applies a transfer curve per channel in double precision (the reference renderer).</summary>
public sealed class TransferCpuRenderer(TransferCurve curve, bool encode) : IColorOpCpuRenderer
{
    // Bound once to the direction's method: no direction test per pixel.
    private readonly Func<double, double> _function = encode ? curve.Encode : curve.Decode;

    public void Apply(Span<float> rgba)
    {
        for (int i = 0; i + 3 < rgba.Length; i += 4)
        {
            for (int c = 0; c < 3; c++)
            {
                double v = rgba[i + c];
                rgba[i + c] = (float)_function(v);
            }
        }
    }
}
