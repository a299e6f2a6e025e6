using System.Diagnostics;
using LiveGrade.Color.Overlays.Compare;
using LiveGrade.Color.Overlays.FalseColor;
using LiveGrade.Color.Overlays.FrameLines;
using LiveGrade.Color.Overlays.Zebra;
using LiveGrade.Color.Scopes;
using LiveGrade.Color.Scopes.Histogram;
using LiveGrade.Color.Scopes.Rendering;
using LiveGrade.Color.Scopes.Vectorscope;
using LiveGrade.Color.Scopes.Waveform;
using LiveGrade.Core.Video;
using YCbCrMatrix = LiveGrade.Color.Scopes.YCbCrMatrix;
using LiveGrade.Engine;
using LiveGrade.Engine.Pipeline;

namespace LiveGrade.App.Panel;

/// <summary>
/// A small RGBA8 picture handed from the preview thread to the panel thread through three buffers: the
/// writer fills its own, then swaps it with the "ready" one under a short lock; the reader swaps "ready" with
/// its own when a newer one is there and uploads it without holding any lock. Neither side ever waits on the other.
/// </summary>
public sealed class PictureMailbox
{
    private readonly object _lock = new();
    private byte[] _write, _ready, _read;
    private long _readyVersion;

    public PictureMailbox(int width, int height)
    {
        Width = width;
        Height = height;
        _write = new byte[width * height * 4];
        _ready = new byte[width * height * 4];
        _read = new byte[width * height * 4];
    }

    public int Width { get; }
    public int Height { get; }

    /// <summary>The writer's buffer (preview thread only).</summary>
    internal Span<byte> WriteBuffer => _write;

    /// <summary>Pictures published so far.</summary>
    public long Version
    {
        get
        {
            lock (_lock) return _readyVersion;
        }
    }

    private Timecode? _timecode;

    /// <summary>Timecode of the newest picture (for labels).</summary>
    public Timecode? Timecode
    {
        get
        {
            lock (_lock) return _timecode;
        }
    }

    internal void Publish(Timecode? timecode)
    {
        lock (_lock)
        {
            (_write, _ready) = (_ready, _write);
            _readyVersion++;
            _timecode = timecode;
        }
    }

    /// <summary>The newest picture when it is newer than <paramref name="seen"/> (then updated), else an empty span.</summary>
    public ReadOnlySpan<byte> TakeIfNewer(ref long seen)
    {
        lock (_lock)
        {
            if (_readyVersion == seen) return default;
            seen = _readyVersion;
            (_read, _ready) = (_ready, _read);
            // "ready" now holds an older picture; the next Publish replaces it, and a reader taking
            // again before then sees the same version and takes nothing.
        }
        return _read;
    }
}

/// <summary>The scopes the monitor can show under its picture.</summary>
public enum PanelScopeKind
{
    Waveform,
    Parade,
    Vectorscope,
    Histogram,
}

