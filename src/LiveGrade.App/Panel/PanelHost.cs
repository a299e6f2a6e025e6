using System.Diagnostics;
using System.Text.Json;
using LiveGrade.Engine;
using LiveGrade.Engine.Library;
using LiveGrade.Engine.Show;
using LiveGrade.Gpu.Context;
using LiveGrade.Gpu.Glfw;
using LiveGrade.Interop.Imgui;
using LiveGrade.Interop.Oiio;
using Silk.NET.OpenGL;

namespace LiveGrade.App.Panel;

/// <summary>How `run` and `demo` treat the panel.</summary>
public enum PanelMode
{
    /// <summary>Open it when a display is there; run headless otherwise.</summary>
    Auto,
    On,
    Off,
}

/// <summary>The panel's settings. <see cref="Home"/> holds imgui.ini (the layout), looks/ and screenshots/.</summary>
public sealed record PanelOptions(PanelMode Mode = PanelMode.Auto, int Width = 1600, int Height = 900, double Fps = 60, string? Home = null, string? ProbePath = null)
{
    public string HomeFolder => Home ?? PanelPaths.Home();
}

/// <summary>
/// The DIT's panel window: a GLFW window with its own GL context and GL thread ("lg-panel"), Dear ImGui drawing
/// <see cref="DitPanel"/> at up to <see cref="PanelOptions.Fps"/>, the pictures made by <see cref="PanelPreview"/>
/// on a thread of their own, commands handed to the bus by <see cref="PanelCommandQueue"/>. Nothing here holds a
/// lock the outputs take, and the outputs never wait for the panel: a slow or stalled panel costs the outputs
/// nothing but CPU time. The layout is saved in imgui.ini under the panel's home folder.
/// </summary>
public sealed class PanelHost : IDisposable
{
    private const string DefaultFont = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
    private readonly LiveEngine _engine;
    private readonly ShowFile _show;
    private readonly PanelOptions _options;
    private readonly Action<string> _log;
    private readonly IReadOnlyList<int> _threadsBefore; // the process's threads before the panel's context: the rasterisers are the new ones
    private readonly GlfwWindowContext _window;
    private readonly PanelCommandQueue _commands;
    private readonly PanelPreview _preview;
    private readonly PanelLooks _looks;
    private readonly LibraryLookShelf _shelf;
    private readonly ManualResetEventSlim _closed = new();
    private readonly Task _loop;
    private IDisposable? _polling;
    private volatile bool _stop;
    private int _screenshots;

    private PanelHost(LiveEngine engine, ShowFile show, PanelOptions options, GlfwWindowContext window, Action<string> log, IReadOnlyList<int> threadsBefore)
    {
        _engine = engine;
        _show = show;
        _options = options;
        _log = log;
        _window = window;
        _threadsBefore = threadsBefore;
        _commands = new PanelCommandQueue(engine.Bus);
        _preview = new PanelPreview(engine);
        // The engine's look library: $LIVEGRADE_LIBRARY or the panel home's livegrade.db, as `livegrade looks` uses.
        _shelf = new LibraryLookShelf(LookLibrary.Open(options.Home is null ? null : Path.Combine(options.Home, "livegrade.db")), show.BaseDirectory);
        _looks = new PanelLooks(_shelf);
        Probe = options.ProbePath is null ? null : new PanelProbe();
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _loop = Task.Factory.StartNew(() => _window.Invoke(gl => Run(gl, ready)), TaskCreationOptions.LongRunning);
        ready.Task.GetAwaiter().GetResult();
    }

    /// <summary>Where tests find the controls (null unless <see cref="PanelOptions.ProbePath"/> is set).</summary>
    public PanelProbe? Probe { get; }

    public PanelFrameClock Clock { get; } = new();

    /// <summary>Set when the panel has closed (its window's close button, Ctrl+Q, or <see cref="Dispose"/>).</summary>
    public WaitHandle Closed => _closed.WaitHandle;

    public PanelCommandQueue Commands => _commands;

