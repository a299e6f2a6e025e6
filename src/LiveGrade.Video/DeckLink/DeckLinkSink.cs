using LiveGrade.Core.Video;
using LiveGrade.Interop.DeckLink;

namespace LiveGrade.Video.DeckLink;

/// <summary>
/// A DeckLink SDI output as a LiveGrade sink, in scheduled playback. <see cref="Send"/> copies the engine's
/// packed frame into a free driver frame (one copy: the engine's pool frames are where the GPU readback
/// lands) and queues it with its timecode (RP188 out); playback starts once the preroll is queued. From then
/// on the shim keeps the preroll scheduled ahead of the output and repeats the last frame when the engine is
/// late. Counters: received = frames accepted, dropped = frames that found no free driver frame or were
/// pushed out of the queue or dropped by the driver, repeated = repeats, late = frames the driver displayed late.
/// Without a driver (or with a mode the device cannot output), <see cref="Send"/> drops and counts, and
/// <see cref="LastError"/> says why; it never throws at the engine.
/// Threads: Start/Stop from a control thread; Send from the engine's output thread only.
/// </summary>
public sealed class DeckLinkSink : IVideoSink
{
    private readonly object _gate = new();
    private readonly string? _driverPath;
    private readonly int _prerollFrames;
    private DeckLinkDriver? _driver;
    private DeckLinkPlayout? _playout;
    private bool _playing;
    private int _queuedBeforeStart;
    private DeckLinkPlayoutStats _seen;

    /// <param name="name">The output's name.</param>
    /// <param name="deviceIndex">Which DeckLink device (as <c>livegrade sources</c> numbers them).</param>
    /// <param name="mode">Output size, rate and pixel format (v210, uyvy, r210, r10b, r12b or bgra).</param>
    /// <param name="driverPath">The driver library; null = $LIVEGRADE_DECKLINK_LIB, else libDeckLinkAPI.so.</param>
    /// <param name="prerollFrames">Frames kept scheduled ahead of the output (latency against robustness).</param>
    public DeckLinkSink(string name, int deviceIndex, VideoMode mode, string? driverPath = null, int prerollFrames = 3)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(deviceIndex);
        ArgumentOutOfRangeException.ThrowIfLessThan(prerollFrames, 1);
        Name = name;
        DeviceIndex = deviceIndex;
        Mode = mode;
        _driverPath = driverPath;
        _prerollFrames = prerollFrames;
    }

    public string Name { get; }
    public int DeviceIndex { get; }
    public VideoMode Mode { get; }
    public FrameCounters Counters { get; } = new();
    public string? LastError { get; private set; }

    /// <summary>True once playback runs on the output.</summary>
    public bool IsPlaying => Volatile.Read(ref _playing);

    private DeckLinkPlayoutStats _finalStats;

    /// <summary>The driver's playout counters (after <see cref="Stop"/>: the final ones the sink's counters agree with).</summary>
    public DeckLinkPlayoutStats PlayoutStats
    {
        get
        {
            lock (_gate) return _playout?.Stats ?? _finalStats;
        }
    }

    public void Start()
    {
        lock (_gate)
        {
            if (_playout is not null) return;
            LastError = null;
            var driver = DeckLinkDriver.TryOpen(_driverPath, out var error);
            if (driver is null)
            {
                LastError = $"{Name}: {error}";
                return;
            }
            if (DeviceIndex >= driver.Devices.Count || !driver.Devices[DeviceIndex].HasOutput)
            {
                LastError = $"{Name}: no DeckLink output {DeviceIndex} (the driver found {driver.Devices.Count} devices)";
                driver.Dispose();
                return;
            }
            var device = driver.Devices[DeviceIndex];
            var mode = device.FindOutputMode(Mode.Width, Mode.Height, Mode.Rate);
            if (mode is null || !mode.Supports((uint)Mode.Format))
            {
                LastError = $"{Name}: {device.DisplayName} cannot output {Mode}";
                driver.Dispose();
                return;
            }
            try
            {
                // Playback starts with the preroll scheduled and one more frame queued, so that the first completion
                // already finds a frame (the engine's clock and the output's start in phase, one frame apart). The
                // queue therefore holds the preroll plus that frame, and at least 3 (design.md).
                _playout = DeckLinkPlayout.Create(driver, new DeckLinkPlayoutOptions(DeviceIndex, mode.Code, (uint)Mode.Format,
                    _prerollFrames, QueueDepth: Math.Max(3, _prerollFrames + 1)));
                _driver = driver;
                _playing = false;
                _queuedBeforeStart = 0;
                _seen = default;
            }
            catch (DeckLinkException e)
            {
                LastError = $"{Name}: {e.Message}";
                driver.Dispose();
            }
        }
    }

    public bool Send(VideoFrame frame)
    {
        var playout = _playout;
        if (playout is null)
        {
            Counters.CountDropped();
            return false;
        }
        if (frame.Width != Mode.Width || frame.Height != Mode.Height || frame.Format != Mode.Format)
        {
            Counters.CountDropped();
            LastError = $"{Name}: got a {frame.Mode} frame, the output takes {Mode}";
            return false;
        }
        if (!playout.TryAcquire(out var buffer))
        {
            Counters.CountDropped();
            Sync(playout);
            return false;
        }
        CopyRows(frame, buffer);
        playout.Submit(buffer, frame.Timecode);
        Counters.CountReceived();
        if (!_playing && ++_queuedBeforeStart > _prerollFrames)
        {
            playout.Start();
            Volatile.Write(ref _playing, true);
        }
        Sync(playout);
        return true;
    }

    public void Stop()
    {
        lock (_gate)
        {
            if (_playout is { } playout)
            {
                if (_playing) playout.Stop();
                Sync(playout);
                _finalStats = playout.Stats; // what the counters were last synced from, for after the stop
                playout.Dispose();
            }
            _playout = null;
            _playing = false;
            _driver?.Dispose();
            _driver = null;
        }
    }

    public void Dispose() => Stop();

    private static void CopyRows(VideoFrame frame, in DeckLinkPlayoutBuffer buffer)
    {
        var src = frame.Data;
        var dst = buffer.Pixels;
        var srcRow = frame.RowBytes;
        var dstRow = checked((int)buffer.RowBytes);
        if (srcRow == dstRow)
        {
            src[..Math.Min(src.Length, dst.Length)].CopyTo(dst);
            return;
        }
        var bytes = Math.Min(srcRow, dstRow);
        for (var y = 0; y < frame.Height; y++)
        {
            src.Slice(y * srcRow, bytes).CopyTo(dst.Slice(y * dstRow, bytes));
        }
    }

    /// <summary>Moves the shim's counts since the last look into <see cref="Counters"/> (no allocation).</summary>
    private void Sync(DeckLinkPlayout playout)
    {
        var now = playout.Stats;
        var dropped = (long)((now.Dropped - _seen.Dropped) + (now.QueueOverflows - _seen.QueueOverflows));
        if (dropped > 0) Counters.CountDropped(dropped);
        for (var i = _seen.Repeated; i < now.Repeated; i++) Counters.CountRepeated();
        for (var i = _seen.DisplayedLate; i < now.DisplayedLate; i++) Counters.CountLate();
        _seen = now;
    }
}