/// <summary>
/// Makes the panel's pictures on its own thread ("lg-panel-preview"), away from the outputs and from the panel's
/// frame: a thumbnail of every camera (graded, 10 per second) and the monitor picture of the selected camera in
/// the chosen view (at the camera's rate, at most 30 per second), each from the input's newest frame, reduced
/// (2x2 samples per pixel), graded through the camera's look compiled for the panel (display Rec.1886, no
/// calibration LUT), and quantised to 8 bits. The look is the engine's own (<see cref="LiveEngine.BuildLook"/>),
/// so the panel shows what an output with the same view shows. The monitor picture can carry the scope work's
/// CPU overlays (false colour in IRE, zebras at 95/100 IRE, 2.39:1 frame lines, a split against the clean feed),
/// and the scopes (waveform, RGB parade, vectorscope, histogram, Rec.709 Y'CbCr, SDR graticule in IRE) are drawn
/// from the same picture before the overlays, ten times a second. Allocation happens once per scope kind.
/// </summary>
public sealed class PanelPreview : IDisposable
{
    public const string Display = "rec1886";
    private readonly LiveEngine _engine;
    private readonly Thread _thread;
    private readonly PictureMailbox[] _thumbs;
    private readonly long[] _thumbSeen;
    private readonly float[] _thumbScratch;
    private readonly float[] _monitorScratch;
    private readonly Dictionary<(int Camera, string View), CompiledLookCache> _looks = [];
    private readonly TimeSpan _thumbPeriod;
    private readonly TimeSpan _monitorPeriod;
    private volatile bool _running = true;
    private volatile int _monitorCamera;
    private volatile string _monitorView = "graded";
    private long _cpuNanoseconds;
    private long _pictures;
    private readonly float[] _cleanScratch;
    private readonly float[] _compareScratch;
    private readonly FalseColorCpuRenderer _falseColor = new(FalseColorParams.DefaultIre(YCbCrMatrix.Rec709));
    private readonly ZebraCpuRenderer _zebras = new(new ZebraParams(new ZebraLevel(95), new ZebraLevel(100), YCbCrMatrix.Rec709));
    private readonly FrameLineCpuRenderer _frameLines = new(new FrameLineParams(2.39) { ActionSafe = true, CentreCross = true });
    private readonly CompareCpuRenderer _split = new(new CompareParams(CompareMode.Split));
    private readonly PanelScope[] _scopes;
    private readonly bool[] _scopeOn = new bool[4];
    private readonly TimeSpan _scopePeriod = TimeSpan.FromSeconds(0.1);

    /// <summary>All scope kinds, in the order the monitor lays them out.</summary>
    public static readonly PanelScopeKind[] ScopeKinds = [PanelScopeKind.Waveform, PanelScopeKind.Parade, PanelScopeKind.Vectorscope, PanelScopeKind.Histogram];

    public static string ScopeName(PanelScopeKind kind) => kind switch
    {
        PanelScopeKind.Waveform => "waveform (luma, IRE)",
        PanelScopeKind.Parade => "RGB parade",
        PanelScopeKind.Vectorscope => "vectorscope (709)",
        _ => "histogram",
    };

    public PanelPreview(LiveEngine engine, int thumbWidth = 256, int monitorWidth = 960, double thumbsPerSecond = 10, double monitorPerSecond = 30)
    {
        _engine = engine;
        int w = engine.Mode.Width, h = engine.Mode.Height;
        int thumbHeight = Math.Max(1, thumbWidth * h / w), monitorHeight = Math.Max(1, monitorWidth * h / w);
        _thumbs = engine.InputSlots.Select(_ => new PictureMailbox(thumbWidth, thumbHeight)).ToArray();
        _thumbSeen = new long[_thumbs.Length];
        Array.Fill(_thumbSeen, -1);
        Monitor = new PictureMailbox(monitorWidth, monitorHeight);
        _thumbScratch = new float[thumbWidth * thumbHeight * 4];
        _monitorScratch = new float[monitorWidth * monitorHeight * 4];
        _cleanScratch = new float[monitorWidth * monitorHeight * 4];
        _compareScratch = new float[monitorWidth * monitorHeight * 4];
        _scopes = ScopeKinds.Select(k => new PanelScope(k, monitorWidth)).ToArray();
        _thumbPeriod = TimeSpan.FromSeconds(1 / thumbsPerSecond);
        _monitorPeriod = TimeSpan.FromSeconds(1 / monitorPerSecond);
        _thread = new Thread(Run) { Name = "lg-panel-preview", IsBackground = true, Priority = ThreadPriority.BelowNormal };
        _thread.Start();
    }

    public PictureMailbox Thumb(int camera) => _thumbs[camera];

    /// <summary>The picture of one scope (drawn while it is on).</summary>
    public PictureMailbox Scope(PanelScopeKind kind) => _scopes[(int)kind].Picture;