    /// <summary>
    /// Opens the panel as <paramref name="options"/> ask: null (and one line to <paramref name="log"/>) when the mode
    /// is Auto and there is no display; <see cref="GpuUnavailableException"/> when the mode is On and no window opens.
    /// </summary>
    public static PanelHost? Open(LiveEngine engine, ShowFile show, PanelOptions options, Action<string> log)
    {
        if (options.Mode == PanelMode.Off) return null;
        string? why = null;
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DISPLAY"))) why = "no display (DISPLAY is not set)";
        GlfwWindowContext? window = null;
        var before = ThreadNiceness.ThreadIds();
        if (why is null)
        {
            try
            {
                window = GlfwWindowContext.Create(options.Width, options.Height, $"LiveGrade — {show.Name}", threadName: "lg-panel");
                LowerRasterisers(before, log);
            }
            catch (GpuUnavailableException e)
            {
                why = e.Message;
            }
        }
        if (window is null)
        {
            if (options.Mode == PanelMode.On) throw new GpuUnavailableException($"the panel cannot open: {why}");
            log($"panel: not opened: {why}; running headless");
            return null;
        }
        try
        {
            return new PanelHost(engine, show, options, window, log, before);
        }
        catch
        {
            window.Dispose();
            throw;
        }
    }

    /// <summary>Asks for a screenshot of the next frame (as F12 does); returns its path-to-be.</summary>
    public string RequestScreenshot()
    {
        Interlocked.Increment(ref _shotsRequested);
        return ScreenshotPath(Volatile.Read(ref _screenshots) + Volatile.Read(ref _shotsRequested));
    }

    private int _shotsRequested;

    private string ScreenshotPath(int n) => Path.Combine(_options.HomeFolder, "screenshots", $"panel-{n:000}.png");

    /// <summary>
    /// The nice value of the software GL driver's rasteriser threads that draw the panel (Mesa llvmpipe's, started
    /// with the panel's context): the live outputs run at 0 and take the CPU first. On the 2-core build machine
    /// the panel's rasterising at the outputs' priority took CPU they needed (they skipped 66-322 input frames in
    /// the xdotool test); a panel that draws fewer frames a second is the right loser. The panel's own .NET threads
    /// stay at 0: a thread-pool worker they start would inherit a lowered priority. With a hardware GL driver
    /// there are no such threads and nothing changes.
    /// </summary>
    public const int PanelNice = 10;

    /// <summary>Lowers the rasteriser threads started since <paramref name="before"/> to <see cref="PanelNice"/>; one line for any refused.</summary>
    private static void LowerRasterisers(IReadOnlyList<int> before, Action<string> log)
    {
        foreach (int tid in ThreadNiceness.ThreadIds("llvmpipe").Except(before))
        {
            if (!ThreadNiceness.Lower(tid, PanelNice, out var why)) log($"panel: rasteriser thread {tid} stays at the outputs' priority: {why}");
        }
    }

    private void Run(GL gl, TaskCompletionSource ready)
    {
        ImguiContext imgui;
        var textures = new List<PanelTexture>();
        try
        {
            Directory.CreateDirectory(_options.HomeFolder);
            imgui = ImguiContext.Create(_window.Window, "#version 410 core", Path.Combine(_options.HomeFolder, "imgui.ini"));
            if (File.Exists(DefaultFont)) imgui.AddFont(DefaultFont, 16);
            PanelTheme.Apply();
            GlfwSystem.Invoke(() =>
            {
                imgui.AttachInput();
                return 0;
            });
            _polling = GlfwSystem.KeepPolling();
            ready.SetResult();
        }
        catch (Exception e)
        {
            ready.SetException(e);
            return;
        }
        try
        {
            var thumbs = _engine.InputSlots.Select((_, i) => new PanelTexture(gl, _preview.Thumb(i))).ToArray();
            var monitor = new PanelTexture(gl, _preview.Monitor);
            var scopes = PanelPreview.ScopeKinds.Select(k => new PanelTexture(gl, _preview.Scope(k))).ToArray();
            textures.AddRange(thumbs);
            textures.Add(monitor);
            textures.AddRange(scopes);
            var panel = new DitPanel(_engine, _show, _commands, _preview, _looks, i => thumbs[i], () => monitor, k => scopes[(int)k], Clock, Probe);
            _looks.Camera = _engine.Bus.State.Cameras[0].Name;
            long period = (long)(Stopwatch.Frequency / _options.Fps);
            long next = Stopwatch.GetTimestamp();
            while (!_stop && !_window.ShouldClose && !panel.QuitRequested)
            {
                long cpu0 = ThreadCpuClock.NowNanoseconds();
                long alloc0 = GC.GetAllocatedBytesForCurrentThread();
                foreach (var t in textures) t.Refresh();
                long cpu1 = ThreadCpuClock.NowNanoseconds();
                imgui.BeginFrame();
                panel.Draw();
                long cpu2 = ThreadCpuClock.NowNanoseconds();
                gl.Viewport(0, 0, (uint)_window.Width, (uint)_window.Height);
                gl.ClearColor(0.05f, 0.052f, 0.056f, 1);
                gl.Clear(ClearBufferMask.ColorBufferBit);
                imgui.Render();
                long cpu3 = ThreadCpuClock.NowNanoseconds();
                Clock.Record((cpu2 - cpu1) / 1e6, ((cpu1 - cpu0) + (cpu3 - cpu2)) / 1e6, GC.GetAllocatedBytesForCurrentThread() - alloc0);
                if (Clock.Frames == 1) LowerRasterisers(_threadsBefore, _log); // a driver may start them at the first draw
                if (panel.ScreenshotRequested || Volatile.Read(ref _shotsRequested) > 0)
                {
                    panel.ScreenshotRequested = false;
                    if (Volatile.Read(ref _shotsRequested) > 0) Interlocked.Decrement(ref _shotsRequested);
                    Screenshot(_window.ReadBackBuffer(gl));
                }
                if (Probe is not null && Clock.Frames % 15 == 3) WriteProbe();
                _window.SwapBuffers();
                // Pace to the panel's rate on the clock, whatever the swap did (Xvfb does not wait for a vblank).
                next += period;
                long now = Stopwatch.GetTimestamp();
                if (next < now - period) next = now; // fell behind: do not try to catch up with a burst
                long wait = next - now;
                if (wait > 0) Thread.Sleep(TimeSpan.FromSeconds((double)wait / Stopwatch.Frequency));
            }
            _log($"panel: closed ({(_stop ? "the run ended" : panel.QuitRequested ? "Ctrl+Q" : "window closed")})");
        }
        catch (Exception e)
        {
            _log($"error: panel: {e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}");
        }
        finally
        {
            _polling?.Dispose();
            GlfwSystem.Invoke(() =>
            {
                imgui.DetachInput();
                return 0;
            });
            foreach (var t in textures) t.Dispose();
            imgui.Dispose();
            _closed.Set();
        }
    }

