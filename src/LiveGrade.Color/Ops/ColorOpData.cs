namespace LiveGrade.Color.Ops;

/// <summary>Direction in which an op is applied.</summary>
public enum TransformDirection
{
    Forward,
    Inverse,
}

/// <summary>
/// One colour operation's parameters: immutable and validated at construction. Each op lives in its own
/// folder with its CPU renderer (and, later, its GPU emitter) reading these same parameters, so the
/// two paths cannot drift.
/// </summary>
public abstract class ColorOpData
{
    /// <summary>True when the op leaves every value unchanged (the optimiser drops it).</summary>
    public abstract bool IsIdentity { get; }

    /// <summary>The op that undoes this one.</summary>
    public abstract ColorOpData Inverse();

    /// <summary>True when applying this op after <paramref name="previous"/> is exactly the identity.</summary>
    public virtual bool IsInverseOf(ColorOpData previous) => false;

    /// <summary>Creates the CPU renderer; called once when an op list is finalised, never per pixel.</summary>
    public abstract IColorOpCpuRenderer CreateCpuRenderer();

    /// <summary>
    /// Creates the GPU emitter, which writes this op's GLSL into the look's fused function from the same
    /// parameters as the CPU renderer. Null where the op has no GPU form yet.
    /// </summary>
    public virtual Gpu.IColorOpGpuEmitter? CreateGpuEmitter() => null;

    /// <summary>A short human-readable description, for `--verbose` and test messages.</summary>
    public abstract override string ToString();
}

/// <summary>
/// Applies one op to packed RGBA float pixels in place. Alpha is never touched. Implementations are
/// stateless after construction and safe to call from several threads on disjoint spans.
/// </summary>
public interface IColorOpCpuRenderer
{
    void Apply(Span<float> rgba);
}
