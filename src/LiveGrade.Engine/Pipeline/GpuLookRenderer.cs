using LiveGrade.Gpu.Context;
using LiveGrade.Gpu.Processing;

namespace LiveGrade.Engine.Pipeline;

/// <summary>
/// The GPU renderer of the live engine: each output's look is the exact chain (no 33³ bake) compiled to
/// one compute shader (<see cref="GpuLookProcessor"/>) on one headless GL context the engine shares between
/// outputs. A CDL change updates uniforms only; a new camera or view recompiles. Frames are graded in place
/// in their pooled (pinned) memory: upload, dispatch, read back, on the context's GL thread.
/// A look with an op that has no GPU form yet (a half-domain 1D LUT) is refused by the shader
/// generator; that output key then uses the CPU's baked look, reported once.
/// </summary>
public sealed class GpuLookRenderer : IDisposable
{
    private readonly IGlContext _context;
    private readonly Func<LookKey, Color.Ops.OpList> _build;
    private readonly Action<string> _report;
    private readonly object _lock = new();
    // One processor per output and view: an output's own look and the clean look its compare mode shows beside
    // it each keep their shader, rather than one recompiling the other every frame.
    private readonly Dictionary<(int Output, string View), (LookKey Key, GpuLookProcessor? Processor)> _byOutput = [];

    public GpuLookRenderer(IGlContext context, Func<LookKey, Color.Ops.OpList> build, Action<string> report)
    {
        _context = context;
        _build = build;
        _report = report;
    }

    /// <summary>
    /// Grades the output's frame in place with the look of <paramref name="key"/>; false when that look has no
    /// GPU form (the caller then uses the CPU look). Called by one output thread per output.
    /// </summary>
    public bool TryApply(LookKey key, nint rgba, int width, int height)
    {
        GpuLookProcessor? processor;
        lock (_lock)
        {
            _byOutput.TryGetValue((key.Output, key.View), out var entry);
            processor = entry.Processor;
            if (entry.Processor is null || entry.Key != key)
            {
                if (entry.Key == key && entry.Processor is null && _byOutput.ContainsKey((key.Output, key.View))) return false; // known: no GPU form
                try
                {
                    var ops = _build(key);
                    if (processor is null)
                    {
                        processor = new GpuLookProcessor(_context, ops);
                    }
                    else
                    {
                        processor.Update(ops); // same shader text: uniforms (and changed LUT tables) only
                    }
                }
                catch (NotSupportedException e)
                {
                    _report($"output {key.Output}: the look has no GPU form ({e.Message}); it is baked for the CPU instead");
                    processor?.Dispose();
                    _byOutput[(key.Output, key.View)] = (key, null);
                    return false;
                }
                _byOutput[(key.Output, key.View)] = (key, processor);
            }
        }
        processor!.ApplyInPlace(rgba, width, height);
        return true;
    }

    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var (_, p) in _byOutput.Values) p?.Dispose();
            _byOutput.Clear();
        }
    }
}
