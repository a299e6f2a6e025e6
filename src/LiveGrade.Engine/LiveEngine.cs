using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using LiveGrade.Color.Ops;
using LiveGrade.Color.Spaces;
using LiveGrade.Core.Diagnostics;
using LiveGrade.Core.Video;
using LiveGrade.Engine.Control;
using LiveGrade.Engine.Pipeline;
using LiveGrade.Engine.Show;
using LiveGrade.Gpu.Context;
using LiveGrade.Video;
using LiveGrade.Video.DeckLink;
using LiveGrade.Video.Rtp;
using LiveGrade.Video.Sinks;
using LiveGrade.Video.Sources;

namespace LiveGrade.Engine;

/// <summary>
/// LiveGrade's main job: a show's inputs graded and routed to its outputs in real time. Inputs are
/// sources with a camera encoding; outputs render what the control bus's state says (route, view,
/// display) through looks compiled for the CPU (see <see cref="CompiledLook"/>), each on its own thread
/// locked to its input's cadence. Changes arrive only through <see cref="Bus"/>. Nothing an input or a
/// look does can stop an output: failures become one-line reports (<see cref="Reports"/>) and slates.
/// </summary>
public sealed class LiveEngine : IEngineStatus, IReferenceGrabber, IDisposable
{
    private readonly ShowFile _show;
    private readonly Dictionary<string, InputSlot> _inputsByName = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<InputSlot> _inputs = [];
    private readonly List<OutputRunner> _outputs = [];
    private readonly LookCompiler _compiler;
    private readonly Action<string> _log;
    private readonly ConcurrentQueue<string> _reports = new();

    public LiveEngine(ShowFile show, ControlBus bus, Action<string>? log = null)
    {
        _show = show;
        Bus = bus;
        _log = log ?? (_ => { });
        _compiler = new LookCompiler(show.WorkingSpace, show.BaseDirectory);
        if (!TryParseSize(show.Size, out var w, out var h)) throw new InputException($"show size '{show.Size}' is not WxH (16..8192)");
        if (!FrameRate.TryParse(show.Rate, out var rate)) throw new InputException($"show rate '{show.Rate}' is not one of 23.976, 24, 25, 29.97, 30, 48, 50, 59.94, 60");
        Mode = new VideoMode(w, h, rate, PixelFormat.Rgba32F);
        Renderer = CpuRendererName;
        if (show.Renderer is "gpu" or "auto") OpenGpu(show.Renderer == "gpu");
    }

    private const string CpuRendererName = "CPU (looks baked to 33^3 tetrahedral LUTs)";

    /// <summary>The GPU renderer when the engine chose it (null: the CPU renders every look).</summary>
    public GpuLookRenderer? Gpu { get; private set; }

    private HeadlessGlContext? _gl;

    /// <summary>
    /// Opens the shared headless context. Asked for explicitly, any GL 4.5 driver will do (llvmpipe included:
    /// it is how CI checks the GPU path); on auto, only a hardware driver is taken. Failure falls back to the CPU
    /// with one line saying why.
    /// </summary>
    private void OpenGpu(bool required)
    {
        // On auto, what the GL driver is does not change while the process runs: ask once.
        if (!required && SoftwareOnly.Value is { } why)
        {
            Renderer = CpuRendererName + "; " + why;
            return;
        }
        try
        {
            var context = HeadlessGlContext.Create("lg-gl-engine");
            bool software = context.Renderer.Contains("llvmpipe", StringComparison.OrdinalIgnoreCase)
                || context.Renderer.Contains("softpipe", StringComparison.OrdinalIgnoreCase);
            if (software && !required)
            {
                context.Dispose();
                Renderer = CpuRendererName + $"; {SoftwareGl}";
                return;
            }
            _gl = context;
            Gpu = new GpuLookRenderer(context, BuildExactLook, line => Report($"warning: {line}"));
            Renderer = $"GPU ({context.Renderer}, OpenGL {context.Version.Split(' ')[0]}; exact looks as compute shaders)";
        }
        catch (Exception e) when (e is GpuUnavailableException or InvalidOperationException or DllNotFoundException)
        {
            Renderer = CpuRendererName + $"; no GPU: {e.Message.ReplaceLineEndings(" ")}";
            if (required) Report($"warning: renderer gpu: {e.Message.ReplaceLineEndings(" ")}; rendering on the CPU");
        }
    }

