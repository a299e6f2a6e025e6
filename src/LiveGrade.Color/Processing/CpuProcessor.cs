using LiveGrade.Color.Ops;

namespace LiveGrade.Color.Processing;

/// <summary>
/// A finalised op list for the CPU: optimised once, renderers chosen once, then applied to packed RGBA
/// float pixels in place, rows in parallel. Safe to apply from several threads on different buffers.
/// </summary>
public sealed class CpuProcessor
{
    /// <summary>Pixels per parallel chunk: big enough to amortise scheduling, small enough to stay in L2.</summary>
    private const int ChunkPixels = 16384;

    private readonly IColorOpCpuRenderer[] _renderers;

    public CpuProcessor(OpList ops, bool optimize = true)
    {
        Ops = optimize ? OpListOptimizer.Optimize(ops) : ops;
        _renderers = Ops.Ops.Select(o => o.CreateCpuRenderer()).ToArray();
    }

    /// <summary>The ops actually applied (after optimisation).</summary>
    public OpList Ops { get; }

    public bool IsIdentity => _renderers.Length == 0;

    /// <summary>Applies every op, chunk by chunk, on the calling thread.</summary>
    public void Apply(Span<float> rgba)
    {
        for (int start = 0; start < rgba.Length; start += ChunkPixels * 4)
        {
            var chunk = rgba.Slice(start, System.Math.Min(ChunkPixels * 4, rgba.Length - start));
            foreach (var r in _renderers)
            {
                r.Apply(chunk);
            }
        }
    }

    /// <summary>Applies every op with chunks spread over the thread pool.</summary>
    public void ApplyParallel(float[] rgba) => ApplyParallel(rgba, -1);

    /// <summary>
    /// Applies every op with chunks spread over at most <paramref name="maxThreads"/> pool threads
    /// (-1: as many as the pool gives), so a benchmark can match a peer's thread count.
    /// </summary>
    public void ApplyParallel(float[] rgba, int maxThreads)
    {
        ArgumentOutOfRangeException.ThrowIfZero(maxThreads);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxThreads, -1);
        int chunks = (rgba.Length / 4 + ChunkPixels - 1) / ChunkPixels;
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxThreads };
        Parallel.For(0, chunks, options, i =>
        {
            int start = i * ChunkPixels * 4;
            var chunk = rgba.AsSpan(start, System.Math.Min(ChunkPixels * 4, rgba.Length - start));
            foreach (var r in _renderers)
            {
                r.Apply(chunk);
            }
        });
    }
}
