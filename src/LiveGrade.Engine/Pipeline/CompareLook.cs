namespace LiveGrade.Engine.Pipeline;

/// <summary>
/// Applies the look of another view of an output's camera (the clean feed, for compare modes) to RGBA float
/// pixels in place. Called by one output thread.
/// </summary>
public interface ICompareLook
{
    /// <summary>
    /// Grades the first <paramref name="pixels"/> pixels of <paramref name="buffer"/> with the look of
    /// <paramref name="key"/>. The buffer holds at least ceil(pixels / width) rows of <paramref name="width"/>
    /// pixels, so a renderer that grades whole images (the GPU) may treat them as one. False when that look is
    /// not ready yet (its bake is still running): the output then shows its own view whole for that frame.
    /// </summary>
    bool TryApply(LookKey key, Span<float> buffer, int pixels, int width);
}

/// <summary>
/// The engine's compare look for one output: on the GPU renderer the exact chain as a shader (kept apart from
/// the output's own look, so neither recompiles when the other runs); on the CPU (or where the look has no GPU
/// form) a baked look from its own cache. A bake never stalls the output: until it is ready the compare waits.
/// </summary>
public sealed class EngineCompareLook(LiveEngine engine) : ICompareLook
{
    private readonly CompiledLookCache _cache = new(engine.BuildLook, engine.Report);

    public unsafe bool TryApply(LookKey key, Span<float> buffer, int pixels, int width)
    {
        if (pixels <= 0) return true;
        int rows = (pixels + width - 1) / width;
        if (engine.Gpu is { } gpu && buffer.Length >= rows * width * 4)
        {
            fixed (float* p = buffer)
            {
                if (gpu.TryApply(key, (nint)p, width, rows)) return true;
            }
        }
        if (_cache.Get(key) is not { } look) return false;
        look.Apply(buffer[..(pixels * 4)]);
        return true;
    }
}

/// <summary>A compare look from one compiled look (benchmarks and tests), applied on as many threads as asked.</summary>
public sealed class FixedCompareLook(CompiledLook look, int maxThreads = -1) : ICompareLook
{
    /// <summary>Pixels graded so far (what the compare cost in look applications, times the frame size).</summary>
    public long PixelsGraded { get; private set; }

    public int Calls { get; private set; }

    public bool TryApply(LookKey key, Span<float> buffer, int pixels, int width)
    {
        look.Apply(buffer[..(pixels * 4)], maxThreads);
        PixelsGraded += pixels;
        Calls++;
        return true;
    }
}