    /// <summary>Null when a hardware GL driver answers; else why the auto renderer stays on the CPU.</summary>
    private static readonly Lazy<string?> SoftwareOnly = new(() =>
    {
        try
        {
            using var probe = HeadlessGlContext.Create("lg-gl-probe");
            return probe.Renderer.Contains("llvmpipe", StringComparison.OrdinalIgnoreCase)
                || probe.Renderer.Contains("softpipe", StringComparison.OrdinalIgnoreCase) ? SoftwareGl : null;
        }
        catch (Exception e) when (e is GpuUnavailableException or InvalidOperationException or DllNotFoundException)
        {
            return "no GPU: " + e.Message.ReplaceLineEndings(" ");
        }
    });

    private const string SoftwareGl = "the only GL is software (llvmpipe), slower than the CPU renderer; --renderer gpu forces it";

    public ControlBus Bus { get; }
    public VideoMode Mode { get; }

    /// <summary>Which renderer the outputs use, in words (the engine says which it chose).</summary>
    public string Renderer { get; private set; }

    public IReadOnlyList<OutputRunner> OutputRunners => _outputs;

    /// <summary>One-line problems reported since start (bad LUTs, failing sinks, sources), oldest first.</summary>
    public IReadOnlyCollection<string> Reports => _reports;

    /// <summary>
    /// Creates the sources and outputs and starts them; bad show content (unknown source syntax) throws
    /// <see cref="InputException"/>. With a <paramref name="warmUp"/> budget, the outputs first
    /// rehearse their pictures on the inputs' first frames (<see cref="OutputRunner.WarmUp"/>, all at once) and go
    /// on air when each can hold its cadence: what `run` and `demo` do, so a show does not start by dropping
    /// frames. Without one (tests, embedding), the outputs start at once.
    /// </summary>
    public void Start(TimeSpan? warmUp = null)
    {
        var noSignal = TimeSpan.FromMilliseconds(_show.NoSignalTimeoutMs);
        for (int i = 0; i < _show.Inputs.Count; i++)
        {
            var def = _show.Inputs[i];
            var source = SourceFactory.Create(def.Source, Mode, def.Name);
            var camera = def.Camera is { } c ? ColorSpaceRegistry.Get(c)
                : source is SyntheticCameraSource synthetic ? synthetic.CameraSpace
                : ColorSpaceRegistry.Get("rec709");
            var slot = new InputSlot(i, def.Name, source, camera, noSignal);
            _inputs.Add(slot);
            _inputsByName[def.Name] = slot;
        }
        for (int o = 0; o < _show.Outputs.Count; o++)
        {
            var def = _show.Outputs[o];
            var sink = CreateSink(def);
            _outputs.Add(new OutputRunner(this, o, def, Mode, sink));
        }
        Parallel.ForEach(_outputs, o => o.Prepare());
        foreach (var input in _inputs) input.Start();
        if (warmUp is { } budget && budget > TimeSpan.Zero) WarmUp(budget);
        foreach (var output in _outputs) output.Start();
        _log($"renderer: {Renderer}");
    }

