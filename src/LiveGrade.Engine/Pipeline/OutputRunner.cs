using System.Diagnostics;
using LiveGrade.Core.Video;
using LiveGrade.Core.Video.Packing;
using LiveGrade.Engine.Control;
using LiveGrade.Engine.Show;
using LiveGrade.Video;

namespace LiveGrade.Engine.Pipeline;

/// <summary>
/// One output's frame loop on its own named thread. Each turn it reads the control state once (so a
/// route or look change applies at a frame boundary, entirely), waits for the routed input's next frame
/// (at most 1.5 frame periods), and then:
/// <list type="bullet">
/// <item>a new frame: renders it through the output's compiled look into a pooled frame and hands it to the sink;</item>
/// <item>no new frame in time: repeats the previous output frame (counted repeated; late if a frame then arrives);</item>
/// <item>no frame for the no-signal timeout: shows the "no signal" slate with the input's name.</item>
/// </list>
/// Latency (capture timestamp to hand-off) is recorded for every rendered frame. Nothing the loop meets —
/// a failing look build, a failing sink, a vanished source — ends it; errors are reported as one line.
/// </summary>
public sealed class OutputRunner : IDisposable
{
    private const int PoolFrames = 4; // one being drawn, one held as "last", two held by sinks
    private readonly LiveEngine _engine;
    private readonly int _index;
    private readonly OutputDefinition _definition;
    private readonly FramePool _pool;
    private readonly CompiledLookCache _look;
    private readonly CompiledLookCache[] _tileLooks;
    private readonly Multiviewer? _multiviewer;
    private readonly Thread _thread;
    private long _firstFrameTimestamp;
    private volatile bool _running = true;
    private VideoFrame? _last;
    private long _framesOut;
    private readonly OutputOverlays _overlays;
    private readonly FramePool? _wirePool;
    private readonly FrameEncoder _encoder = new();

    public OutputRunner(LiveEngine engine, int index, OutputDefinition definition, VideoMode mode, IVideoSink sink)
    {
        _engine = engine;
        _index = index;
        _definition = definition;
        Mode = mode with { Format = PixelFormat.Rgba32F };
        Sink = sink;
        _pool = new FramePool(Mode, PoolFrames);
        // A sink that takes a wire layout (v210 for SDI, 4:2:2 for ST 2110) gets frames packed here, on the
        // output's own thread; the float picture stays the "last" frame for repeats and snapshots.
        if (sink.Mode.Format != PixelFormat.Rgba32F) _wirePool = new FramePool(Mode with { Format = sink.Mode.Format }, PoolFrames);
        _look = new CompiledLookCache(engine.BuildLook, engine.Report);
        // The compare's B and the graded scope tap each have their own look cache (one look each, no re-bakes between them).
        _overlays = new OutputOverlays(new EngineCompareLook(engine), new ReferenceStillCache(engine.ShowPath, engine.Report), new EngineCompareLook(engine));
        _tileLooks = (definition.Multiviewer?.Tiles ?? []).Select(_ => new CompiledLookCache(engine.BuildLook, engine.Report)).ToArray();
        _multiviewer = definition.Multiviewer is { } mv ? new Multiviewer(mv, Mode.Width, Mode.Height) : null;
        _thread = new Thread(Run) { Name = $"lg-out-{definition.Name}", IsBackground = true, Priority = ThreadPriority.AboveNormal };
    }

    public string Name => _definition.Name;
    public VideoMode Mode { get; }
    public IVideoSink Sink { get; }
    public FrameCounters Counters { get; } = new();
    public LatencyRecorder Latency { get; } = new();
    public bool IsMultiviewer => _definition.Multiviewer is not null;

    public void Start()
    {
        try
        {
            Sink.Start();
        }
        catch (Exception e)
        {
            // A sink that cannot start (a socket refused, a card gone) is reported; the output keeps rendering.
            _engine.Report($"error: output {Name}: sink {Sink.Name}: {e.Message.ReplaceLineEndings(" ")}");
        }
        if (Sink.LastError is { } error) _engine.Report($"error: output {Name}: {error}");
        _thread.Start();
    }

    /// <summary>
    /// Compiles the looks the current state needs before the first frame (start-up), so that the first
    /// seconds of a show are not spent waiting for bakes.
    /// </summary>
    public void Prepare()
    {
        var state = _engine.Bus.State;
        var output = state.Outputs[_index];
        if (_definition.Multiviewer is { } mv)
        {
            Parallel.For(0, mv.Tiles.Count, t =>
            {
                var slot = _engine.Input(mv.Tiles[t].Input);
                _tileLooks[t].Get(new LookKey(slot.Index, state.Cameras[slot.Index].LookVersion, mv.Tiles[t].View, output.Display, _index), waitIfNone: true);
            });
        }
        else
        {
            var slot = _engine.Input(output.Route);
            // On the GPU the look compiles at the first frame (a shader, not a bake); the CPU bake is only its fallback.
            if (_engine.Gpu is null) _look.Get(new LookKey(slot.Index, state.Cameras[slot.Index].LookVersion, output.View, output.Display, _index), waitIfNone: true);
        }
    }

