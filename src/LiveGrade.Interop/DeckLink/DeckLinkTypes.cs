using System.Runtime.InteropServices;
using LiveGrade.Core.Video;

namespace LiveGrade.Interop.DeckLink;

/// <summary>Which generation of DeckLink interfaces the shim talks to (chosen from the installed driver's version).</summary>
public enum DeckLinkApiGeneration
{
    Unknown = 0,

    /// <summary>Drivers 11.6 to 14.2.1: the *_v14_2_1 interfaces, pixel access with GetBytes on the frame.</summary>
    V14_2 = 1402,

    /// <summary>Drivers 14.3 to 15.3.x: the *_v15_3_1 interfaces, pixel access through IDeckLinkVideoBuffer_v15_3_1.</summary>
    V15_3 = 1503,

    /// <summary>Driver 16.0: the current interfaces, pixel access through IDeckLinkVideoBuffer.</summary>
    V16_0 = 1600,
}

/// <summary>DeckLink pixel formats (BMDPixelFormat values, FourCCs) and their short names.</summary>
public static class DeckLinkPixelFormat
{
    public const uint Yuv8 = 0x32767579;      // '2vuy'
    public const uint Yuv10 = 0x76323130;     // 'v210'
    public const uint Rgb10 = 0x72323130;     // 'r210'
    public const uint Rgb10XLe = 0x5231306C;  // 'R10l'
    public const uint Rgb10X = 0x52313062;    // 'R10b'
    public const uint Rgb12 = 0x52313242;     // 'R12B'
    public const uint Rgb12Le = 0x5231324C;   // 'R12L'
    public const uint Bgra8 = 0x42475241;     // 'BGRA'
    public const uint Argb8 = 32;             // bmdFormat8BitARGB is the plain number 32

    /// <summary>"v210", "2vuy", "r210", "R10l", "R10b", "R12B", "R12L", "BGRA", "ARGB", or the hex value.</summary>
    public static string Name(uint format) => format == Argb8 ? "ARGB" : FourCC(format);

    /// <summary>Row bytes of a line in <paramref name="format"/> per the SDK manual (the shim's rule), 0 when unknown.</summary>
    public static int RowBytes(uint format, int width) => DeckLinkNative.LgDeckLink_RowBytes(format, width);

    /// <summary>The LiveGrade layout with the same bytes, when there is one (v210, 2vuy, r210, R10b, R12B, BGRA).</summary>
    public static bool TryToCore(uint format, out PixelFormat core)
    {
        core = (PixelFormat)format;
        return format is Yuv8 or Yuv10 or Rgb10 or Rgb10X or Rgb12 or Bgra8;
    }

    /// <summary>The four characters of a FourCC value, or 0xHHHHHHHH when they are not printable.</summary>
    public static string FourCC(uint value)
    {
        Span<char> c = stackalloc char[4];
        for (var i = 0; i < 4; i++)
        {
            var ch = (char)((value >> (24 - 8 * i)) & 0xFF);
            if (ch < 0x20 || ch > 0x7E) return $"0x{value:X8}";
            c[i] = ch;
        }
        return new string(c);
    }

    /// <summary>The FourCC value of four characters ("Hp25" → 0x48703235).</summary>
    public static uint FromFourCC(string text)
    {
        if (text.Length != 4) throw new ArgumentException($"'{text}' is not a four-character code", nameof(text));
        return ((uint)text[0] << 24) | ((uint)text[1] << 16) | ((uint)text[2] << 8) | text[3];
    }
}

/// <summary>BMDFrameFlags bits LiveGrade reads.</summary>
[Flags]
public enum DeckLinkFrameFlags : uint
{
    None = 0,
    FlipVertical = 0x1,
    ContainsHdrMetadata = 0x2,
    CapturedAsPsF = 0x40000000,
    HasNoInputSource = 0x80000000,
}

/// <summary>BMDOutputFrameCompletionResult.</summary>
public enum DeckLinkCompletionResult : uint
{
    Completed = 0,
    DisplayedLate = 1,
    Dropped = 2,
    Flushed = 3,
}