    private void WarmUp(TimeSpan budget)
    {
        var started = Stopwatch.GetTimestamp();
        // The inputs' first frames (a source without signal gives none: its outputs skip the rehearsal).
        foreach (var input in _inputs)
        {
            var left = budget - Stopwatch.GetElapsedTime(started);
            // Generation 0 is "no frame yet": wait for the first.
            if (left > TimeSpan.Zero) input.WaitForNewer(0, left < TimeSpan.FromSeconds(1) ? left : TimeSpan.FromSeconds(1));
        }
        var left2 = budget - Stopwatch.GetElapsedTime(started);
        var renders = new int[_outputs.Count];
        var threads = _outputs.Select((o, i) => new Thread(() =>
        {
            try
            {
                renders[i] = o.WarmUp(left2);
            }
            catch (Exception e)
            {
                // The output goes on air anyway; its own loop reports and survives what failed here.
                Report($"error: output {o.Name}: warm-up: {e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}");
            }
        }) { Name = $"lg-warm-{o.Name}", IsBackground = true }).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        _log($"warm-up: {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s ({string.Join(", ", _outputs.Select((o, i) => $"{o.Name} {renders[i]} renders"))})");
    }

    /// <summary>
    /// The output's sink in its wire layout. A sink that cannot start (no card, no route to the host) reports
    /// through its LastError and counts drops; the engine and the other outputs keep running.
    /// </summary>
    private IVideoSink CreateSink(OutputDefinition def)
    {
        var parts = def.Sink.Split(':', 2);
        string scheme = parts[0].ToLowerInvariant(), argument = parts.Length > 1 ? parts[1] : "";
        if (scheme is "null" or "") return new NullSink(def.Name, Mode);
        if (scheme == "window")
        {
            // A monitor window, by default at the output's size up to 960 wide (scaled by the GPU's blit).
            int ww = Math.Min(Mode.Width, 960), wh = (int)((long)ww * Mode.Height / Mode.Width);
            if (argument.Length > 0 && !TryParseSize(argument, out ww, out wh))
            {
                throw new InputException($"output '{def.Name}': sink '{def.Sink}' needs window or window:WxH");
            }
            return new WindowSink(def.Name, Mode, ww, wh);
        }
        PixelFormats.TryParse(def.Format, out var format); // validated with the show
        var wire = Mode with { Format = format };
        bool hdr = def.Display is "pq1000" or "hlg";
        switch (scheme)
        {
            case "decklink":
                if (!int.TryParse(argument, NumberStyles.None, CultureInfo.InvariantCulture, out int device))
                {
                    throw new InputException($"output '{def.Name}': sink '{def.Sink}' needs a device number (decklink:0, decklink:1, ...)");
                }
                return new DeckLinkSink(def.Name, device, wire);
            case "rtp":
                var destination = RtpEndpoint.Parse(argument, $"output '{def.Name}': sink rtp:");
                if (!RtpVideoFormat.TryFor(format, out var rtpFormat) || Mode.Width % rtpFormat.PgroupPixels != 0)
                {
                    throw new InputException($"output '{def.Name}': {wire} cannot be sent as RTP (v210, uyvy, r210 or bgra, width a whole number of pixel groups)");
                }
                var stream = RtpStreamDescription.ForSending(wire, destination, ttl: null,
                    matrix: hdr ? YCbCrMatrix.Rec2020 : YCbCrMatrix.Rec709,
                    range: def.Range == "full" ? SignalRange.Full : SignalRange.Narrow,
                    transferCharacteristic: def.Display switch { "pq1000" => "PQ", "hlg" => "HLG", _ => "SDR" });
                return new RtpSender(stream, def.Name, new RtpSenderOptions { SdpPath = def.Sdp ?? def.Name + ".sdp" });
            default:
                throw new InputException($"output '{def.Name}': sink '{def.Sink}' is not null, window[:WxH], decklink:N or rtp:HOST:PORT");
        }
    }

    /// <summary>The input slot of a camera name (routes name inputs).</summary>
    public InputSlot Input(string name) => _inputsByName[name];

    public IReadOnlyList<InputSlot> InputSlots => _inputs;

    /// <summary>
    /// Builds the parts of a look key's chain (called on the thread pool by the look caches). A key with
    /// <see cref="LookKey.Output"/> -1 is for a picture that is no output (the panel's previews): no calibration LUT.
    /// </summary>
    public LookParts BuildLook(LookKey key)
    {
        var (camera, view) = Grade(key);
        return _compiler.BuildParts(_inputs[key.Camera].Camera, camera, view, key.Display, Calibration(key.Output));
    }