    public bool IsOn(PanelScopeKind kind) => Volatile.Read(ref _scopeOn[(int)kind]);

    public void Toggle(PanelScopeKind kind) => Volatile.Write(ref _scopeOn[(int)kind], !IsOn(kind));

    public int ScopeCount => _scopeOn.Count(on => on);

    public volatile bool FalseColor;
    public volatile bool Zebras;
    public volatile bool FrameLines;

    /// <summary>Split the monitor: the chosen view left, the clean feed right.</summary>
    public volatile bool Wipe;

    public PictureMailbox Monitor { get; }

    /// <summary>Which camera and view the monitor picture shows (any thread).</summary>
    public void SetMonitor(int camera, string view)
    {
        _monitorCamera = camera;
        _monitorView = view;
    }

    public int MonitorCamera => _monitorCamera;
    public string MonitorView => _monitorView;

    /// <summary>CPU the preview thread has used, in milliseconds, and pictures made.</summary>
    public double CpuMilliseconds => Interlocked.Read(ref _cpuNanoseconds) / 1e6;

    public long Pictures => Interlocked.Read(ref _pictures);

    private void Run()
    {
        long nextThumbs = 0, nextMonitor = 0, nextScopes = 0, monitorSeen = -1;
        int monitorCameraShown = -1;
        string monitorViewShown = "";
        long cpuStart = ThreadCpuClock.NowNanoseconds();
        while (_running)
        {
            long now = Stopwatch.GetTimestamp();
            try
            {
                if (now >= nextMonitor)
                {
                    nextMonitor = now + (long)(_monitorPeriod.TotalSeconds * Stopwatch.Frequency);
                    int camera = _monitorCamera;
                    string view = _monitorView;
                    if (camera != monitorCameraShown || view != monitorViewShown) monitorSeen = -1;
                    bool scopesDue = now >= nextScopes;
                    if (scopesDue) nextScopes = now + (long)(_scopePeriod.TotalSeconds * Stopwatch.Frequency);
                    if (camera >= 0 && camera < _thumbs.Length && RenderMonitor(camera, view, scopesDue, ref monitorSeen))
                    {
                        monitorCameraShown = camera;
                        monitorViewShown = view;
                    }
                }
                if (now >= nextThumbs)
                {
                    nextThumbs = now + (long)(_thumbPeriod.TotalSeconds * Stopwatch.Frequency);
                    for (int c = 0; c < _thumbs.Length; c++) Render(c, "graded", _thumbs[c], _thumbScratch, ref _thumbSeen[c]);
                }
            }
            catch (Exception e)
            {
                // The panel's pictures are a convenience; a failure is reported and retried, never fatal.
                _engine.Report($"error: panel preview: {e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}");
                Thread.Sleep(500);
            }
            Interlocked.Exchange(ref _cpuNanoseconds, ThreadCpuClock.NowNanoseconds() - cpuStart);
            long wake = Math.Min(nextThumbs, nextMonitor);
            var sleep = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), wake);
            if (sleep > TimeSpan.Zero) Thread.Sleep(sleep);
        }
    }

    /// <summary>Makes one picture of <paramref name="camera"/> when its input has a frame newer than <paramref name="seen"/>.</summary>
    private bool Render(int camera, string view, PictureMailbox box, float[] scratch, ref long seen)
    {
        var slot = _engine.InputSlots[camera];
        long generation = slot.Generation;
        if (generation == seen || slot.IsNoSignal) return false;
        var pixels = scratch.AsSpan(0, box.Width * box.Height * 4);
        if (!Grade(camera, [view], box.Width, box.Height, [scratch])) return false;
        Quantise(pixels, box.WriteBuffer);
        box.Publish(slot.LastTimecode);
        seen = generation;
        Interlocked.Increment(ref _pictures);
        return true;
    }

    /// <summary>The monitor picture: the view (and the clean feed for a split), scopes from it, then the overlays.</summary>
    private bool RenderMonitor(int camera, string view, bool scopesDue, ref long seen)
    {
        var slot = _engine.InputSlots[camera];
        long generation = slot.Generation;
        if (generation == seen || slot.IsNoSignal) return false;
        int w = Monitor.Width, h = Monitor.Height;
        bool wipe = Wipe;
        if (!(wipe ? Grade(camera, [view, "clean"], w, h, [_monitorScratch, _cleanScratch]) : Grade(camera, [view], w, h, [_monitorScratch]))) return false;
        var pixels = _monitorScratch.AsSpan();
        if (wipe)
        {
            _split.Apply(_monitorScratch, _cleanScratch, _compareScratch, w, h);
            _compareScratch.CopyTo(_monitorScratch, 0);
        }
        if (scopesDue)
        {
            foreach (var scope in _scopes)
            {
                if (IsOn(scope.Kind)) scope.Draw(pixels, w, h);
            }
        }
        if (FalseColor) _falseColor.Apply(pixels);
        if (Zebras) _zebras.Apply(pixels, w, h);
        if (FrameLines) _frameLines.Apply(pixels, w, h);
        Quantise(pixels, Monitor.WriteBuffer);
        Monitor.Publish(slot.LastTimecode);
        seen = generation;
        Interlocked.Increment(ref _pictures);
        return true;
    }

    /// <summary>Reduces the input's newest frame once and grades it through each view's look into its buffer.</summary>
    private bool Grade(int camera, ReadOnlySpan<string> views, int width, int height, ReadOnlySpan<float[]> into)
    {
        var slot = _engine.InputSlots[camera];
        var frame = slot.Acquire();
        if (frame is null) return false;
        var first = into[0].AsSpan(0, width * height * 4);
        try
        {
            Reduce(System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(frame.Data), frame.Width, frame.Height, first, width, height);
        }
        finally
        {
            frame.Release();
        }
        for (int i = 1; i < views.Length; i++) first.CopyTo(into[i]);
        var state = _engine.Bus.State;
        for (int i = 0; i < views.Length; i++)
        {
            if (!_looks.TryGetValue((camera, views[i]), out var cache))
            {
                cache = new CompiledLookCache(_engine.BuildLook, _engine.Report);
                _looks[(camera, views[i])] = cache;
            }
            var look = cache.Get(new LookKey(camera, state.Cameras[camera].LookVersion, views[i], Display, -1), waitIfNone: true);
            // On this thread alone: the shared band workers serve one picture at a time, and the outputs' looks must
            // not queue behind the panel's pictures.
            look?.Apply(into[i].AsSpan(0, width * height * 4), 1);
        }
        return true;
    }

    /// <summary>
    /// Reduces an RGBA float picture by averaging 2x2 samples per destination pixel (at the quarter points of the
    /// pixel's footprint): exact area averaging at a 2:1 reduction, and a cheap, mildly aliasing one at larger
    /// ratios, where a full box filter would read every source pixel (2 million per thumbnail at 1080p).
    /// </summary>
    public static void Reduce(ReadOnlySpan<float> src, int sw, int sh, Span<float> dst, int dw, int dh)
    {
        float sx = (float)sw / dw, sy = (float)sh / dh;
        for (int y = 0; y < dh; y++)
        {
            int y0 = Math.Min(sh - 1, (int)((y + 0.25f) * sy)), y1 = Math.Min(sh - 1, (int)((y + 0.75f) * sy));
            var row0 = src.Slice(y0 * sw * 4, sw * 4);
            var row1 = src.Slice(y1 * sw * 4, sw * 4);
            var outRow = dst.Slice(y * dw * 4, dw * 4);
            for (int x = 0; x < dw; x++)
            {
                int x0 = Math.Min(sw - 1, (int)((x + 0.25f) * sx)) * 4, x1 = Math.Min(sw - 1, (int)((x + 0.75f) * sx)) * 4;
                outRow[x * 4] = 0.25f * (row0[x0] + row0[x1] + row1[x0] + row1[x1]);
                outRow[x * 4 + 1] = 0.25f * (row0[x0 + 1] + row0[x1 + 1] + row1[x0 + 1] + row1[x1 + 1]);
                outRow[x * 4 + 2] = 0.25f * (row0[x0 + 2] + row0[x1 + 2] + row1[x0 + 2] + row1[x1 + 2]);
                outRow[x * 4 + 3] = 1f;
            }
        }
    }

    /// <summary>Display signal 0..1 to 8-bit code values (rounded, clamped; NaN to 0).</summary>
    public static void Quantise(ReadOnlySpan<float> src, Span<byte> dst)
    {
        for (int i = 0; i < src.Length; i++)
        {
            float v = src[i];
            dst[i] = v >= 1f ? (byte)255 : v > 0f ? (byte)(v * 255f + 0.5f) : (byte)0;
        }
    }

    public void Dispose()
    {
        _running = false;
        _thread.Join(TimeSpan.FromSeconds(2));
    }
}

