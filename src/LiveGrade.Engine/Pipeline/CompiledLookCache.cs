using System.Diagnostics;
using LiveGrade.Color.Looks;
using LiveGrade.Color.Ops;
using LiveGrade.Color.Ops.Lut3D;
using LiveGrade.Color.Processing;

namespace LiveGrade.Engine.Pipeline;

/// <summary>
/// What a look is compiled for: which camera, which version of its grade, which view and display, and which output
/// (for its calibration LUT). View "look" grades the camera with <see cref="Look"/> (a compare mode's second look)
/// instead of the camera's own CDL and LUTs; its LookVersion is 0, as the look itself is part of the key.
/// </summary>
public readonly record struct LookKey(int Camera, long LookVersion, string View, string Display, int Output, Control.SecondLook? Look = null);

/// <summary>
/// A look ready for the CPU frame loop: the chain's body (input transform, CDL, LUTs, the display
/// transform up to display-linear light) baked into one 33³ tetrahedral 3D LUT — what a hardware LUT box
/// does, and cheap per pixel whatever the chain holds (OCIO's ACES output transforms included) — then the
/// display encoding curve through a float-indexed table (exact to 1e-6), then the monitor's calibration
/// LUT, if any. The error against the exact chain is measured by the engine tests.
/// All of it runs as one <see cref="CpuProcessor"/>: the LUT, the curve and a LUT or matrix calibration
/// fuse into one SIMD pass (the per-frame hot path of `livegrade demo`); a calibration op without a SIMD
/// form runs its scalar renderer after the fused part.
/// </summary>
public sealed class CompiledLook
{
    public const int LatticeSize = 33;
    private readonly CpuProcessor _processor;

    public CompiledLook(LookKey key, LookParts parts, double bakeMsSoFar = 0)
    {
        var sw = Stopwatch.StartNew();
        Key = key;
        (Lut, _) = LookBaker.BakeUnitCube(parts.Body, LatticeSize);
        var steps = new List<IColorOpCpuRenderer> { Lut.CreateCpuRenderer() };
        if (parts.Encoding.Count > 0) steps.Add(new FloatIndexedCurve(parts.Encoding));
        steps.AddRange(OpListOptimizer.Optimize(parts.Calibration).Ops.Select(o => o.CreateCpuRenderer()));
        _steps = [.. steps];
        _processor = new CpuProcessor(steps);
        BakeMs = bakeMsSoFar + sw.Elapsed.TotalMilliseconds;
    }

    public LookKey Key { get; }
    public Lut3DOpData Lut { get; }
    public double BakeMs { get; }

    /// <summary>How the look runs, e.g. "fused(2)" (for logs and tests).</summary>
    public string Describe() => _processor.Describe();

    /// <summary>
    /// Applies the look in place to RGBA float pixels, in bands spread over every core (the calling output's
    /// thread included; outputs that apply at the same moment take turns on the band workers). One thread
    /// at 1080p was the engine's bottleneck: 84 ms a frame on the 2-core build machine, so that a 16-core
    /// machine ran the demo's outputs at 11-24 fps with 14 cores idle. Allocation-free; safe from several
    /// threads on different spans.
    /// </summary>
    public void Apply(Span<float> rgba) => _processor.ApplyParallel(rgba, PixelBufferFormat.Rgba32F, -1);

    /// <summary>As <see cref="Apply(Span{float})"/> on at most <paramref name="maxThreads"/> threads, the caller included (-1: every core; 1: the caller alone, as benchmarks compare).</summary>
    public void Apply(Span<float> rgba, int maxThreads) => _processor.ApplyParallel(rgba, PixelBufferFormat.Rgba32F, maxThreads);

    /// <summary>As <see cref="Apply(Span{float})"/>, reading <paramref name="source"/> and writing <paramref name="destination"/> in the same pass (no copy first).</summary>
    public void Apply(ReadOnlySpan<float> source, Span<float> destination) => _processor.ApplyParallel(source, destination, -1);

