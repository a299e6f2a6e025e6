using System.Runtime.Intrinsics;

namespace LiveGrade.Color.Processing.Simd;

/// <summary>
/// The fused pass over packed RGBA float pixels: per vector of pixels, four loads (16 B per pixel), an
/// in-register transpose to one vector per channel, every stage in turn, the transpose back and four
/// stores. Alpha rides along in the fourth vector untouched. Memory is read and written once whatever the
/// number of stages.
/// </summary>
internal static unsafe class FusedKernel
{
    /// <summary>
    /// Runs <paramref name="stages"/> over the largest multiple of the ISA's lane count of
    /// <paramref name="pixels"/> pixels at <paramref name="rgba"/>, and returns that count; the caller
    /// finishes the remainder (fewer than 16 pixels) with the scalar renderers.
    /// </summary>
    public static int RunRgba(SimdIsa isa, SimdStage[] stages, float* rgba, int pixels) => RunRgba(isa, stages, rgba, rgba, pixels);

    /// <summary>As <see cref="RunRgba(SimdIsa, SimdStage[], float*, int)"/>, reading <paramref name="source"/> and writing <paramref name="destination"/> (may be the same).</summary>
    public static int RunRgba(SimdIsa isa, SimdStage[] stages, float* source, float* destination, int pixels) => isa switch
    {
        SimdIsa.V512 => Run<Simd512, Vector512<float>, Vector512<int>>(stages, source, destination, pixels),
        SimdIsa.V256 => Run<Simd256, Vector256<float>, Vector256<int>>(stages, source, destination, pixels),
        SimdIsa.V128 => Run<Simd128, Vector128<float>, Vector128<int>>(stages, source, destination, pixels),
        _ => 0,
    };

    /// <summary>Vectors per tile: 8 x 16 pixels x 16 B = 2 KiB of planes on the stack at the widest ISA.</summary>
    private const int TileVectors = 8;

    private static int Run<T, TF, TI>(SimdStage[] stages, float* source, float* destination, int pixels)
        where T : struct, ISimdOps<TF, TI>
        where TF : struct
        where TI : struct
    {
        int lanes = T.Lanes;
        int vectors = pixels / lanes;
        // Planes of one tile: R of vector i at i * lanes, G at (TileVectors + i) * lanes, B and A after.
        float* planes = stackalloc float[TileVectors * 4 * 16];
        int planeStride = TileVectors * lanes;
        for (int v0 = 0; v0 < vectors; v0 += TileVectors)
        {
            int n = System.Math.Min(TileVectors, vectors - v0);
            for (int i = 0; i < n; i++)
            {
                float* q = source + (long)(v0 + i) * lanes * 4;
                // Four loads of `lanes` floats each hold `lanes` whole pixels (see Transpose4 for the order).
                var r = T.Load(q);
                var g = T.Load(q + lanes);
                var b = T.Load(q + 2 * lanes);
                var a = T.Load(q + 3 * lanes);
                T.Transpose4(ref r, ref g, ref b, ref a);
                float* t = planes + i * lanes;
                T.Store(t, r);
                T.Store(t + planeStride, g);
                T.Store(t + 2 * planeStride, b);
                T.Store(t + 3 * planeStride, a);
            }
            for (int s = 0; s < stages.Length; s++)
            {
                T.ApplyStageTile(stages[s], planes, planeStride, n);
            }
            for (int i = 0; i < n; i++)
            {
                float* t = planes + i * lanes;
                var r = T.Load(t);
                var g = T.Load(t + planeStride);
                var b = T.Load(t + 2 * planeStride);
                var a = T.Load(t + 3 * planeStride);
                T.Transpose4(ref r, ref g, ref b, ref a);
                float* o = destination + (long)(v0 + i) * lanes * 4;
                T.Store(o, r);
                T.Store(o + lanes, g);
                T.Store(o + 2 * lanes, b);
                T.Store(o + 3 * lanes, a);
            }
        }
        return vectors * lanes;
    }
}
