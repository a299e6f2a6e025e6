using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using LiveGrade.Core.Video;

namespace LiveGrade.Interop.DeckLink;

/// <summary>What to play out.</summary>
/// <param name="DeviceIndex">Index into <see cref="DeckLinkDriver.Devices"/>.</param>
/// <param name="DisplayMode">BMDDisplayMode of the output.</param>
/// <param name="PixelFormat">BMDPixelFormat of the frames LiveGrade writes; v210 by default.</param>
/// <param name="PrerollFrames">Frames scheduled before playback starts, and kept ahead of the output after.</param>
/// <param name="QueueDepth">Submitted frames waiting to be scheduled; a full queue drops the oldest (counted).</param>
/// <param name="WriteTimecode">Enable RP188 on the output and stamp every frame with its timecode.</param>
public sealed record DeckLinkPlayoutOptions(
    int DeviceIndex, uint DisplayMode, uint PixelFormat = DeckLinkPixelFormat.Yuv10, int PrerollFrames = 3, int QueueDepth = 3,
    bool WriteTimecode = true);

/// <summary>
/// Receives playout completions. Runs on the DRIVER'S completion thread after the shim counted the result and
/// scheduled the next frame; must only note the result (no waiting). Optional.
/// </summary>
public interface IDeckLinkPlayoutObserver
{
    void OnFrameCompleted(DeckLinkCompletionResult result, in DeckLinkPlayoutStats stats);
}

/// <summary>
/// One output in scheduled playback. The producer (one thread) fills driver frames in place:
/// <see cref="TryAcquire"/> → write <see cref="DeckLinkPlayoutBuffer.Pixels"/> → <see cref="Submit"/>.
/// <see cref="Start"/> prerolls and starts the output clock; from then on the shim keeps
/// <see cref="DeckLinkPlayoutOptions.PrerollFrames"/> frames scheduled, repeating the last one (counted) when
/// the producer is late.
/// </summary>
public sealed unsafe class DeckLinkPlayout : IDisposable
{
    private readonly DeckLinkPlayoutHandle _handle;
    private readonly IDeckLinkPlayoutObserver? _observer;
    private GCHandle _self;
    private int _disposed;

    private DeckLinkPlayout(DeckLinkDriver driver, DeckLinkPlayoutOptions options, IDeckLinkPlayoutObserver? observer)
    {
        _observer = observer;
        _self = GCHandle.Alloc(this);
        var config = new DeckLinkNative.PlayoutConfig
        {
            DeviceIndex = options.DeviceIndex,
            DisplayMode = options.DisplayMode,
            PixelFormat = options.PixelFormat,
            PrerollFrames = options.PrerollFrames,
            QueueDepth = options.QueueDepth,
            WriteTimecode = options.WriteTimecode ? 1 : 0,
        };
        var status = DeckLinkNative.LgDeckLink_PlayoutCreate(driver.Handle, config,
            observer is null ? null : &OnCompletedNative, GCHandle.ToIntPtr(_self), out _handle);
        if (status != DeckLinkNative.Ok)
        {
            var message = DeckLinkNative.LastError;
            _handle.Dispose();
            _self.Free();
            throw new DeckLinkException(status, $"DeckLink playout: {message}");
        }
        Options = options;
    }

    /// <summary>Enables the output and creates the frame pool (nothing is shown before <see cref="Start"/>).</summary>
    public static DeckLinkPlayout Create(DeckLinkDriver driver, DeckLinkPlayoutOptions options, IDeckLinkPlayoutObserver? observer = null)
    {
        ArgumentNullException.ThrowIfNull(driver);
        ArgumentNullException.ThrowIfNull(options);
        return new DeckLinkPlayout(driver, options, observer);
    }

    public DeckLinkPlayoutOptions Options { get; }

    /// <summary>Observer exceptions caught on the driver thread.</summary>
    public long CallbackFailures { get; private set; }

    public DeckLinkPlayoutStats Stats
    {
        get
        {
            DeckLinkNative.Check(DeckLinkNative.LgDeckLink_PlayoutGetStats(_handle, out var stats), "DeckLink playout stats");
            return stats;
        }
    }

    /// <summary>A free driver frame to write into, or false when all are queued or with the driver.</summary>
    public bool TryAcquire(out DeckLinkPlayoutBuffer buffer)
    {
        var status = DeckLinkNative.LgDeckLink_PlayoutAcquireBuffer(_handle, out buffer);
        if (status == DeckLinkNative.Busy) return false;
        DeckLinkNative.Check(status, "DeckLink playout buffer");
        return true;
    }

    /// <summary>Queues a filled frame, stamped with <paramref name="timecode"/> when RP188 output is on.</summary>
    public void Submit(in DeckLinkPlayoutBuffer buffer, Timecode? timecode)
    {
        int status;
        if (timecode is { } tc)
        {
            var value = new DeckLinkNative.TimecodeValue
            {
                Hours = (byte)tc.Hours, Minutes = (byte)tc.Minutes, Seconds = (byte)tc.Seconds, Frames = (byte)tc.Frames,
                Flags = tc.DropFrame ? 1u : 0u,
            };
            status = DeckLinkNative.LgDeckLink_PlayoutSubmit(_handle, buffer.Id, &value);
        }
        else
        {
            status = DeckLinkNative.LgDeckLink_PlayoutSubmit(_handle, buffer.Id, null);
        }
        DeckLinkNative.Check(status, "DeckLink playout submit");
    }

    /// <summary>Gives an acquired frame back unused.</summary>
    public void Cancel(in DeckLinkPlayoutBuffer buffer) =>
        DeckLinkNative.Check(DeckLinkNative.LgDeckLink_PlayoutCancel(_handle, buffer.Id), "DeckLink playout cancel");

    /// <summary>Prerolls (at least one frame must have been submitted) and starts scheduled playback.</summary>
    public void Start() => DeckLinkNative.Check(DeckLinkNative.LgDeckLink_PlayoutStart(_handle), "DeckLink playout start");

    /// <summary>Stops playback (pending frames come back flushed) and waits for the driver to confirm.</summary>
    public void Stop() => DeckLinkNative.Check(DeckLinkNative.LgDeckLink_PlayoutStop(_handle), "DeckLink playout stop");

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _handle.Dispose(); // stops playback, no callback after this
        if (_self.IsAllocated) _self.Free();
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnCompletedNative(nint user, uint result, DeckLinkPlayoutStats* stats)
    {
        DeckLinkPlayout? playout = null;
        try
        {
            playout = (DeckLinkPlayout)GCHandle.FromIntPtr(user).Target!;
            playout._observer?.OnFrameCompleted((DeckLinkCompletionResult)result, in *stats);
        }
        catch (Exception)
        {
            if (playout is not null) playout.CallbackFailures++;
        }
    }
}
