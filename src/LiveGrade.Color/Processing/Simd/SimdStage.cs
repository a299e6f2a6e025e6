using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using LiveGrade.Color.Ops;

namespace LiveGrade.Color.Processing.Simd;

/// <summary>
/// One op of a fused kernel, applied to R, G and B held in registers (one vector per channel, a vector's
/// worth of pixels). The fused kernel loads a vector of pixels once, runs every stage on it, and stores
/// it once, so a chain of ops costs one pass over memory. Each width calls the stage's one generic body
/// (see <see cref="ISimdOps{TF, TI}"/>). Stages are immutable and safe to share between threads.
/// </summary>
internal abstract class SimdStage
{
    // One vector at a time: what the default tile loop below calls. A stage that overrides the three tile methods
    // (the CDL, the 3D LUT) is never called per vector, so it need not implement these.
    internal virtual void Apply128(ref Vector128<float> r, ref Vector128<float> g, ref Vector128<float> b) => throw TilesOnly();

    internal virtual void Apply256(ref Vector256<float> r, ref Vector256<float> g, ref Vector256<float> b) => throw TilesOnly();

    internal virtual void Apply512(ref Vector512<float> r, ref Vector512<float> g, ref Vector512<float> b) => throw TilesOnly();

    private NotSupportedException TilesOnly() => new($"{GetType().Name} runs by tiles only (it overrides ApplyTile*, not the per-vector Apply*)");

    /// <summary>
    /// Applies the stage to <paramref name="vectors"/> vectors of a tile of planes (see <see cref="FusedKernel"/>):
    /// R of vector i at <paramref name="planes"/> + i·lanes, G one <paramref name="planeStride"/> further, B two.
    /// By default one virtual call per vector; the stages that dominate a look's cost (the CDL with its power,
    /// the 3D LUT with its gathers) override it with a loop of their own over the tile, the body inlined and
    /// R, G, B in registers.
    /// </summary>
    internal virtual unsafe void ApplyTile128(float* planes, int planeStride, int vectors) =>
        Tile<Simd128, Vector128<float>, Vector128<int>>(this, planes, planeStride, vectors);

    internal virtual unsafe void ApplyTile256(float* planes, int planeStride, int vectors) =>
        Tile<Simd256, Vector256<float>, Vector256<int>>(this, planes, planeStride, vectors);

    internal virtual unsafe void ApplyTile512(float* planes, int planeStride, int vectors) =>
        Tile<Simd512, Vector512<float>, Vector512<int>>(this, planes, planeStride, vectors);

    private static unsafe void Tile<T, TF, TI>(SimdStage stage, float* planes, int planeStride, int vectors)
        where T : struct, ISimdOps<TF, TI>
        where TF : struct
        where TI : struct
    {
        for (int i = 0; i < vectors; i++)
        {
            float* t = planes + i * T.Lanes;
            T.ApplyStage(stage, ref Unsafe.AsRef<TF>(t), ref Unsafe.AsRef<TF>(t + planeStride), ref Unsafe.AsRef<TF>(t + 2 * planeStride));
        }
    }

    /// <summary>
    /// A copy of <paramref name="values"/> on the pinned object heap, so the gathers can address it for the
    /// processor's lifetime without pinning per call.
    /// </summary>
    protected static float[] Pinned(ReadOnlySpan<float> values)
    {
        var copy = GC.AllocateUninitializedArray<float>(values.Length, pinned: true);
        values.CopyTo(copy);
        return copy;
    }
}

/// <summary>A CPU renderer whose op the fused SIMD kernel can run in registers.</summary>
internal interface ISimdFusable
{
    /// <summary>The stage, or null when this configuration of the op has no SIMD form (it then runs alone).</summary>
    SimdStage? CreateSimdStage(SimdStageOptions options);
}

/// <summary>Choices a processor makes once for all its fused stages.</summary>
/// <param name="ExactCdlPower">
/// The CDL's power in double precision (<see cref="VectorPow"/>, within one ulp of MathF.Pow) instead of the
/// default single-precision <see cref="FloatVectorPow"/> (within <see cref="FloatVectorPow.MaxUlps"/> ulp,
/// whose CDL adds 2x–5x less CPU time to a 33³ LUT at 2160p: benchmarks/RESULTS.md).
/// </param>
internal readonly record struct SimdStageOptions(bool ExactCdlPower);