    /// <summary>The grade a key stands for: the camera's own, or (view "look") a compare mode's second look on that camera.</summary>
    private (CameraState Camera, string View) Grade(LookKey key)
    {
        var camera = Bus.State.Cameras[key.Camera];
        if (key.View != "look") return (camera, key.View);
        if (key.Look is not { } look) throw new ArgumentException("view 'look' needs the look", nameof(key));
        return (camera with { Cdl = look.Cdl, Luts = look.Luts }, "graded");
    }

    /// <summary>A path as the show names it (LUTs, stills): relative paths are relative to the show file's folder.</summary>
    public string ShowPath(string path) => Path.IsPathRooted(path) ? path : Path.Combine(_show.BaseDirectory, path);

    /// <summary>The folder grabbed reference stills are written to: "stills" in the show's folder.</summary>
    public string StillsFolder => Path.Combine(_show.BaseDirectory, StillsFolderName);

    public const string StillsFolderName = "stills";

    private string? Calibration(int output) => output >= 0 ? _show.Outputs[output].Calibration : null;

    /// <summary>The exact chain of a look key as one op list (the reference the live picture is tested against).</summary>
    public OpList BuildExactLook(LookKey key)
    {
        var (camera, view) = Grade(key);
        return _compiler.Build(_inputs[key.Camera].Camera, camera, view, key.Display, Calibration(key.Output));
    }