    private long _threadAllocatedBytes;
    private long _skipped;

    /// <summary>Input frames the output never showed (newer ones came while it was busy): dropped frames of its cadence, reported with <see cref="Counters"/>' own drops.</summary>
    public long SkippedInputFrames => Interlocked.Read(ref _skipped);

    /// <summary>
    /// Bytes the output's thread has allocated since it started, as of its last frame slot: flat in steady
    /// state (nothing is allocated per frame; a look change or a new overlay setting allocates once).
    /// </summary>
    public long ThreadAllocatedBytes => Volatile.Read(ref _threadAllocatedBytes);

    /// <summary>Frames handed to the sink per second, from the first frame to now.</summary>
    public double Fps
    {
        get
        {
            var n = Interlocked.Read(ref _framesOut);
            var first = Interlocked.Read(ref _firstFrameTimestamp);
            if (n < 2 || first == 0) return 0;
            return (n - 1) / Stopwatch.GetElapsedTime(first).TotalSeconds;
        }
    }

    /// <summary>A grab waiting for the output's next picture, with the array it is copied into.</summary>
    private sealed class GrabRequest(float[] into)
    {
        public float[] Into { get; } = into;
        public TaskCompletionSource<float[]> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private GrabRequest? _grab;

    /// <summary>
    /// A copy of the next picture this output renders, after its look and before its overlays (what a reference
    /// still of it should hold). Any thread. The picture's array is made here, on the caller's thread; the output's
    /// thread only copies into it at its next new frame (a 33 MB array made there at 1080p made that frame late
    /// and fed the garbage collector from the hot path). <see cref="CancelGrab"/> withdraws it.
    /// </summary>
    public Task<float[]> GrabAsync()
    {
        var grab = new GrabRequest(new float[Mode.Width * Mode.Height * 4]);
        Interlocked.Exchange(ref _grab, grab)?.Done.TrySetCanceled();
        return grab.Done.Task;
    }

    /// <summary>Withdraws the grab <paramref name="task"/> came from if it is still waiting (its caller gave up), so no frame copies for nobody.</summary>
    public void CancelGrab(Task<float[]> task)
    {
        var grab = Volatile.Read(ref _grab);
        if (grab is not null && grab.Done.Task == task && Interlocked.CompareExchange(ref _grab, null, grab) == grab) grab.Done.TrySetCanceled();
    }

    /// <summary>A copy of the newest output picture (RGBA float), or null before the first.</summary>
    public float[]? Snapshot()
    {
        VideoFrame? f;
        lock (_pool) f = _last?.AddRef();
        if (f is null) return null;
        try
        {
            return System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(f.Data).ToArray();
        }
        finally
        {
            f.Release();
        }
    }

    private void Run()
    {
        var period = Mode.Rate.FrameDuration;
        var wait = period * 1.5;
        long seen = -1;
        InputSlot? shown = null;
        while (_running)
        {
            try
            {
                var state = _engine.Bus.State;
                var output = state.Outputs[_index];
                var slot = IsMultiviewer ? _engine.Input(_definition.Multiviewer!.Tiles[0].Input) : _engine.Input(output.Route);
                if (slot != shown)
                {
                    seen = -1; // a new route: show its current frame at once
                    shown = slot;
                }
                var generation = slot.WaitForNewer(seen, wait);
                if (!_running) break;
                if (generation != seen)
                {
                    Interlocked.Add(ref _skipped, InputFramesSkipped(seen, generation));
                    seen = generation;
                    var input = slot.Acquire();
                    if (input is null) continue;
                    RenderAndSend(state, output, slot, input);
                }
                else if (slot.IsNoSignal)
                {
                    SendSlate(slot);
                }
                else
                {
                    Repeat();
                }
                Volatile.Write(ref _threadAllocatedBytes, GC.GetAllocatedBytesForCurrentThread());
            }
            catch (Exception e)
            {
                _engine.Report($"error: output {Name}: {e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}");
                Thread.Sleep(period);
            }
        }
    }

    /// <summary>
    /// Input frames that arrived while the output was still busy with an earlier one and that it will never show
    /// (it always takes the newest): dropped frames of the output's cadence, counted as such. None at a new route
    /// (<paramref name="seen"/> -1).
    /// </summary>
    public static long InputFramesSkipped(long seen, long generation) => seen < 0 || generation <= seen ? 0 : generation - seen - 1;

