using LiveGrade.Color.Ops;
using LiveGrade.Color.Processing.Simd;

namespace LiveGrade.Color.Processing;

/// <summary>
/// A finalised op list for the CPU: optimised once, renderers chosen once, then applied in place to
/// packed pixel buffers, on the calling thread or in bands over a persistent worker set.
///
/// Fusion: consecutive ops that have a SIMD form (forward CDL, matrix, forward 1D LUT, 3D LUT tetrahedral
/// or trilinear, the float-indexed display curve) become one fused segment, run by <see cref="FusedKernel"/>
/// in one pass with R, G, B in registers — the usual look [CDL][matrix][shaper][3D LUT][1D LUT] is a single
/// segment. An op without a SIMD form (log curves, OCIO ops, inverse LUTs, ...) is a segment of its own and
/// runs its scalar renderer. A buffer is cut into chunks of <see cref="BandWorkers.BandPixels"/> pixels
/// (256 KiB of RGBA float, L2-sized) and every segment runs over a chunk before the next chunk, so a
/// mixed chain still reads each pixel from memory about once.
///
/// The instruction set (<see cref="Isa"/>) is chosen once, at construction: the widest the machine
/// accelerates unless one is asked for. Lanes left over at the end of a chunk (fewer than one vector) run
/// through the scalar renderers. SIMD and scalar agree bit for bit except the CDL power, see
/// <see cref="Ops.Cdl.CdlSimdStage"/>: by default a single-precision vector power within
/// <see cref="FloatVectorPow.MaxUlps"/> ulp of the exact value for powers in [0.1, 4] (the scalar MathF.Pow
/// is within half an ulp); <c>exactCdlPower</c> asks for the double-precision one (within one ulp of
/// MathF.Pow), whose CDL costs 2x–5x more CPU time on top of a LUT (benchmarks/RESULTS.md).
///
/// Buffers: RGBA float runs fused straight from memory. RGB float, half, and 10/12/16-bit integer buffers
/// are unpacked 256 pixels at a time into an RGBA float tile on the stack (4 KiB, in L1), run through the
/// same segments, and packed back (integers: round to nearest, clamp to the code range, NaN to 0);
/// alpha is never written.
///
/// Nothing is allocated per call. Safe to apply from several threads on different buffers (parallel
/// calls with the same thread count share one worker set and take turns).
/// </summary>
public sealed unsafe class CpuProcessor
{
    /// <summary>Pixels per tile when a buffer is not RGBA float: 256 RGBA floats are 4 KiB of stack.</summary>
    private const int TilePixels = 256;

    private readonly IColorOpCpuRenderer[] _renderers;
    private readonly Segment[] _segments;

    public CpuProcessor(OpList ops, bool optimize = true, SimdIsa? isa = null, bool exactCdlPower = false)
        : this(optimize ? OpListOptimizer.Optimize(ops) : ops, null, isa, exactCdlPower)
    {
    }

    /// <summary>
    /// A processor over renderers already made (e.g. a baked LUT followed by a <see cref="FloatIndexedCurve"/>),
    /// fused the same way as ops.
    /// </summary>
    public CpuProcessor(IEnumerable<IColorOpCpuRenderer> renderers, SimdIsa? isa = null, bool exactCdlPower = false)
        : this(new OpList(), [.. renderers], isa, exactCdlPower)
    {
    }

    private CpuProcessor(OpList ops, IColorOpCpuRenderer[]? renderers, SimdIsa? isa, bool exactCdlPower)
    {
        Ops = ops;
        _renderers = renderers ?? [.. ops.Ops.Select(o => o.CreateCpuRenderer())];
        var chosen = isa ?? SimdIsaSupport.Best;
        if (!SimdIsaSupport.IsSupported(chosen))
        {
            throw new PlatformNotSupportedException($"instruction set {SimdIsaSupport.Name(chosen)} is not available on this CPU");
        }
        Isa = chosen;
        ExactCdlPower = exactCdlPower;
        _segments = Segment.Build(_renderers, chosen != SimdIsa.Scalar, new SimdStageOptions(exactCdlPower));
    }

