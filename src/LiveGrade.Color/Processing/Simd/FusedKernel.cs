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

    private static int Run<T, TF, TI>(SimdStage[] stages, float* source, float* destination, int pixels)
        where T : struct, ISimdOps<TF, TI>
        where TF : struct
        where TI : struct
    {
        int lanes = T.Lanes;
        int vectors = pixels / lanes;
        for (int v = 0; v < vectors; v++)
        {
            float* q = source + (long)v * lanes * 4;
            float* o = destination + (long)v * lanes * 4;
            // Four loads of `lanes` floats each hold `lanes` whole pixels (see Transpose4 for the order).
            var r = T.Load(q);
            var g = T.Load(q + lanes);
            var b = T.Load(q + 2 * lanes);
            var a = T.Load(q + 3 * lanes);
            T.Transpose4(ref r, ref g, ref b, ref a);
            for (int s = 0; s < stages.Length; s++)
            {
                T.ApplyStage(stages[s], ref r, ref g, ref b);
            }
            T.Transpose4(ref r, ref g, ref b, ref a);
            T.Store(o, r);
            T.Store(o + lanes, g);
            T.Store(o + 2 * lanes, b);
            T.Store(o + 3 * lanes, a);
        }
        return vectors * lanes;
    }
}
