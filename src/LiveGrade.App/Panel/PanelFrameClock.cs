namespace LiveGrade.App.Panel;

/// <summary>
/// The panel's own cost per frame, on its thread's CPU clock (time it sleeps or waits for the display does not
/// count): "build" is the ImGui frame (input, widgets, draw lists: what the panel code does), "render" the GL
/// submission (ImGui's renderer and the texture uploads; with a hardware GL driver this queues work for the GPU,
/// with Mesa's llvmpipe part of the rasterising also runs here). Percentiles over the last 600 frames.
/// Written by the panel thread, read by anyone (a torn read of one sample is harmless).
/// </summary>
public sealed class PanelFrameClock
{
    private const int Window = 600;
    private readonly double[] _build = new double[Window];
    private readonly double[] _render = new double[Window];
    private readonly double[] _sorted = new double[Window];
    private long _frames;
    private long _firstTick, _lastTick;

    public long Frames => Interlocked.Read(ref _frames);

    public double BuildP50Ms { get; private set; }
    public double BuildP99Ms { get; private set; }
    public double RenderP50Ms { get; private set; }
    public double RenderP99Ms { get; private set; }

    /// <summary>Managed bytes the panel thread allocated per frame, on average since the start.</summary>
    public double AllocatedBytesPerFrame { get; private set; }

    private long _allocated;

    /// <summary>Frames per second over the whole run.</summary>
    public double Fps => _frames < 2 ? 0 : (_frames - 1) * 1000.0 / Math.Max(1, _lastTick - _firstTick);

    public void Record(double buildMs, double renderMs, long allocatedBytes)
    {
        long n = _frames;
        _build[n % Window] = buildMs;
        _render[n % Window] = renderMs;
        _allocated += allocatedBytes;
        long now = Environment.TickCount64;
        if (n == 0) _firstTick = now;
        _lastTick = now;
        Interlocked.Increment(ref _frames);
        n++;
        AllocatedBytesPerFrame = (double)_allocated / n;
        // Percentiles twice a second are enough for a display; sorting 600 doubles costs ~20 µs.
        if (n % 30 == 0 || n < 30)
        {
            int count = (int)Math.Min(n, Window);
            (BuildP50Ms, BuildP99Ms) = Percentiles(_build, count);
            (RenderP50Ms, RenderP99Ms) = Percentiles(_render, count);
        }
    }

    private (double P50, double P99) Percentiles(double[] samples, int count)
    {
        Array.Copy(samples, _sorted, count);
        Array.Sort(_sorted, 0, count);
        return (_sorted[(count - 1) / 2], _sorted[Math.Min(count - 1, (int)Math.Ceiling(count * 0.99) - 1)]);
    }
}