    private void RenderAndSend(EngineState state, OutputState output, InputSlot slot, VideoFrame input)
    {
        VideoFrame? frame = null;
        try
        {
            frame = _pool.TryRent();
            if (frame is null)
            {
                Counters.CountDropped(); // sinks hold every frame: this one is lost
                return;
            }
            Draw(state, output, slot, input, frame, onAir: true);
            frame.Timecode = input.Timecode;
            frame.CaptureTimestamp = input.CaptureTimestamp;
            frame.Flags = input.Flags;
            Deliver(frame);
            var latency = Stopwatch.GetElapsedTime(input.CaptureTimestamp);
            Latency.Record((float)latency.TotalMilliseconds);
            if (latency > Mode.Rate.FrameDuration) Counters.CountLate(); // handed off after its own slot ended
            frame = null;
        }
        finally
        {
            input.Release();
            frame?.Release();
        }
    }

    /// <summary>The output's picture of <paramref name="input"/> into <paramref name="frame"/>: the look (or the multiviewer), then the overlays.</summary>
    private void Draw(EngineState state, OutputState output, InputSlot slot, VideoFrame input, VideoFrame frame, bool onAir)
    {
        var dst = Floats(frame);
        if (IsMultiviewer)
        {
            _multiviewer!.Render(_engine, state, _index, _tileLooks, dst, Mode.Width, Mode.Height);
            return;
        }
        var camera = state.Cameras[slot.Index];
        var key = new LookKey(slot.Index, camera.LookVersion, output.View, output.Display, _index);
        var overlays = output.Overlays; // one settings object for the whole frame (the bands and the rest must agree)
        if (_engine.Gpu is { } gpu)
        {
            CopyOrScale(input, dst);
            if (!gpu.TryApply(key, frame.Pointer, Mode.Width, Mode.Height)) _look.Get(key, waitIfNone: true)?.Apply(dst);
        }
        else
        {
            var look = _look.Get(key, waitIfNone: true);
            // The overlays' per-pixel part in the look's own bands, unless a grab wants the picture before them.
            if (look is not null && input.Width == Mode.Width && input.Height == Mode.Height && !(onAir && Volatile.Read(ref _grab) is not null)
                && _overlays.LookBands(overlays, output.Display, Mode.Width, Mode.Height) is { } bands)
            {
                unsafe
                {
                    fixed (float* pinned = dst)
                    {
                        bands.Begin(pinned);
                        look.Apply(Floats(input), dst, bands);
                    }
                }
                _overlays.Apply(overlays, key, dst, Mode.Width, Mode.Height, Floats(input), input.Width, input.Height, lookBandsRan: true);
                return;
            }
            Render(input, look, dst);
        }
        if (onAir && Volatile.Read(ref _grab) is not null && Interlocked.Exchange(ref _grab, null) is { } grab)
        {
            dst.CopyTo(grab.Into);
            grab.Done.TrySetResult(grab.Into);
        }
        _overlays.Apply(overlays, key, dst, Mode.Width, Mode.Height, Floats(input), input.Width, input.Height);
    }

    /// <summary>Renders before the first frame goes out, at least this often (see <see cref="WarmUp"/>).</summary>
    public const int WarmUpRenders = 32;

    /// <summary>
    /// Before the output goes on air (<see cref="Start"/>), draws its current picture over and over, neither
    /// handed off nor counted, until it has drawn <see cref="WarmUpRenders"/> and the last one took less than a
    /// frame, or <paramref name="budget"/> has passed. A fresh process runs its per-frame code unoptimised at
    /// first (the JIT's tier 0: the SIMD kernels' every vector operation a call) and touches its buffers for the
    /// first time: the first frames of a show took up to half a second each, so every output dropped 25-50
    /// frames in its first two seconds. A broadcast device does the same at power-on: its outputs start
    /// once it can hold their cadence. Returns the renders made.
    /// </summary>
    public int WarmUp(TimeSpan budget)
    {
        var started = Stopwatch.GetTimestamp();
        // Every frame of the pool in turn: their pages are only mapped at their first write (a fault per page,
        // the kernel zeroing each), which made an output's first frames on air take up to 0.6 s after a
        // rehearsal that had drawn into one frame only.
        // The same for the packed frames of a sink with a wire format (SDI, ST 2110), packed off air as on air.
        var frames = new List<VideoFrame>();
        while (_pool.TryRent() is { } rented) frames.Add(rented);
        var wires = new List<VideoFrame>();
        while (_wirePool?.TryRent() is { } wire) wires.Add(wire);
        int renders = 0;
        try
        {
            var last = TimeSpan.MaxValue;
            while (frames.Count > 0 && Stopwatch.GetElapsedTime(started) < budget && (renders < WarmUpRenders || last >= Mode.Rate.FrameDuration))
            {
                var state = _engine.Bus.State;
                var output = state.Outputs[_index];
                var slot = IsMultiviewer ? _engine.Input(_definition.Multiviewer!.Tiles[0].Input) : _engine.Input(output.Route);
                var input = slot.Acquire();
                if (input is null) break; // no picture yet (no signal): nothing to rehearse
                var t0 = Stopwatch.GetTimestamp();
                var frame = frames[renders % frames.Count];
                try
                {
                    Draw(state, output, slot, input, frame, onAir: false);
                }
                finally
                {
                    input.Release();
                }
                if (wires.Count > 0) Pack(frame, wires[renders % wires.Count]);
                last = Stopwatch.GetElapsedTime(t0);
                renders++;
            }
        }
        finally
        {
            foreach (var frame in frames) frame.Release();
            foreach (var wire in wires) wire.Release();
        }
        return renders;
    }