    private void Screenshot(byte[] rgba)
    {
        int n = Interlocked.Increment(ref _screenshots);
        var path = ScreenshotPath(n);
        int w = _window.Width, h = _window.Height;
        ThreadPool.QueueUserWorkItem(_ =>
        {
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                var pixels = new float[rgba.Length];
                for (int i = 0; i < rgba.Length; i++) pixels[i] = rgba[i] / 255f;
                ImageFile.Write(path + ".part.png", new RgbaImage(w, h, pixels), ImageSampleFormat.UInt8, withAlpha: false);
                File.Move(path + ".part.png", path, overwrite: true); // readers never see a half-written file
                _log($"panel: screenshot {path}");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                _log($"error: panel screenshot: {e.Message.ReplaceLineEndings(" ")}");
            }
        });
    }

    private void WriteProbe()
    {
        var probe = Probe!;
        var path = _options.ProbePath!;
        var frames = probe.Frames;
        ThreadPool.QueueUserWorkItem(_ =>
        {
            try
            {
                var items = probe.Names.Order().ToDictionary(n => n, n =>
                {
                    probe.TryGet(n, out var r);
                    return new[] { r.Min.X, r.Min.Y, r.Max.X, r.Max.Y };
                });
                var json = JsonSerializer.Serialize(new { frames, items, notes = probe.Notes });
                File.WriteAllText(path + ".part", json);
                File.Move(path + ".part", path, overwrite: true);
            }
            catch (IOException)
            {
                // The next frame writes it again.
            }
        });
    }

    /// <summary>One line on what the panel cost, for the end of a run.</summary>
    public string Summary() =>
        $"panel: {Clock.Frames} frames at {Clock.Fps:0.0} fps; CPU per frame: UI build p50 {Clock.BuildP50Ms:0.000} ms, p99 {Clock.BuildP99Ms:0.000} ms; " +
        $"GL submit and uploads p50 {Clock.RenderP50Ms:0.000} ms, p99 {Clock.RenderP99Ms:0.000} ms; {Clock.AllocatedBytesPerFrame:0} B allocated per frame; " +
        $"commands {_commands.Accepted} accepted, {_commands.Refused} refused; preview {_preview.CpuMilliseconds / 1000:0.00} s CPU for {_preview.Pictures} pictures";

    public void Dispose()
    {
        _stop = true;
        _loop.Wait(TimeSpan.FromSeconds(5));
        _commands.Dispose();
        _looks.Wait(TimeSpan.FromSeconds(5));
        _preview.Dispose();
        _shelf.Dispose();
        _window.Dispose();
        _closed.Dispose();
    }
}