    /// <summary>As <see cref="Apply(ReadOnlySpan{float}, Span{float})"/> on at most <paramref name="maxThreads"/> threads, the caller included (1: the caller alone).</summary>
    public void Apply(ReadOnlySpan<float> source, Span<float> destination, int maxThreads) => _processor.ApplyParallel(source, destination, maxThreads);

    private readonly IColorOpCpuRenderer[] _steps;
    private readonly FollowingBands _following = new();
    private CpuProcessor? _thenBands; // the look's steps then _following, made on first use (one per look version)

    /// <summary>
    /// As <see cref="Apply(ReadOnlySpan{float}, Span{float})"/>, and then <paramref name="then"/> on each band as soon as
    /// the look has written it, by the thread that graded it (an output's overlays while the band is in cache). Used
    /// by one output's thread at a time.
    /// </summary>
    public void Apply(ReadOnlySpan<float> source, Span<float> destination, IColorOpCpuRenderer then)
    {
        _thenBands ??= new CpuProcessor([.. _steps, _following]);
        _following.Next = then;
        try
        {
            _thenBands.ApplyParallel(source, destination, -1);
        }
        finally
        {
            _following.Next = null;
        }
    }

    /// <summary>A step that passes each band to what the current call named (a scalar step: the look's fused steps stay one pass).</summary>
    private sealed class FollowingBands : IColorOpCpuRenderer
    {
        public IColorOpCpuRenderer? Next;

        public void Apply(Span<float> rgba) => Next?.Apply(rgba);
    }
}

/// <summary>
/// One output's (or tile's) compiled look. A changed key starts a bake on the thread pool and the frame
/// loop keeps the previous look until it is ready, so a grade change never stalls an output; the new look
/// is swapped in at a frame boundary. A look that fails to build (a bad LUT file) keeps the previous look
/// and reports one line. Used by one thread (its output's).
/// </summary>
public sealed class CompiledLookCache(Func<LookKey, LookParts> build, Action<string> report)
{
    private CompiledLook? _current;
    private Task<CompiledLook>? _pending;
    private LookKey _pendingKey;
    private LookKey? _failedKey;

    /// <summary>
    /// The look to use for this frame. With <paramref name="waitIfNone"/>, blocks for the bake when there is
    /// no look at all yet (start-up); otherwise the previous look serves until the new one is ready.
    /// </summary>
    public CompiledLook? Get(LookKey key, bool waitIfNone = false)
    {
        if (_current is { } c && c.Key == key) return c;
        if (_pending is { } p)
        {
            if (waitIfNone && _current is null) WaitQuietly(p);
            if (p.IsCompleted) Complete(p);
            if (_current is { } done && done.Key == key) return done;
            if (_pending is not null) return _current; // one bake at a time; the next key follows
        }
        if (_failedKey == key) return _current;
        _pendingKey = key;
        _pending = StartBake(key);
        if (waitIfNone && _current is null) WaitQuietly(_pending);
        if (_pending.IsCompleted) Complete(_pending);
        return _current;
    }

    // Its own method: a lambda capturing Get's parameter made Get allocate its closure on entry, on every
    // call (56 bytes a frame per output), bake or not.
    private Task<CompiledLook> StartBake(LookKey key) => Task.Run(() => Compile(key));

    private static void WaitQuietly(Task task)
    {
        try
        {
            task.Wait();
        }
        catch (AggregateException)
        {
            // Reported by Complete.
        }
    }

    private void Complete(Task<CompiledLook> task)
    {
        _pending = null;
        if (task.IsCompletedSuccessfully)
        {
            _current = task.Result;
        }
        else
        {
            _failedKey = _pendingKey;
            var e = task.Exception?.GetBaseException();
            report(e is LiveGrade.Core.Diagnostics.InputException ie ? ie.ToOneLine() : $"error: look for camera {_pendingKey.Camera}: {e?.Message}");
        }
    }

    private CompiledLook Compile(LookKey key)
    {
        var sw = Stopwatch.StartNew();
        var parts = build(key);
        return new CompiledLook(key, parts, sw.Elapsed.TotalMilliseconds);
    }
}