/// <summary>BMDColorspace values carried in frame metadata ('cspc').</summary>
public static class DeckLinkColorspace
{
    public const uint Rec601 = 0x72363031; // 'r601'
    public const uint Rec709 = 0x72373039; // 'r709'
    public const uint Rec2020 = 0x32303230; // '2020'
    public const uint P3D65 = 0x50334436; // 'P3D6'
    public const uint Unknown = 0x4E636F6C; // 'Ncol'
}

/// <summary>
/// One captured frame as the shim hands it over (mirror of LgDeckLinkCapturedFrame). Valid only during the
/// callback, except <see cref="Handle"/>, the caller's reference to the driver frame: the pixels at
/// <see cref="Bytes"/> stay valid until it is released with <see cref="DeckLinkCapture.ReleaseFrame"/>.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public unsafe struct DeckLinkCapturedFrame
{
    private nint _bytes;
    private nint _frame;
    private long _rowBytes;
    private long _sizeBytes;
    private long _streamTime;
    private long _frameDuration;
    private long _timeScale;
    private long _hardwareTimeNs;
    private ulong _sequence;
    private long _hdrEotf;
    private fixed double _hdrPrimaries[8];
    private double _hdrMaxMasteringLuminance;
    private double _hdrMinMasteringLuminance;
    private double _hdrMaxCll;
    private double _hdrMaxFall;
    private uint _displayMode;
    private uint _pixelFormat;
    private int _width;
    private int _height;
    private uint _frameFlags;
    private int _noSignal;
    private int _hasHdrMetadata;
    private uint _colorspace;
    private int _hasTimecode;
    private uint _timecodeBcd;
    private uint _timecodeFlags;
    private byte _tcHours, _tcMinutes, _tcSeconds, _tcFrames;

    /// <summary>Address of the first line (driver memory, not copied).</summary>
    public readonly nint Bytes => _bytes;

    /// <summary>The caller's reference to the driver frame; release it exactly once.</summary>
    public readonly nint Handle => _frame;

    public readonly long RowBytes => _rowBytes;
    public readonly long SizeBytes => _sizeBytes;
    public readonly int Width => _width;
    public readonly int Height => _height;
    public readonly uint PixelFormat => _pixelFormat;
    public readonly uint DisplayMode => _displayMode;

    /// <summary>Stream time in <see cref="TimeScale"/> units since the input started streaming.</summary>
    public readonly long StreamTime => _streamTime;
    public readonly long FrameDuration => _frameDuration;
    public readonly long TimeScale => _timeScale;

    /// <summary>Driver reference clock at capture, ns (0 when unavailable).</summary>
    public readonly long HardwareTimeNs => _hardwareTimeNs;

    /// <summary>Frame number from the driver's stream clock (0 first); a gap means frames were lost by the driver or dropped by the shim.</summary>
    public readonly ulong Sequence => _sequence;

    public readonly DeckLinkFrameFlags Flags => (DeckLinkFrameFlags)_frameFlags;

    /// <summary>The driver flagged the frame as having no input source (cable out, wrong format).</summary>
    public readonly bool NoSignal => _noSignal != 0;

    /// <summary>BMDColorspace from the frame metadata, 0 when the driver gave none.</summary>
    public readonly uint Colorspace => _colorspace;

    /// <summary>CEA-861.3 EOTF (0 SDR, 2 PQ, 3 HLG), -1 when the driver gave none.</summary>
    public readonly long HdrEotf => _hdrEotf;

    public readonly bool HasHdrMetadata => _hasHdrMetadata != 0;

    /// <summary>Mastering display primaries and white point (red x,y; green x,y; blue x,y; white x,y).</summary>
    public readonly double HdrPrimary(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(index, 7);
        return _hdrPrimaries[index];
    }

    public readonly double HdrMaxMasteringLuminance => _hdrMaxMasteringLuminance;
    public readonly double HdrMinMasteringLuminance => _hdrMinMasteringLuminance;
    public readonly double HdrMaxCll => _hdrMaxCll;
    public readonly double HdrMaxFall => _hdrMaxFall;

    public readonly bool HasTimecode => _hasTimecode != 0;
    public readonly uint TimecodeBcd => _timecodeBcd;
    public readonly bool TimecodeIsDropFrame => (_timecodeFlags & 1) != 0;
    public readonly (int Hours, int Minutes, int Seconds, int Frames) TimecodeFields => (_tcHours, _tcMinutes, _tcSeconds, _tcFrames);

    /// <summary>The frame's rate as an exact fraction (time scale over frame duration).</summary>
    public readonly FrameRate Rate => DeckLinkDisplayMode.RateOf(_timeScale, _frameDuration);

    /// <summary>The RP188 timecode as a <see cref="Timecode"/>, or null when absent or not a legal label at this rate.</summary>
    public readonly Timecode? GetTimecode()
    {
        if (_hasTimecode == 0 || _timeScale <= 0 || _frameDuration <= 0) return null;
        var rate = Rate;
        var drop = TimecodeIsDropFrame && rate.SupportsDropFrame;
        return Timecode.TryFromBcd(_timecodeBcd, rate, drop, out var tc) ? tc : null;
    }

    /// <summary>The pixels, valid until <see cref="Handle"/> is released.</summary>
    public readonly ReadOnlySpan<byte> Pixels => _bytes == 0 ? default : new ReadOnlySpan<byte>((void*)_bytes, checked((int)_sizeBytes));
}

