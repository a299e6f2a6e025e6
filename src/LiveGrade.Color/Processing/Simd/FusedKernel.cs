using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace LiveGrade.Color.Processing.Simd;

/// <summary>
/// The fused pass over packed RGBA float pixels, a tile of <see cref="TileVectors"/> vectors of pixels at a
/// time: per vector four loads (16 B per pixel) and an in-register transpose to one vector per channel, kept
/// as planes of the tile on the stack (2 KiB, in L1); then every stage in turn over the whole tile; then the
/// transpose back and four stores per vector. Alpha rides along in the fourth plane untouched. The frame is
/// read and written once whatever the number of stages.
///
/// Why tiles, not every stage per vector: a stage's work on one vector is a long chain of dependent
/// operations (the CDL's power, ~30 in a row; the LUT's index maths, then its gathers), and with all the
/// stages of one vector back to back the CPU's out-of-order window held little but that one chain. A stage
/// looping over the tile's independent vectors lets it overlap several chains: with a CDL (with powers) and a
/// 33³ tetrahedral LUT, 1.26 ns a pixel instead of 3.1 for the CDL's share on this project's AVX-512 test
/// machine (benchmarks/RESULTS.md, 2026-11-25), and the LUT alone 15% faster. Since a tile's loads come in one
/// burst after a long stretch of arithmetic, the load loop also prefetches the tile after next (4 KiB ahead at
/// 512 bits): without it a frame far larger than the caches (2160p RGBA float is 133 MB) ran a few percent
/// slower than per vector, with it 10–15% faster (best of 5, one thread).
/// <para>Writing a buffer other than its source as the last step (an output's frame), it can store past the caches
/// (non-temporal stores, 512-bit where the address allows, else 128-bit at any 16-byte aligned one): an ordinary
/// store to a line not in cache first reads it from memory, 33 MB of reads a 1080p RGBA float frame that nobody
/// wanted. In the 30 s demo (three rounds) process CPU went down 1-12% and the village output's median latency from
/// 20-26 to 17-19 ms.</para>
/// </summary>
internal static unsafe class FusedKernel
{
    /// <summary>
    /// Runs <paramref name="stages"/> over the largest multiple of the ISA's lane count of
    /// <paramref name="pixels"/> pixels at <paramref name="rgba"/>, and returns that count; the caller
    /// finishes the remainder (fewer than 16 pixels): CpuProcessor runs it here again, padded to a vector in a scratch.
    /// </summary>
    public static int RunRgba(SimdIsa isa, SimdStage[] stages, float* rgba, int pixels) => RunRgba(isa, stages, rgba, rgba, pixels);

    /// <summary>As <see cref="RunRgba(SimdIsa, SimdStage[], float*, int)"/>, reading <paramref name="source"/> and writing <paramref name="destination"/> (may be the same).</summary>
    public static int RunRgba(SimdIsa isa, SimdStage[] stages, float* source, float* destination, int pixels, bool streaming = false)
    {
        // Streaming stores need 16-byte aligned pixels (every pixel is 16 bytes, so the first one decides).
        streaming &= ((nint)destination & 15) == 0 && Sse.IsSupported;
        int done = isa switch
        {
            SimdIsa.V512 => streaming ? Run<Simd512, Vector512<float>, Vector512<int>, StreamingStores>(stages, source, destination, pixels) : Run<Simd512, Vector512<float>, Vector512<int>, CachedStores>(stages, source, destination, pixels),
            SimdIsa.V256 => streaming ? Run<Simd256, Vector256<float>, Vector256<int>, StreamingStores>(stages, source, destination, pixels) : Run<Simd256, Vector256<float>, Vector256<int>, CachedStores>(stages, source, destination, pixels),
            SimdIsa.V128 => streaming ? Run<Simd128, Vector128<float>, Vector128<int>, StreamingStores>(stages, source, destination, pixels) : Run<Simd128, Vector128<float>, Vector128<int>, CachedStores>(stages, source, destination, pixels),
            _ => 0,
        };
        // Non-temporal stores are weakly ordered: fenced before whoever hands the frame on can read it.
        if (streaming) Sse.StoreFence();
        return done;
    }

    private interface IStoreKind
    {
        static abstract bool IsStreaming { get; }
    }

    private struct StreamingStores : IStoreKind
    {
        public static bool IsStreaming => true;
    }

    private struct CachedStores : IStoreKind
    {
        public static bool IsStreaming => false;
    }

    /// <summary>
    /// Vectors per tile: 8 x 16 pixels x 16 B = 2 KiB of planes on the stack at the widest ISA. Measured with
    /// a CDL and a 33³ LUT at 512 bits: 1 (the old per-vector order) 7.9 ns/px, 2 5.6, 4 and 8 5.6, 16 5.8,
    /// 32 6.0 (L2-resident frame); 8 had the fastest LUT alone.
    /// </summary>
    private const int TileVectors = 8;

    private static int Run<T, TF, TI, TStore>(SimdStage[] stages, float* source, float* destination, int pixels)
        where T : struct, ISimdOps<TF, TI>
        where TF : struct
        where TI : struct
        where TStore : struct, IStoreKind
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
                // The same vector of the tile after next: its lines arrive while this tile's stages run. Past
                // the end of the band it only touches memory that may not be the frame's, which a prefetch may
                // (it never faults). 16 floats = one 64-byte line.
                for (int l = 0; l < lanes * 4; l += 16)
                {
                    Sse.Prefetch0(q + 2 * TileVectors * lanes * 4 + l);
                }
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
                if (TStore.IsStreaming)
                {
                    T.StoreStreaming(o, r);
                    T.StoreStreaming(o + lanes, g);
                    T.StoreStreaming(o + 2 * lanes, b);
                    T.StoreStreaming(o + 3 * lanes, a);
                }
                else
                {
                    T.Store(o, r);
                    T.Store(o + lanes, g);
                    T.Store(o + 2 * lanes, b);
                    T.Store(o + 3 * lanes, a);
                }
            }
        }
        return vectors * lanes;
    }
}