/// <summary>One scope of the monitor: its counts, layout and picture, made once and reused (preview thread).</summary>
internal sealed class PanelScope
{
    private readonly WaveformCounts? _waveform;
    private readonly VectorscopeCounts? _vectorscope;
    private readonly HistogramCounts? _histogram;
    private readonly ScopeLayout _layout;
    private readonly float[] _picture;

    public PanelScope(PanelScopeKind kind, int imageWidth)
    {
        Kind = kind;
        var m = YCbCrMatrix.Rec709;
        var request = new ScopeRequest
        {
            Type = kind switch { PanelScopeKind.Parade => ScopeType.Parade, PanelScopeKind.Vectorscope => ScopeType.Vectorscope, PanelScopeKind.Histogram => ScopeType.Histogram, _ => ScopeType.Waveform },
            HistogramLuma = false,
        };
        switch (kind)
        {
            case PanelScopeKind.Vectorscope:
                _vectorscope = new VectorscopeCounts(new VectorscopeParams(256, m));
                _layout = VectorscopeRenderer.Layout(_vectorscope.Params, request);
                break;
            case PanelScopeKind.Histogram:
                _histogram = new HistogramCounts(m);
                _layout = HistogramRenderer.Layout(request);
                break;
            default:
                bool parade = kind == PanelScopeKind.Parade;
                _waveform = new WaveformCounts(new WaveformParams(WaveformParams.ColumnsFor(imageWidth, parade ? 320 : 480), parade, m));
                _layout = WaveformRenderer.Layout(_waveform.Params, request);
                break;
        }
        _picture = new float[_layout.Width * _layout.Height * 4];
        Picture = new PictureMailbox(_layout.Width, _layout.Height);
    }

    public PanelScopeKind Kind { get; }

    public PictureMailbox Picture { get; }

    public void Draw(ReadOnlySpan<float> rgba, int width, int height)
    {
        ScopeTraceScale scale;
        uint[] counts;
        if (_waveform is not null)
        {
            WaveformCpuAnalyzer.Analyze(rgba, width, height, _waveform);
            (scale, counts) = (WaveformRenderer.Scale(_waveform, 1.5f), _waveform.Counts);
        }
        else if (_vectorscope is not null)
        {
            VectorscopeCpuAnalyzer.Analyze(rgba, width, height, _vectorscope);
            (scale, counts) = (VectorscopeRenderer.Scale(_vectorscope, 1.5f), _vectorscope.Counts);
        }
        else
        {
            HistogramCpuAnalyzer.Analyze(rgba, width, height, _histogram!);
            (scale, counts) = (HistogramRenderer.Scale(_histogram!, 1f), _histogram!.Counts);
        }
        ScopeCompositor.Compose(_layout, counts, scale, _picture);
        PanelPreview.Quantise(_picture, Picture.WriteBuffer);
        Picture.Publish(null);
    }
}
