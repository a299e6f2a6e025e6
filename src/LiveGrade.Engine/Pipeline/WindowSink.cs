using System.Diagnostics;
using LiveGrade.Core.Video;
using LiveGrade.Gpu.Glfw;
using LiveGrade.Video;
using Silk.NET.OpenGL;
using GlPixelFormat = Silk.NET.OpenGL.PixelFormat;
using PixelFormat = LiveGrade.Core.Video.PixelFormat;

namespace LiveGrade.Engine.Pipeline;

/// <summary>
/// A monitor window for an output (`"sink": "window"` or `"window:WxH"`): the output's display-referred RGBA
/// float frames drawn into a GLFW window of its own, scaled to the window. <see cref="Send"/> never waits: it
/// keeps a reference to the newest frame, and the window's own thread ("lg-window-NAME") uploads and draws
/// whichever frame is newest when it is free, so a slow window drops (and counts) frames instead of holding
/// the output back. The window's GL context lives on its own GL thread (see <see cref="GlfwWindowContext"/>).
/// </summary>
public sealed class WindowSink : IVideoSink
{
    private readonly object _lock = new();
    private readonly int _windowWidth, _windowHeight;
    private GlfwWindowContext? _window;
    private Thread? _thread;
    private VideoFrame? _pending;
    private volatile bool _running;
    private uint _texture;
    private long _drawn;

    public WindowSink(string name, VideoMode mode, int windowWidth, int windowHeight)
    {
        Name = name;
        Mode = mode with { Format = PixelFormat.Rgba32F };
        _windowWidth = windowWidth;
        _windowHeight = windowHeight;
    }

    public string Name { get; }
    public VideoMode Mode { get; }
    public FrameCounters Counters { get; } = new();
    public string? LastError { get; private set; }

    /// <summary>Frames drawn into the window so far.</summary>
    public long Drawn => Interlocked.Read(ref _drawn);

    /// <summary>The window (null before start or when it could not open).</summary>
    public GlfwWindowContext? Window => _window;

    public void Start()
    {
        if (_running) return;
        try
        {
            _window = GlfwWindowContext.Create(_windowWidth, _windowHeight, $"LiveGrade — {Name}", threadName: $"lg-gl-window-{Name}");
        }
        catch (Exception e) when (e is Gpu.Context.GpuUnavailableException or DllNotFoundException or InvalidOperationException)
        {
            LastError = $"{Name}: no window: {e.Message.ReplaceLineEndings(" ")}";
            return;
        }
        _window.Invoke(gl =>
        {
            gl.CreateTextures(TextureTarget.Texture2D, 1, out _texture);
            gl.TextureStorage2D(_texture, 1, SizedInternalFormat.Rgba32f, (uint)Mode.Width, (uint)Mode.Height);
        });
        _running = true;
        _thread = new Thread(Run) { Name = $"lg-window-{Name}", IsBackground = true };
        _thread.Start();
    }

    public bool Send(VideoFrame frame)
    {
        if (!_running || frame.Width != Mode.Width || frame.Height != Mode.Height || frame.Format != PixelFormat.Rgba32F)
        {
            Counters.CountDropped();
            return false;
        }
        VideoFrame? replaced;
        lock (_lock)
        {
            replaced = _pending;
            _pending = frame.AddRef();
            Monitor.Pulse(_lock);
        }
        Counters.CountReceived();
        if (replaced is not null)
        {
            replaced.Release();
            Counters.CountDropped(); // the window was still drawing: that frame was never shown
        }
        return true;
    }

    private void Run()
    {
        while (_running)
        {
            VideoFrame? frame;
            lock (_lock)
            {
                while (_pending is null && _running) Monitor.Wait(_lock, 100);
                frame = _pending;
                _pending = null;
            }
            if (frame is null) continue;
            try
            {
                _window!.Invoke(gl => Draw(gl, frame));
                Interlocked.Increment(ref _drawn);
            }
            catch (Exception e)
            {
                LastError = $"{Name}: {e.Message.ReplaceLineEndings(" ")}";
            }
            finally
            {
                frame.Release();
            }
        }
    }

    private unsafe void Draw(GL gl, VideoFrame frame)
    {
        gl.TextureSubImage2D(_texture, 0, 0, 0, (uint)frame.Width, (uint)frame.Height, GlPixelFormat.Rgba, PixelType.Float, (void*)frame.Pointer);
        _window!.Draw(gl, _texture, frame.Width, frame.Height);
        _window.SwapBuffers();
    }

    /// <summary>The window's current picture as RGBA 8-bit, top row first (for tests and screenshots).</summary>
    public byte[]? Screenshot()
    {
        if (_window is null) return null;
        return _window.Invoke(gl =>
        {
            // The back buffer is undefined after a swap: draw the newest frame into it again and read it.
            _window.Draw(gl, _texture, Mode.Width, Mode.Height);
            return _window.ReadBackBuffer(gl);
        });
    }

    public void Stop()
    {
        _running = false;
        lock (_lock) Monitor.PulseAll(_lock);
        _thread?.Join(TimeSpan.FromSeconds(2));
        lock (_lock)
        {
            _pending?.Release();
            _pending = null;
        }
    }

    public void Dispose()
    {
        Stop();
        if (_window is { } w)
        {
            try
            {
                w.Invoke(gl => gl.DeleteTexture(_texture));
            }
            catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException)
            {
                // the window's thread has gone: its context and texture went with it
            }
            w.Dispose();
        }
        _window = null;
    }
}