/// <summary>A detected input format change the shim has already followed (mirror of LgDeckLinkInputChange).</summary>
[StructLayout(LayoutKind.Sequential)]
public readonly struct DeckLinkInputChange
{
    private readonly long _frameDuration;
    private readonly long _timeScale;
    private readonly uint _events;
    private readonly uint _detectedFlags;
    private readonly uint _displayMode;
    private readonly uint _pixelFormat;
    private readonly int _width;
    private readonly int _height;
    private readonly int _status;
    private readonly int _reserved;

    public long FrameDuration => _frameDuration;
    public long TimeScale => _timeScale;

    /// <summary>BMDVideoInputFormatChangedEvents: 1 display mode, 2 field dominance, 4 colourspace.</summary>
    public uint Events => _events;

    /// <summary>BMDDetectedVideoInputFormatFlags: 1 YCbCr 4:2:2, 2 RGB 4:4:4, 8/16/32 = 12/10/8-bit.</summary>
    public uint DetectedFlags => _detectedFlags;
    public uint DisplayMode => _displayMode;
    public uint PixelFormat => _pixelFormat;
    public int Width => _width;
    public int Height => _height;

    /// <summary>True when the input was re-enabled in the new mode; false when that failed (capture stopped).</summary>
    public bool Followed => _status == 0;
    public FrameRate Rate => DeckLinkDisplayMode.RateOf(_timeScale, _frameDuration);
}

/// <summary>Capture counters (mirror of LgDeckLinkCaptureStats).</summary>
[StructLayout(LayoutKind.Sequential)]
public readonly record struct DeckLinkCaptureStats(
    ulong FramesArrived, ulong FramesDelivered, ulong NoSignalFrames, ulong DroppedAllHeld, ulong DroppedNoAccess,
    ulong FormatChanges, long FramesHeld);

/// <summary>Playout counters (mirror of LgDeckLinkPlayoutStats).</summary>
[StructLayout(LayoutKind.Sequential)]
public readonly record struct DeckLinkPlayoutStats(
    ulong Submitted, ulong Scheduled, ulong Completed, ulong DisplayedLate, ulong Dropped, ulong Flushed, ulong Repeated,
    ulong QueueOverflows, ulong ScheduleErrors, ulong Resyncs, int Queued, int InFlight, int FreeBuffers, int Running);

/// <summary>A driver frame to fill for playout (mirror of LgDeckLinkPlayoutBuffer).</summary>
[StructLayout(LayoutKind.Sequential)]
public readonly unsafe struct DeckLinkPlayoutBuffer
{
    private readonly nint _bytes;
    private readonly long _rowBytes;
    private readonly long _sizeBytes;
    private readonly int _id;
    private readonly int _width;
    private readonly int _height;
    private readonly uint _pixelFormat;

    public nint Bytes => _bytes;
    public long RowBytes => _rowBytes;
    public long SizeBytes => _sizeBytes;
    public int Id => _id;
    public int Width => _width;
    public int Height => _height;
    public uint PixelFormat => _pixelFormat;

    /// <summary>The frame's memory, writable until it is submitted or cancelled.</summary>
    public Span<byte> Pixels => new((void*)_bytes, checked((int)_sizeBytes));
}
