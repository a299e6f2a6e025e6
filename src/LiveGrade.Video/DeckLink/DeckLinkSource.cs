using System.Collections.Concurrent;
using LiveGrade.Core.Diagnostics;
using LiveGrade.Core.Video;
using LiveGrade.Interop.DeckLink;

namespace LiveGrade.Video.DeckLink;

/// <summary>
/// A DeckLink SDI input as a LiveGrade source. Frames are the driver's own buffers, not copies: each
/// published <see cref="VideoFrame"/> is a shell pointing at driver memory and holding the driver frame;
/// when the last holder releases it (after the GPU upload), the driver frame goes back to the driver.
/// <list type="bullet">
/// <item>Format changes on the cable are followed by the shim (pause, re-enable, flush, restart);
/// <see cref="Mode"/> then reports the new mode and frames carry it.</item>
/// <item>No-signal frames from the driver are not published (as a pulled cable delivers nothing), so that the
/// engine's no-signal slate appears after its timeout; <see cref="State"/> is <see cref="SourceState.NoSignal"/>
/// meanwhile, and the source goes Live again by itself when the signal returns.</item>
/// <item>Without Blackmagic Desktop Video, <see cref="Start"/> does not throw: the source is Failed with
/// "no DeckLink driver installed" and the rest of LiveGrade carries on.</item>
/// </list>
/// Threads: frames arrive on the driver's capture thread, which only wraps and enqueues them
/// (<see cref="IDeckLinkCaptureReceiver"/>); Start/Stop from any one control thread.
/// </summary>
public sealed class DeckLinkSource : IVideoSource, IDeckLinkCaptureReceiver, IFrameOwner
{
    /// <summary>What a source says when libDeckLinkAPI.so is not installed (the start of <see cref="LastError"/>).</summary>
    public const string NoDriverMessage = "no DeckLink driver installed";

    // Frames the engine may hold at once: the queue (3), the GL upload ring (3), one being shown, one spare.
    // Also the shim's held-frame limit, so a consumer that falls behind makes the driver drop (counted), not grow.
    private const int HeldFrames = 8;

    private readonly object _gate = new();
    private readonly ConcurrentQueue<VideoFrame> _shells = new();
    private readonly string? _driverPath;
    private readonly VideoMode _requested;
    private DeckLinkDriver? _driver;
    private DeckLinkCapture? _capture;
    private ModeBox _mode;
    private volatile SourceState _state = SourceState.Stopped;
    private volatile string? _lastError;
    private long _lastSequence = -1;
    private long _noSignalFrames;
    private long _formatChanges;

    /// <param name="name">The name the user gave.</param>
    /// <param name="deviceIndex">Which DeckLink device (0 = first, as <c>livegrade sources</c> numbers them).</param>
    /// <param name="mode">Size and rate to start in (the input then follows the signal); its pixel format if it is a
    /// DeckLink one (v210, uyvy, r210, r10b, r12b), else v210.</param>
    /// <param name="driverPath">The driver library; null = $LIVEGRADE_DECKLINK_LIB, else libDeckLinkAPI.so.</param>
    public DeckLinkSource(string name, int deviceIndex, VideoMode mode, string? driverPath = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(deviceIndex);
        Name = name;
        DeviceIndex = deviceIndex;
        _driverPath = driverPath;
        var format = mode.Format is PixelFormat.V210 or PixelFormat.Uyvy8 or PixelFormat.Rgb10 or PixelFormat.Rgb10X or PixelFormat.Rgb12
            ? mode.Format : PixelFormat.V210;
        _requested = mode with { Format = format };
        _mode = new ModeBox(_requested);
        for (var i = 0; i < HeldFrames + 1; i++)
        {
            _shells.Enqueue(new VideoFrame(this));
        }
        Frames = new FrameQueue(3, Counters);
    }

    public string Name { get; }
    public int DeviceIndex { get; }
    public VideoMode Mode => Volatile.Read(ref _mode).Mode;
    public SourceState State => _state;
    public string? LastError => _lastError;
    public FrameCounters Counters { get; } = new();
    public FrameQueue Frames { get; }

    /// <summary>Frames the driver delivered flagged "no input source" (not published).</summary>
    public long NoSignalFrames => Interlocked.Read(ref _noSignalFrames);

    /// <summary>Input format changes followed since start.</summary>
    public long FormatChanges => Interlocked.Read(ref _formatChanges);

    /// <summary>The device's display name once started (null before, or without a driver).</summary>
    public string? DeviceName { get; private set; }

    /// <summary>The driver's capture counters (default when not running).</summary>
    public DeckLinkCaptureStats CaptureStats
    {
        get
        {
            lock (_gate) return _capture?.Stats ?? default;
        }
    }

    /// <summary>The source for <c>decklink:N</c> (<see cref="SourceFactory"/>'s syntax).</summary>
    public static DeckLinkSource Create(string name, string argument, VideoMode mode)
    {
        if (!int.TryParse(argument, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index))
        {
            throw new InputException($"source 'decklink:{argument}': expected a device number (decklink:0, decklink:1, ...; see ./livegrade sources)");
        }
        return new DeckLinkSource(name, index, mode);
    }

    /// <summary>One line per DeckLink device (number, name, input/output), or one line saying why there are none.</summary>
    public static IEnumerable<string> Describe()
    {
        using var driver = DeckLinkDriver.TryOpen(null, out var error);
        if (driver is null) return [$"DeckLink: {error}"];
        if (driver.Devices.Count == 0) return [$"DeckLink: driver {driver.Version} found no devices"];
        return driver.Devices.Select(d =>
            $"  decklink:{d.Index,-3}          {d.DisplayName} ({(d.HasInput ? "input" : "")}{(d.HasInput && d.HasOutput ? ", " : "")}{(d.HasOutput ? "output" : "")}" +
            $"{(d.SupportsFormatDetection ? ", detects formats" : "")}; driver {driver.Version})");
    }