    /// <summary>How long a grab waits for the output's next picture.</summary>
    public static readonly TimeSpan GrabTimeout = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Grabs the output's next picture (after its look, before its overlays) into "stills/OUTPUT-UTCTIME.exr" in the
    /// show's folder (float EXR: the picture exactly), then compares the output against it: its compare mode kept
    /// (a split at 0.5 when it had none), B the still. Refused, in one line, for an unknown output, a multiviewer,
    /// an output that shows no new picture in <see cref="GrabTimeout"/>, or a still that cannot be written.
    /// </summary>
    public async Task<(CommandResult Result, string? Still)> GrabReferenceAsync(string output, string author)
    {
        int o = Bus.State.OutputIndex(output);
        if (o < 0 || o >= _outputs.Count) return (CommandResult.Refused($"no output '{output}'"), null);
        var runner = _outputs[o];
        if (runner.IsMultiviewer) return (CommandResult.Refused($"output '{runner.Name}' is a multiviewer: it has no compare"), null);
        // One grab at a time per output: each writes a full float frame (tens of MB), so a scripted loop or a stuck
        // button must not queue them up on the disk that also holds the journal.
        if (!_grabbing.TryAdd(o, 0)) return (CommandResult.Refused($"output '{runner.Name}': a grab is already running"), null);
        try
        {
            return await GrabAndSetAsync(o, runner, author).ConfigureAwait(false);
        }
        finally
        {
            _grabbing.TryRemove(o, out _);
        }
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, byte> _grabbing = new();

    /// <summary>Grabs an output kept per output in the stills folder; older ones are deleted past this count.</summary>
    public const int GrabsKeptPerOutput = 20;

    private async Task<(CommandResult Result, string? Still)> GrabAndSetAsync(int o, OutputRunner runner, string author)
    {
        float[] pixels;
        var grab = runner.GrabAsync();
        try
        {
            pixels = await grab.WaitAsync(GrabTimeout).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or TaskCanceledException)
        {
            runner.CancelGrab(grab);
            return (CommandResult.Refused($"output '{runner.Name}' showed no new picture to grab within {GrabTimeout.TotalSeconds:0} s"), null);
        }
        string prefix = new string([.. runner.Name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_')]);
        string name = $"{prefix}-{DateTime.UtcNow:yyyyMMdd-HHmmss-fff}.exr";
        string still = $"{StillsFolderName}/{name}";
        try
        {
            Directory.CreateDirectory(StillsFolder);
            await Task.Run(() => LiveGrade.Interop.Oiio.ImageFile.Write(Path.Combine(StillsFolder, name), new LiveGrade.Interop.Oiio.RgbaImage(Mode.Width, Mode.Height, pixels), LiveGrade.Interop.Oiio.ImageSampleFormat.Float)).ConfigureAwait(false);
        }
        catch (InputException e)
        {
            return (CommandResult.Refused(e.ToOneLine()), null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (CommandResult.Refused($"error: {StillsFolder}: {e.Message.ReplaceLineEndings(" ")}"), null);
        }
        var current = Bus.State.Outputs[o].Overlays.Compare;
        var compare = new CompareDefinition
        {
            Mode = current?.Mode switch { Color.Overlays.Compare.CompareMode.Wipe => "wipe", Color.Overlays.Compare.CompareMode.SideBySide => "side-by-side", _ => "split" },
            Position = current?.Position ?? 0.5,
            Angle = current?.AngleDegrees ?? 0,
            Against = "still",
            Still = still,
        };
        var result = Bus.Submit(new SetOverlays(runner.Name, Compare: compare), author);
        if (!result.Accepted)
        {
            // Refused (the output went away meanwhile, a value out of range): the file would be an orphan nobody points at.
            TryDelete(Path.Combine(StillsFolder, name));
            return (result, null);
        }
        PruneGrabs(prefix, still);
        return (result, still);
    }

    /// <summary>Deletes this output's oldest grabs past <see cref="GrabsKeptPerOutput"/> (never the one in use).</summary>
    private void PruneGrabs(string prefix, string current)
    {
        try
        {
            var grabs = Directory.GetFiles(StillsFolder, prefix + "-????????-??????-???.exr").Order(StringComparer.Ordinal).ToList();
            foreach (var old in grabs.Take(Math.Max(0, grabs.Count - GrabsKeptPerOutput)))
            {
                if (!old.EndsWith(Path.GetFileName(current), StringComparison.Ordinal)) TryDelete(old);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Report($"warning: {StillsFolder}: could not prune old grabs: {e.Message.ReplaceLineEndings(" ")}");
        }
    }

    private void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Report($"warning: {path}: {e.Message.ReplaceLineEndings(" ")}");
        }
    }

    /// <summary>Records a one-line problem and passes it to the log.</summary>
    public void Report(string line)
    {
        _reports.Enqueue(line);
        while (_reports.Count > 1000 && _reports.TryDequeue(out _))
        {
        }
        _log(line);
    }

    public IReadOnlyList<OutputStats> Outputs() => _outputs.Select(o =>
    {
        var c = o.Counters.Snapshot();
        return new OutputStats(o.Name, Math.Round(o.Fps, 2), Math.Round(o.Latency.Percentile(50), 2), Math.Round(o.Latency.Percentile(99), 2),
            c.Received, c.Dropped + o.Sink.Counters.Dropped + o.SkippedInputFrames, c.Repeated, c.Late, "cpu") { Skipped = o.SkippedInputFrames };
    }).ToList();

    public IReadOnlyList<InputStats> Inputs() => _inputs.Select(i =>
    {
        var c = i.Source.Counters.Snapshot();
        var state = i.IsNoSignal ? "no signal" : i.Source.State.ToString().ToLowerInvariant();
        return new InputStats(i.Name, state, i.Source.LastError ?? i.DecodeError, c.Received, c.Dropped + i.DecodeDrops, i.LastTimecode?.ToString());
    }).ToList();

    public void Dispose()
    {
        foreach (var o in _outputs) o.Dispose();
        foreach (var i in _inputs) i.Dispose();
        _outputs.Clear();
        _inputs.Clear();
        Gpu?.Dispose();
        _gl?.Dispose();
    }

    private static bool TryParseSize(string text, out int w, out int h)
    {
        w = h = 0;
        var p = text.ToLowerInvariant().Split('x');
        return p.Length == 2 && int.TryParse(p[0], out w) && int.TryParse(p[1], out h) && w is >= 16 and <= 8192 && h is >= 16 and <= 8192;
    }
}