    /// <summary>The ops actually applied (after optimisation); empty when built from renderers.</summary>
    public OpList Ops { get; }

    /// <summary>The instruction set the fused segments run with.</summary>
    public SimdIsa Isa { get; }

    /// <summary>Whether fused CDLs take the double-precision power instead of the default single-precision one.</summary>
    public bool ExactCdlPower { get; }

    public bool IsIdentity => _renderers.Length == 0;

    /// <summary>How many ops run fused in registers (the rest run their scalar renderers).</summary>
    public int FusedOpCount => _segments.Where(s => s.Stages is not null).Sum(s => s.Stages!.Length);

    /// <summary>Segments in order, e.g. "fused(4) scalar(1)": what runs per chunk.</summary>
    public string Describe() => string.Join(" ", _segments.Select(s => s.Stages is { } st ? $"fused({st.Length})" : "scalar(1)"));

    /// <summary>Applies every op to packed RGBA float pixels, chunk by chunk, on the calling thread.</summary>
    public void Apply(Span<float> rgba) => Apply(rgba, PixelBufferFormat.Rgba32F);

    /// <summary>Applies every op to RGB (3) or RGBA (4) float pixels on the calling thread.</summary>
    public void Apply(Span<float> pixels, PixelBufferFormat format)
    {
        RequireSample(format, PixelSample.Float32);
        fixed (float* p = pixels)
        {
            ApplyRange(p, format, 0, PixelCount(pixels.Length, format));
        }
    }

    /// <summary>Applies every op to RGB or RGBA half-float pixels on the calling thread.</summary>
    public void Apply(Span<Half> pixels, int channels) => ApplyAny(pixels, new PixelBufferFormat(channels, PixelSample.Half), 1);

    /// <summary>Applies every op to RGB or RGBA 10-, 12- or 16-bit integer pixels (16-bit words) on the calling thread.</summary>
    public void Apply(Span<ushort> pixels, int channels, int bits) => ApplyAny(pixels, PixelBufferFormat.Integer(channels, bits), 1);

    /// <summary>Applies every op with bands spread over every core.</summary>
    public void ApplyParallel(float[] rgba) => ApplyParallel(rgba, -1);

    /// <summary>
    /// Applies every op to packed RGBA float pixels with bands spread over <paramref name="maxThreads"/>
    /// threads, the caller included (-1: one per core), so a benchmark can match a peer's thread count.
    /// </summary>
    public void ApplyParallel(float[] rgba, int maxThreads) => ApplyAny(rgba.AsSpan(), PixelBufferFormat.Rgba32F, maxThreads);

    /// <summary>As <see cref="ApplyParallel(float[], int)"/> for RGB or RGBA float.</summary>
    public void ApplyParallel(Span<float> pixels, PixelBufferFormat format, int maxThreads)
    {
        RequireSample(format, PixelSample.Float32);
        ApplyAny(pixels, format, maxThreads);
    }

    /// <summary>As <see cref="ApplyParallel(float[], int)"/> for half-float pixels.</summary>
    public void ApplyParallel(Span<Half> pixels, int channels, int maxThreads) =>
        ApplyAny(pixels, new PixelBufferFormat(channels, PixelSample.Half), maxThreads);

    /// <summary>As <see cref="ApplyParallel(float[], int)"/> for 10-, 12- or 16-bit integer pixels.</summary>
    public void ApplyParallel(Span<ushort> pixels, int channels, int bits, int maxThreads) =>
        ApplyAny(pixels, PixelBufferFormat.Integer(channels, bits), maxThreads);

