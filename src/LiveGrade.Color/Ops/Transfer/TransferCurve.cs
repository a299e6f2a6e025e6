using LiveGrade.Color.Ops;

namespace LiveGrade.Color.Ops.Transfer;

/// <summary>
/// A transfer function between linear light and code values, computed in double precision.
/// Each curve cites its source. Unless a curve says otherwise: NaN propagates (NaN in, NaN out),
/// and infinities follow the formula (log curves map +Inf to +Inf).
/// </summary>
public abstract class TransferCurve
{
    public abstract string Name { get; }

    /// <summary>Linear to code value.</summary>
    public abstract double Encode(double linear);

    /// <summary>Code value to linear.</summary>
    public abstract double Decode(double code);

    /// <summary>
    /// The CPU renderer for this curve in one direction. The default evaluates <see cref="Encode"/> or
    /// <see cref="Decode"/> in double per channel (exact, slow); curves on the hot path override it with a
    /// single-precision renderer computed from the same parameters.
    /// </summary>
    public virtual IColorOpCpuRenderer CreateCpuRenderer(bool encode) => new TransferCpuRenderer(this, encode);

    /// <summary>The GLSL emitter for this curve in one direction, or null where it has none yet.</summary>
    public virtual Gpu.IColorOpGpuEmitter? CreateGpuEmitter(bool encode) => null;

    /// <summary>True when Decode(Encode(x)) == x for every finite x (no clamping anywhere).</summary>
    public virtual bool IsBijective => true;

    public override string ToString() => Name;
}