    public void Start()
    {
        lock (_gate)
        {
            if (_capture is not null) return;
            _lastError = null;
            Interlocked.Exchange(ref _lastSequence, -1);
            var driver = DeckLinkDriver.TryOpen(_driverPath, out var error);
            if (driver is null)
            {
                Fail($"{Name}: {error}");
                return;
            }
            if (DeviceIndex >= driver.Devices.Count)
            {
                driver.Dispose();
                Fail($"{Name}: no DeckLink device {DeviceIndex} (the driver found {driver.Devices.Count})");
                return;
            }
            var device = driver.Devices[DeviceIndex];
            DeviceName = device.DisplayName;
            if (!device.HasInput)
            {
                driver.Dispose();
                Fail($"{Name}: {device.DisplayName} has no video input");
                return;
            }
            // Start in the requested mode; with format detection the input follows whatever arrives.
            var mode = device.FindInputMode(_requested.Width, _requested.Height, _requested.Rate)
                ?? (device.SupportsFormatDetection ? device.InputModes.FirstOrDefault(m => m.Supports((uint)_requested.Format)) : null);
            if (mode is null)
            {
                driver.Dispose();
                Fail($"{Name}: {device.DisplayName} has no input mode {_requested.Width}x{_requested.Height}p{_requested.Rate}");
                return;
            }
            try
            {
                Volatile.Write(ref _mode, new ModeBox(new VideoMode(mode.Width, mode.Height, mode.Rate, _requested.Format)));
                _state = SourceState.Starting;
                _capture = DeckLinkCapture.Start(driver, new DeckLinkCaptureOptions(DeviceIndex, mode.Code, (uint)_requested.Format,
                    FormatDetection: device.SupportsFormatDetection, MaxHeldFrames: HeldFrames), this);
                _driver = driver;
            }
            catch (DeckLinkException e)
            {
                driver.Dispose();
                Fail($"{Name}: {e.Message}");
            }
        }
    }

    public void Stop()
    {
        lock (_gate)
        {
            _capture?.Dispose(); // no callback after this; frames still held stay valid until released
            _capture = null;
            _driver?.Dispose();
            _driver = null;
            if (_state != SourceState.Failed) _state = SourceState.Stopped;
        }
    }

    public void Dispose()
    {
        Stop();
        Frames.Dispose();
    }

    // ---- driver capture thread: wrap and enqueue only ----

    void IDeckLinkCaptureReceiver.OnFrame(in DeckLinkCapturedFrame frame)
    {
        var sequence = (long)frame.Sequence;
        var previous = Interlocked.Exchange(ref _lastSequence, sequence);
        if (previous >= 0 && sequence > previous + 1)
        {
            Counters.CountDropped(sequence - previous - 1); // the driver dropped these before delivery
        }
        if (frame.NoSignal)
        {
            DeckLinkCapture.ReleaseFrame(frame.Handle);
            Interlocked.Increment(ref _noSignalFrames);
            if (_state != SourceState.NoSignal)
            {
                // The reason first: a reader that sees the new state must also see why.
                _lastError = $"{Name}: no signal at the input of {DeviceName}";
                _state = SourceState.NoSignal;
            }
            return;
        }
        if (!DeckLinkPixelFormat.TryToCore(frame.PixelFormat, out var format) || !_shells.TryDequeue(out var shell))
        {
            DeckLinkCapture.ReleaseFrame(frame.Handle);
            Counters.CountDropped();
            return;
        }
        shell.AttachExternal(new VideoMode(frame.Width, frame.Height, frame.Rate, format), frame.Bytes, checked((int)frame.RowBytes), frame.Handle);
        shell.Reset(sequence);
        shell.Timecode = frame.GetTimecode();
        shell.Matrix = frame.Colorspace == DeckLinkColorspace.Rec2020 ? YCbCrMatrix.Rec2020 : YCbCrMatrix.Rec709;
        shell.Range = format == PixelFormat.Rgb12 ? SignalRange.Full : SignalRange.Narrow; // R12B is full range (SDK manual)
        Counters.CountReceived();
        if (_state != SourceState.Live)
        {
            _lastError = null;
            _state = SourceState.Live;
        }
        Frames.Add(shell);
    }

    void IDeckLinkCaptureReceiver.OnInputChanged(in DeckLinkInputChange change)
    {
        Interlocked.Increment(ref _formatChanges);
        if (!change.Followed)
        {
            _state = SourceState.Failed;
            _lastError = $"{Name}: {DeviceName} changed to {DeckLinkPixelFormat.FourCC(change.DisplayMode)} and the input could not follow";
            return;
        }
        var current = Mode;
        if (change.Width != current.Width || change.Height != current.Height || change.Rate != current.Rate)
        {
            // Allocates one small box per format change (rare), never per frame.
            Volatile.Write(ref _mode, new ModeBox(new VideoMode(change.Width, change.Height, change.Rate, current.Format)));
        }
    }

    // ---- any thread: the last holder released a frame ----

    void IFrameOwner.Return(VideoFrame frame)
    {
        DeckLinkCapture.ReleaseFrame(frame.OwnerToken);
        _shells.Enqueue(frame);
    }

    private void Fail(string message)
    {
        _lastError = message.ReplaceLineEndings(" ");
        _state = SourceState.Failed;
    }

    /// <summary>VideoMode is several words; publishing it boxed makes reads from other threads atomic.</summary>
    private sealed record ModeBox(VideoMode Mode);
}
