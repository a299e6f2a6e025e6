namespace LiveGrade.Color.Ops.Range;

/// <summary>
/// The CLF Range op: an affine map from [MinIn, MaxIn] to [MinOut, MaxOut] that clamps to the output
/// bounds, or a one-sided clamp when only the minimums or only the maximums are given. Values are
/// normalised (already divided by the file's bit-depth scale). Semantics are SMPTE ST 2136-1 (CLF v3)
/// as OpenColorIO 2.1's RangeOpData implements them:
///   both bounds: scale = (MaxOut - MinOut) / (MaxIn - MinIn), offset = MinOut - scale * MinIn,
///                out = clamp(in * scale + offset, MinOut, MaxOut);
///   minimum only: out = max(in, MinOut) (MinIn must equal MinOut);
///   maximum only: out = min(in, MaxOut) (MaxIn must equal MaxOut).
/// The non-clamping CLF style is not this op: it is an affine <see cref="Matrix.MatrixOpData"/>.
/// NaN policy (OCIO's): NaN becomes the lower bound, or the upper bound when only the maximum is given.
/// </summary>
public sealed class RangeOpData : ColorOpData
{
    /// <summary>Largest magnitude of a bound: far beyond any picture value, finite in float.</summary>
    public const double MaxMagnitude = 1e30;

    public RangeOpData(double? minIn, double? maxIn, double? minOut, double? maxOut,
        TransformDirection direction = TransformDirection.Forward)
    {
        foreach (var v in new[] { minIn, maxIn, minOut, maxOut })
        {
            if (v is { } d && (!double.IsFinite(d) || System.Math.Abs(d) > MaxMagnitude))
            {
                throw new ArgumentException($"Range bounds must be finite numbers of magnitude at most {MaxMagnitude:G3}, got {d}");
            }
        }
        if (minIn.HasValue != minOut.HasValue)
        {
            throw new ArgumentException("Range minimum input and output must both be given or both be missing");
        }
        if (maxIn.HasValue != maxOut.HasValue)
        {
            throw new ArgumentException("Range maximum input and output must both be given or both be missing");
        }
        if (!minIn.HasValue && !maxIn.HasValue)
        {
            throw new ArgumentException("a Range needs its minimum or its maximum bounds (or both)");
        }
        if (minIn.HasValue && maxIn.HasValue)
        {
            if (minIn > maxIn)
            {
                throw new ArgumentException($"Range maximum input {maxIn} is below its minimum input {minIn}");
            }
            if (minOut > maxOut)
            {
                throw new ArgumentException($"Range maximum output {maxOut} is below its minimum output {minOut}");
            }
            if (System.Math.Abs(maxIn!.Value - minIn!.Value) < 1e-6)
            {
                throw new ArgumentException("Range maximum input is too close to its minimum input");
            }
        }
        // CLF v3: a one-sided clamp maps its bound to itself (OCIO compares with this hybrid tolerance).
        if (minIn.HasValue && !maxIn.HasValue && Differ(minIn.Value, minOut!.Value))
        {
            throw new ArgumentException("a Range with only minimum bounds needs equal minimum input and output");
        }
        if (maxIn.HasValue && !minIn.HasValue && Differ(maxIn.Value, maxOut!.Value))
        {
            throw new ArgumentException("a Range with only maximum bounds needs equal maximum input and output");
        }
        (MinIn, MaxIn, MinOut, MaxOut, Direction) = (minIn, maxIn, minOut, maxOut, direction);
    }

    public double? MinIn { get; }
    public double? MaxIn { get; }
    public double? MinOut { get; }
    public double? MaxOut { get; }
    public TransformDirection Direction { get; }

    /// <summary>This range as applied forward: the inverse swaps the input and output bounds.</summary>
    public RangeOpData AsForward() => Direction == TransformDirection.Forward
        ? this
        : new RangeOpData(MinOut, MaxOut, MinIn, MaxIn);

    /// <summary>Scale of the affine part (1 for a one-sided clamp), in double as OCIO computes it.</summary>
    public double Scale => MinIn is { } a && MaxIn is { } b ? (MaxOut!.Value - MinOut!.Value) / (b - a) : 1.0;

    /// <summary>Offset of the affine part (0 for a one-sided clamp).</summary>
    public double Offset => MinIn is { } a && MaxIn.HasValue ? MinOut!.Value - Scale * a : 0.0;

    /// <summary>Never true: a Range always clamps.</summary>
    public override bool IsIdentity => false;

    public override ColorOpData Inverse() => new RangeOpData(MinIn, MaxIn, MinOut, MaxOut,
        Direction == TransformDirection.Forward ? TransformDirection.Inverse : TransformDirection.Forward);

    public override IColorOpCpuRenderer CreateCpuRenderer() => new RangeCpuRenderer(AsForward());

    public override Gpu.IColorOpGpuEmitter CreateGpuEmitter() => new RangeGpuEmitter(AsForward());

    public override string ToString() =>
        $"Range {Direction} [{Show(MinIn)}, {Show(MaxIn)}] -> [{Show(MinOut)}, {Show(MaxOut)}]";

    private static string Show(double? v) => v is { } d ? d.ToString("G6", System.Globalization.CultureInfo.InvariantCulture) : "-";

    /// <summary>OCIO's RangeOpData::FloatsDiffer: absolute 1e-6 near zero, relative 1e-6 elsewhere.</summary>
    internal static bool Differ(double x1, double x2) =>
        System.Math.Abs(x1) < 1e-3 ? System.Math.Abs(x1 - x2) > 1e-6 : System.Math.Abs(1.0 - x2 / x1) > 1e-6;
}
