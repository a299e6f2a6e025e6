namespace LiveGrade.Core.Video;

/// <summary>Picture size, rate and layout of a stream (progressive; LiveGrade does not carry interlaced fields).</summary>
public readonly record struct VideoMode(int Width, int Height, FrameRate Rate, PixelFormat Format)
{
    public static VideoMode Hd1080(FrameRate rate, PixelFormat format = PixelFormat.V210) => new(1920, 1080, rate, format);

    public int RowBytes => PixelFormats.RowBytes(Format, Width);
    public int FrameBytes => PixelFormats.FrameBytes(Format, Width, Height);

    /// <summary>"1920x1080p25 v210".</summary>
    public override string ToString() => $"{Width}x{Height}p{Rate} {PixelFormats.Name(Format)}";
}

/// <summary>Which YCbCr matrix a 4:2:2 frame uses (ITU-R BT.709 or BT.2020 non-constant luminance).</summary>
public enum YCbCrMatrix
{
    Rec709,
    Rec2020,
}

/// <summary>
/// Code-value range of integer video: narrow ("legal", SMPTE levels: 10-bit Y 64-940, C 64-960) or
/// full (0-1023). Float layouts are always full.
/// </summary>
public enum SignalRange
{
    Narrow,
    Full,
}

/// <summary>Per-frame conditions that a sink or the engine must know about.</summary>
[Flags]
public enum FrameFlags
{
    None = 0,

    /// <summary>The source had no input signal; the picture is whatever the driver gave (usually black).</summary>
    NoSignal = 1,

    /// <summary>Parts of the picture never arrived (e.g. lost RTP packets) and were concealed from the previous frame.</summary>
    Concealed = 2,

    /// <summary>The same picture as the previous frame, sent again because the next one was late.</summary>
    Repeated = 4,
}
