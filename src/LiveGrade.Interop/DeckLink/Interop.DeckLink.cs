using System.Runtime.InteropServices;

namespace LiveGrade.Interop.DeckLink;

/// <summary>
/// P/Invoke declarations for native/decklink/lg_decklink.h, 1:1. Structs mirror the C structs field for
/// field (checked against the shim's sizeof in the tests). Borrowed strings come back as pointers; use
/// <see cref="Text"/> to read them.
/// </summary>
internal static unsafe partial class DeckLinkNative
{
    private const string Lib = "lgdecklink";

    public const int Ok = 0;
    public const int Error = -1;
    public const int NoDriver = -2;
    public const int Unsupported = -3;
    public const int Busy = -4;

    [LibraryImport(Lib)] public static partial nint LgDeckLink_LastError();

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int LgDeckLink_DriverOpen(string? libraryPath, out DeckLinkDriverHandle driver);
    [LibraryImport(Lib)] public static partial void LgDeckLink_DriverClose(nint driver);
    [LibraryImport(Lib)] public static partial int LgDeckLink_DriverGetInfo(DeckLinkDriverHandle driver, out DriverInfo info);
    [LibraryImport(Lib)] public static partial int LgDeckLink_DeviceGetInfo(DeckLinkDriverHandle driver, int deviceIndex, out DeviceInfo info);
    [LibraryImport(Lib)]
    public static partial int LgDeckLink_DeviceGetMode(DeckLinkDriverHandle driver, int deviceIndex, int direction, int modeIndex,
        out ModeInfo mode);
    [LibraryImport(Lib)] public static partial int LgDeckLink_RowBytes(uint pixelFormat, int width);

    [LibraryImport(Lib)]
    public static partial int LgDeckLink_CaptureStart(DeckLinkDriverHandle driver, in CaptureConfig config,
        delegate* unmanaged[Cdecl]<nint, DeckLinkCapturedFrame*, void> onFrame,
        delegate* unmanaged[Cdecl]<nint, DeckLinkInputChange*, void> onInputChange, nint user, out DeckLinkCaptureHandle capture);
    [LibraryImport(Lib)] public static partial int LgDeckLink_CaptureStop(DeckLinkCaptureHandle capture);
    [LibraryImport(Lib)] public static partial void LgDeckLink_CaptureDestroy(nint capture);
    [LibraryImport(Lib)] public static partial int LgDeckLink_CaptureGetStats(DeckLinkCaptureHandle capture, out DeckLinkCaptureStats stats);
    [LibraryImport(Lib)] public static partial void LgDeckLink_ReleaseFrame(nint frame);

    [LibraryImport(Lib)]
    public static partial int LgDeckLink_PlayoutCreate(DeckLinkDriverHandle driver, in PlayoutConfig config,
        delegate* unmanaged[Cdecl]<nint, uint, DeckLinkPlayoutStats*, void> onCompleted, nint user, out DeckLinkPlayoutHandle playout);
    [LibraryImport(Lib)] public static partial int LgDeckLink_PlayoutAcquireBuffer(DeckLinkPlayoutHandle playout, out DeckLinkPlayoutBuffer buffer);
    [LibraryImport(Lib)] public static partial int LgDeckLink_PlayoutSubmit(DeckLinkPlayoutHandle playout, int bufferId, TimecodeValue* timecode);
    [LibraryImport(Lib)] public static partial int LgDeckLink_PlayoutCancel(DeckLinkPlayoutHandle playout, int bufferId);
    [LibraryImport(Lib)] public static partial int LgDeckLink_PlayoutStart(DeckLinkPlayoutHandle playout);
    [LibraryImport(Lib)] public static partial int LgDeckLink_PlayoutStop(DeckLinkPlayoutHandle playout);
    [LibraryImport(Lib)] public static partial void LgDeckLink_PlayoutDestroy(nint playout);
    [LibraryImport(Lib)] public static partial int LgDeckLink_PlayoutGetStats(DeckLinkPlayoutHandle playout, out DeckLinkPlayoutStats stats);