    /// <summary>Copies the input picture and applies the look in place, or shows the slate when no look could be built.</summary>
    private void Render(VideoFrame input, CompiledLook? look, Span<float> dst)
    {
        if (look is not null && input.Width == Mode.Width && input.Height == Mode.Height)
        {
            look.Apply(Floats(input), dst); // one pass: read the input, write the output
            return;
        }
        CopyOrScale(input, dst);
        look?.Apply(dst);
    }

    private void CopyOrScale(VideoFrame input, Span<float> dst)
    {
        var src = Floats(input);
        if (input.Width != Mode.Width || input.Height != Mode.Height)
        {
            Scaler.Fit(src, input.Width, input.Height, dst, Mode.Width, Mode.Height);
        }
        else
        {
            src.CopyTo(dst);
        }
    }

    private void SendSlate(InputSlot slot)
    {
        var frame = _pool.TryRent();
        if (frame is null)
        {
            Counters.CountDropped();
            return;
        }
        Slate.Draw(Floats(frame), Mode.Width, Mode.Height, _engine.Bus.State.Cameras[slot.Index].Label);
        frame.Flags = FrameFlags.NoSignal;
        Counters.CountRepeated(); // a slate is a slot without a new picture
        Deliver(frame);
    }

    private void Repeat()
    {
        VideoFrame? last;
        lock (_pool) last = _last?.AddRef();
        if (last is null) return;
        try
        {
            Counters.CountRepeated();
            SendToSink(last);
            Interlocked.Increment(ref _framesOut);
        }
        finally
        {
            last.Release();
        }
    }

    /// <summary>Hands a frame (the caller's reference) to the sink and keeps it as the last picture.</summary>
    private void Deliver(VideoFrame frame)
    {
        Counters.CountReceived();
        try
        {
            if (!SendToSink(frame)) Counters.CountDropped();
        }
        catch (Exception e)
        {
            _engine.Report($"error: output {Name}: sink {Sink.Name}: {e.Message.ReplaceLineEndings(" ")}");
        }
        if (Interlocked.Increment(ref _framesOut) == 1) Interlocked.Exchange(ref _firstFrameTimestamp, Stopwatch.GetTimestamp());
        VideoFrame? old;
        lock (_pool)
        {
            old = _last;
            _last = frame;
        }
        old?.Release();
    }

    /// <summary>Offers the float picture to the sink, packed to the sink's layout first when it has one.</summary>
    private bool SendToSink(VideoFrame picture)
    {
        if (_wirePool is null) return Sink.Send(picture);
        var wire = _wirePool.TryRent();
        if (wire is null) return false; // the sink still holds every packed frame
        try
        {
            Pack(picture, wire);
            wire.Timecode = picture.Timecode;
            wire.CaptureTimestamp = picture.CaptureTimestamp;
            wire.Flags = picture.Flags;
            return Sink.Send(wire);
        }
        finally
        {
            wire.Release();
        }
    }

    /// <summary>Packs the float picture into the sink's wire layout (matrix and range as the output's display and range ask).</summary>
    private void Pack(VideoFrame picture, VideoFrame wire)
    {
        bool hdr = _definition.Display is "pq1000" or "hlg";
        wire.Matrix = hdr ? YCbCrMatrix.Rec2020 : YCbCrMatrix.Rec709;
        wire.Range = _definition.Range == "full" ? SignalRange.Full : SignalRange.Narrow;
        _encoder.Encode(Floats(picture), wire);
    }

    internal static Span<float> Floats(VideoFrame f) => System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(f.Data);

    public void Dispose()
    {
        _running = false;
        Interlocked.Exchange(ref _grab, null)?.Done.TrySetCanceled();
        if (_thread.IsAlive) _thread.Join(TimeSpan.FromSeconds(2));
        _multiviewer?.Dispose();
        Sink.Stop();
        Sink.Dispose();
        lock (_pool)
        {
            _last?.Release();
            _last = null;
        }
    }
}