    /// <summary>
    /// Applies every op to packed RGBA float pixels read from <paramref name="source"/> and written to
    /// <paramref name="destination"/> (same length; the same span is allowed), bands spread over
    /// <paramref name="maxThreads"/> threads as <see cref="ApplyParallel(float[], int)"/>. One pass over
    /// memory instead of a copy and an in-place pass: the live engine's outputs read the input frame and
    /// write their own.
    /// </summary>
    public void ApplyParallel(ReadOnlySpan<float> source, Span<float> destination, int maxThreads)
    {
        ArgumentOutOfRangeException.ThrowIfZero(maxThreads);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxThreads, -1);
        if (source.Length != destination.Length)
        {
            throw new ArgumentException($"source has {source.Length} samples, destination {destination.Length}", nameof(destination));
        }
        long count = PixelCount(source.Length, PixelBufferFormat.Rgba32F);
        int threads = maxThreads == -1 ? Environment.ProcessorCount : maxThreads;
        fixed (float* from = source)
        fixed (float* to = destination)
        {
            if (threads <= 1 || count <= BandWorkers.BandPixels)
            {
                for (long done = 0; done < count; done += BandWorkers.BandPixels)
                {
                    int n = (int)System.Math.Min(BandWorkers.BandPixels, count - done);
                    ApplyRangeRgba(from + done * 4, to + done * 4, n);
                }
            }
            else
            {
                BandWorkers.For(threads).Run(this, from, to, PixelBufferFormat.Rgba32F, count);
            }
        }
    }

    private void ApplyAny<T>(Span<T> pixels, PixelBufferFormat format, int maxThreads)
        where T : unmanaged
    {
        ArgumentOutOfRangeException.ThrowIfZero(maxThreads);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxThreads, -1);
        format.Validate();
        long count = PixelCount(pixels.Length, format);
        int threads = maxThreads == -1 ? Environment.ProcessorCount : maxThreads;
        fixed (T* p = pixels)
        {
            if (threads <= 1 || count <= BandWorkers.BandPixels)
            {
                ApplyRange(p, format, 0, (int)count);
            }
            else
            {
                // The span stays pinned until every band is done: Run returns only then.
                BandWorkers.For(threads).Run(this, p, format, count);
            }
        }
    }

    private static int PixelCount(int samples, PixelBufferFormat format)
    {
        format.Validate();
        return samples / format.Channels;
    }

    private static void RequireSample(PixelBufferFormat format, PixelSample sample)
    {
        if (format.Sample != sample)
        {
            throw new ArgumentException($"a {sample} buffer was given for {format.Sample} samples", nameof(format));
        }
    }

    /// <summary>Applies every op to <paramref name="count"/> pixels from <paramref name="start"/> of the buffer at <paramref name="data"/>.</summary>
    internal void ApplyRange(void* data, PixelBufferFormat format, long start, int count)
    {
        if (_renderers.Length == 0 || count <= 0)
        {
            return;
        }
        if (format == PixelBufferFormat.Rgba32F)
        {
            float* p = (float*)data + start * 4;
            for (int done = 0; done < count; done += BandWorkers.BandPixels)
            {
                ApplyRgba(p + (long)done * 4, System.Math.Min(BandWorkers.BandPixels, count - done));
            }
            return;
        }
        float* tile = stackalloc float[TilePixels * 4];
        for (int done = 0; done < count; done += TilePixels)
        {
            int n = System.Math.Min(TilePixels, count - done);
            long first = start + done;
            PixelPacking.Unpack(data, format, first, n, tile);
            ApplyRgba(tile, n);
            PixelPacking.Pack(tile, n, data, format, first);
        }
    }

    private void ApplyRgba(float* rgba, int pixels) => ApplyRangeRgba(rgba, rgba, pixels);

    /// <summary>A whole number of vectors at every ISA (16 lanes at 512 bits): the scratch a remainder is padded to.</summary>
    private const int TailPixels = 16;

    /// <summary>
    /// Applies every op to <paramref name="pixels"/> RGBA float pixels read from <paramref name="source"/> and
    /// written to <paramref name="destination"/> (the same pointer: in place). The first segment reads the
    /// source (a fused one in the same pass as its work); the rest work in place on the destination.
    /// </summary>
    internal void ApplyRangeRgba(float* source, float* destination, int pixels)
    {
        float* from = source;
        float* tail = stackalloc float[TailPixels * 4];
        for (int k = 0; k < _segments.Length; k++)
        {
            var segment = _segments[k];
            // A last fused segment writing a buffer of its own streams it past the caches: nothing here reads it again,
            // and a frame-sized destination would otherwise be read from memory first (a write allocates its line).
            bool streaming = k == _segments.Length - 1 && from != destination;
            int done = segment.Stages is { } stages ? FusedKernel.RunRgba(Isa, stages, from, destination, pixels, streaming) : 0;
            if (done < pixels && pixels - done < TailPixels && Isa != SimdIsa.Scalar && segment.Stages is { } tailStages)
            {
                // The last few pixels (fewer than a vector) through the same vector code, padded to a whole vector in a
                // scratch: a pixel's result then does not depend on where it lies in the buffer, and a row whose width is
                // not a multiple of 16 (a multiviewer tile's 954) no longer pays for the scalar renderers on its last
                // pixels (~1 ms a frame at 1080p) or needs padding by its caller. Zeros fill the unused lanes.
                int rest = pixels - done;
                new Span<float>(tail, TailPixels * 4).Clear();
                new ReadOnlySpan<float>(from + (long)done * 4, rest * 4).CopyTo(new Span<float>(tail, rest * 4));
                if (FusedKernel.RunRgba(Isa, tailStages, tail, tail, TailPixels) == TailPixels)
                {
                    new ReadOnlySpan<float>(tail, rest * 4).CopyTo(new Span<float>(destination + (long)done * 4, rest * 4));
                    done = pixels;
                }
            }
            if (done < pixels)
            {
                var rest = new Span<float>(destination + (long)done * 4, (pixels - done) * 4);
                if (from != destination)
                {
                    new ReadOnlySpan<float>(from + (long)done * 4, (pixels - done) * 4).CopyTo(rest);
                }
                foreach (var r in segment.Renderers)
                {
                    r.Apply(rest);
                }
            }
            from = destination;
        }
        if (from != destination)
        {
            new ReadOnlySpan<float>(source, pixels * 4).CopyTo(new Span<float>(destination, pixels * 4)); // no ops at all
        }
    }

    /// <summary>Consecutive renderers run together: fused (Stages set) or one scalar renderer alone.</summary>
    private sealed class Segment(SimdStage[]? stages, IColorOpCpuRenderer[] renderers)
    {
        public SimdStage[]? Stages { get; } = stages;

        /// <summary>The scalar renderers: the whole work when not fused, the tail after the vectors when fused.</summary>
        public IColorOpCpuRenderer[] Renderers { get; } = renderers;

        public static Segment[] Build(IColorOpCpuRenderer[] renderers, bool fuse, SimdStageOptions options)
        {
            if (!fuse)
            {
                // Scalar: every renderer over the chunk in turn (the reference path).
                return renderers.Length == 0 ? [] : [new Segment(null, renderers)];
            }
            var segments = new List<Segment>();
            var stages = new List<SimdStage>();
            var fused = new List<IColorOpCpuRenderer>();
            void Close()
            {
                if (stages.Count > 0)
                {
                    segments.Add(new Segment([.. stages], [.. fused]));
                    stages.Clear();
                    fused.Clear();
                }
            }
            foreach (var r in renderers)
            {
                if (r is ISimdFusable f && f.CreateSimdStage(options) is { } stage)
                {
                    stages.Add(stage);
                    fused.Add(r);
                }
                else
                {
                    Close();
                    segments.Add(new Segment(null, [r]));
                }
            }
            Close();
            return [.. segments];
        }
    }
}