    [LibraryImport(Lib)] public static partial int LgDeckLink_AbiMethodCount();
    [LibraryImport(Lib)] public static partial int LgDeckLink_AbiMethod(int index, out nint interfaceName, out nint methodName, out int slot);
    [LibraryImport(Lib)] public static partial int LgDeckLink_AbiInterfaceCount();
    [LibraryImport(Lib)] public static partial int LgDeckLink_AbiInterface(int index, out nint name, byte* iid16, out int hasVirtualDestructor);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)] public static partial int LgDeckLink_AbiStructSize(string structName);

    /// <summary>Reads a borrowed UTF-8 string; null pointers read as "".</summary>
    public static string Text(nint utf8) => Marshal.PtrToStringUTF8(utf8) ?? "";

    public static string LastError => Text(LgDeckLink_LastError());

    /// <summary>Throws <see cref="DeckLinkException"/> with the shim's thread-local message when status is not OK.</summary>
    public static void Check(int status, string what)
    {
        if (status != Ok)
        {
            throw new DeckLinkException(status, $"{what}: {LastError}");
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct DriverInfo
    {
        public long VersionCode;
        public nint VersionString;
        public nint LibraryPath;
        public int ApiGeneration;
        public int DeviceCount;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct DeviceInfo
    {
        public nint ModelName;
        public nint DisplayName;
        public long PersistentId;
        public long VideoInputConnections;
        public long VideoOutputConnections;
        public long MinimumPrerollFrames;
        public int HasInput;
        public int HasOutput;
        public int SupportsFormatDetection;
        public int SupportsHdrMetadata;
        public int InputModeCount;
        public int OutputModeCount;
    }

    public const int MaxPixelFormats = 12;

    [StructLayout(LayoutKind.Sequential)]
    public struct ModeInfo
    {
        public long FrameDuration;
        public long TimeScale;
        public nint Name;
        public uint DisplayMode;
        public int Width;
        public int Height;
        public uint FieldDominance;
        public uint Flags;
        public int PixelFormatCount;
        public fixed uint PixelFormats[MaxPixelFormats];
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct CaptureConfig
    {
        public int DeviceIndex;
        public uint DisplayMode;
        public uint PixelFormat;
        public int FormatDetection;
        public int MaxHeldFrames;
        public uint TimecodeFormat;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct PlayoutConfig
    {
        public int DeviceIndex;
        public uint DisplayMode;
        public uint PixelFormat;
        public int PrerollFrames;
        public int QueueDepth;
        public int WriteTimecode;
        public uint TimecodeFormat;
        public int Reserved;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct TimecodeValue
    {
        public byte Hours, Minutes, Seconds, Frames;
        public uint Flags;
    }
}

/// <summary>An error reported by the DeckLink shim; <see cref="Status"/> is the shim's status code.</summary>
public sealed class DeckLinkException(int status, string message) : Exception(message)
{
    public int Status { get; } = status;

    /// <summary>True when libDeckLinkAPI.so could not be loaded (no Blackmagic Desktop Video installed).</summary>
    public bool IsNoDriver => Status == DeckLinkNative.NoDriver;

    /// <summary>True when the driver or device cannot do what was asked (too old, mode or pixel format).</summary>
    public bool IsUnsupported => Status == DeckLinkNative.Unsupported;
}

/// <summary>Owns an <c>LgDeckLinkDriver*</c> reference.</summary>
public sealed class DeckLinkDriverHandle() : SafeHandle(0, ownsHandle: true)
{
    public override bool IsInvalid => handle == 0;
    protected override bool ReleaseHandle()
    {
        DeckLinkNative.LgDeckLink_DriverClose(handle);
        return true;
    }
}

/// <summary>Owns an <c>LgDeckLinkCapture*</c>; releasing stops the capture (frames still held stay valid).</summary>
public sealed class DeckLinkCaptureHandle() : SafeHandle(0, ownsHandle: true)
{
    public override bool IsInvalid => handle == 0;
    protected override bool ReleaseHandle()
    {
        DeckLinkNative.LgDeckLink_CaptureDestroy(handle);
        return true;
    }
}

/// <summary>Owns an <c>LgDeckLinkPlayout*</c>; releasing stops playback and returns the driver frames.</summary>
public sealed class DeckLinkPlayoutHandle() : SafeHandle(0, ownsHandle: true)
{
    public override bool IsInvalid => handle == 0;
    protected override bool ReleaseHandle()
    {
        DeckLinkNative.LgDeckLink_PlayoutDestroy(handle);
        return true;
    }
}
