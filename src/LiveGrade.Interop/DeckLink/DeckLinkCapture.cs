using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace LiveGrade.Interop.DeckLink;

/// <summary>
/// Receives what a <see cref="DeckLinkCapture"/> delivers. Both methods run on the DRIVER'S capture thread,
/// one call at a time in frame order, and must only hand the frame on (enqueue it) and return: no waiting,
/// no allocation, no I/O. The receiver owns <see cref="DeckLinkCapturedFrame.Handle"/> and releases it with
/// <see cref="DeckLinkCapture.ReleaseFrame"/> when done with the pixels (e.g. after the GPU upload), from any thread.
/// An exception thrown out of a method is caught, counted in <see cref="DeckLinkCapture.CallbackFailures"/>,
/// and the frame is released.
/// </summary>
public interface IDeckLinkCaptureReceiver
{
    void OnFrame(in DeckLinkCapturedFrame frame);

    /// <summary>The input changed format and capture already continues in the new mode (or failed to, see Followed).</summary>
    void OnInputChanged(in DeckLinkInputChange change);
}

/// <summary>What to capture.</summary>
/// <param name="DeviceIndex">Index into <see cref="DeckLinkDriver.Devices"/>.</param>
/// <param name="DisplayMode">BMDDisplayMode to start in (see <see cref="DeckLinkDisplayMode.Code"/>).</param>
/// <param name="PixelFormat">BMDPixelFormat; v210 (10-bit YUV) by default.</param>
/// <param name="FormatDetection">Follow the input's format when it changes (devices that support it).</param>
/// <param name="MaxHeldFrames">Frames the receiver may hold at once; more arriving meanwhile are dropped and counted.</param>
public sealed record DeckLinkCaptureOptions(
    int DeviceIndex, uint DisplayMode, uint PixelFormat = DeckLinkPixelFormat.Yuv10, bool FormatDetection = true,
    int MaxHeldFrames = 8);

/// <summary>
/// One input capturing through the shim. Frames come to the <see cref="IDeckLinkCaptureReceiver"/> without a
/// copy: the receiver gets the driver buffer's address and a reference to the driver frame.
/// Dispose (or <see cref="Stop"/>) before dropping it; no callback runs after either returns.
/// </summary>
public sealed unsafe class DeckLinkCapture : IDisposable
{
    private readonly IDeckLinkCaptureReceiver _receiver;
    private readonly DeckLinkCaptureHandle _handle;
    private GCHandle _self;
    private long _callbackFailures;
    private int _stopped;

    private DeckLinkCapture(IDeckLinkCaptureReceiver receiver, DeckLinkDriver driver, DeckLinkCaptureOptions options)
    {
        _receiver = receiver;
        _self = GCHandle.Alloc(this);
        var config = new DeckLinkNative.CaptureConfig
        {
            DeviceIndex = options.DeviceIndex,
            DisplayMode = options.DisplayMode,
            PixelFormat = options.PixelFormat,
            FormatDetection = options.FormatDetection ? 1 : 0,
            MaxHeldFrames = options.MaxHeldFrames,
        };
        var status = DeckLinkNative.LgDeckLink_CaptureStart(driver.Handle, config, &OnFrameNative, &OnInputChangeNative,
            GCHandle.ToIntPtr(_self), out _handle);
        if (status != DeckLinkNative.Ok)
        {
            var message = DeckLinkNative.LastError;
            _handle.Dispose();
            _self.Free();
            throw new DeckLinkException(status, $"DeckLink capture: {message}");
        }
    }

    /// <summary>Enables the input and starts streaming; the receiver starts getting frames before this returns.</summary>
    public static DeckLinkCapture Start(DeckLinkDriver driver, DeckLinkCaptureOptions options, IDeckLinkCaptureReceiver receiver)
    {
        ArgumentNullException.ThrowIfNull(driver);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(receiver);
        return new DeckLinkCapture(receiver, driver, options);
    }

    /// <summary>Exceptions thrown by the receiver (each was caught on the driver thread).</summary>
    public long CallbackFailures => Interlocked.Read(ref _callbackFailures);

    public DeckLinkCaptureStats Stats
    {
        get
        {
            if (Volatile.Read(ref _stopped) == 2) return default;
            DeckLinkNative.Check(DeckLinkNative.LgDeckLink_CaptureGetStats(_handle, out var stats), "DeckLink capture stats");
            return stats;
        }
    }

    /// <summary>Releases a frame the receiver got (ends buffer access, drops the driver frame). Any thread; 0 is ignored.</summary>
    public static void ReleaseFrame(nint frameHandle)
    {
        if (frameHandle != 0) DeckLinkNative.LgDeckLink_ReleaseFrame(frameHandle);
    }

    /// <summary>Stops streams and disables the input; no callback runs after this returns. Idempotent.</summary>
    public void Stop()
    {
        if (Interlocked.CompareExchange(ref _stopped, 1, 0) != 0) return;
        DeckLinkNative.Check(DeckLinkNative.LgDeckLink_CaptureStop(_handle), "DeckLink capture stop");
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _stopped, 2) == 2) return;
        _handle.Dispose(); // stops, then drops the native object once the last held frame is released
        if (_self.IsAllocated) _self.Free();
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnFrameNative(nint user, DeckLinkCapturedFrame* frame)
    {
        // Runs on the driver's thread: only hand the frame on.
        DeckLinkCapture? capture = null;
        try
        {
            capture = (DeckLinkCapture)GCHandle.FromIntPtr(user).Target!;
            capture._receiver.OnFrame(in *frame);
        }
        catch (Exception)
        {
            if (capture is not null) Interlocked.Increment(ref capture._callbackFailures);
            DeckLinkNative.LgDeckLink_ReleaseFrame(frame->Handle);
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnInputChangeNative(nint user, DeckLinkInputChange* change)
    {
        DeckLinkCapture? capture = null;
        try
        {
            capture = (DeckLinkCapture)GCHandle.FromIntPtr(user).Target!;
            capture._receiver.OnInputChanged(in *change);
        }
        catch (Exception)
        {
            if (capture is not null) Interlocked.Increment(ref capture._callbackFailures);
        }
    }
}
