using LiveGrade.Core.Video;

namespace LiveGrade.Video.Rtp;

/// <summary>The RFC 4175 / ST 2110-20 <c>sampling</c> values LiveGrade carries.</summary>
public enum RtpSampling
{
    /// <summary><c>YCbCr-4:2:2</c>: pixel groups of two pixels, samples Cb Y0 Cr Y1.</summary>
    YCbCr422,

    /// <summary><c>RGB</c>: samples R G B per pixel.</summary>
    Rgb,
}

/// <summary>
/// The pixel group ("pgroup") of one RFC 4175 payload: the smallest run of pixels whose samples end on an
/// octet boundary, which a packet never splits (RFC 4175 §4.3, ST 2110-20 §6.2.2). Samples are packed most
/// significant bit first, one after the other, with no padding inside the group.
/// <list type="table">
/// <item><term>YCbCr-4:2:2 8-bit</term><description>4 octets, 2 pixels: Cb Y0 Cr Y1 (LiveGrade frame: <see cref="PixelFormat.Uyvy8"/>)</description></item>
/// <item><term>YCbCr-4:2:2 10-bit</term><description>5 octets, 2 pixels (<see cref="PixelFormat.V210"/>)</description></item>
/// <item><term>RGB 8-bit</term><description>3 octets, 1 pixel: R G B (<see cref="PixelFormat.Bgra8"/>)</description></item>
/// <item><term>RGB 10-bit</term><description>15 octets, 4 pixels (<see cref="PixelFormat.Rgb10"/>, DeckLink r210)</description></item>
/// </list>
/// </summary>
public readonly record struct RtpVideoFormat
{
    public RtpVideoFormat(RtpSampling sampling, int depth)
    {
        if (depth is not (8 or 10))
        {
            throw new ArgumentOutOfRangeException(nameof(depth), depth, "LiveGrade carries 8-bit and 10-bit RTP video");
        }
        Sampling = sampling;
        Depth = depth;
    }

    public RtpSampling Sampling { get; }

    /// <summary>Bits per sample: 8 or 10.</summary>
    public int Depth { get; }

    public static RtpVideoFormat YCbCr422Bit10 { get; } = new(RtpSampling.YCbCr422, 10);
    public static RtpVideoFormat YCbCr422Bit8 { get; } = new(RtpSampling.YCbCr422, 8);
    public static RtpVideoFormat RgbBit10 { get; } = new(RtpSampling.Rgb, 10);
    public static RtpVideoFormat RgbBit8 { get; } = new(RtpSampling.Rgb, 8);

    /// <summary>Octets in one pixel group.</summary>
    public int PgroupBytes => (Sampling, Depth) switch
    {
        (RtpSampling.YCbCr422, 8) => 4,
        (RtpSampling.YCbCr422, 10) => 5,
        (RtpSampling.Rgb, 8) => 3,
        _ => 15,
    };

    /// <summary>Pixels in one pixel group.</summary>
    public int PgroupPixels => (Sampling, Depth) switch
    {
        (RtpSampling.YCbCr422, _) => 2,
        (RtpSampling.Rgb, 8) => 1,
        _ => 4,
    };

    /// <summary>The LiveGrade frame layout that holds this format without loss.</summary>
    public PixelFormat FramePixelFormat => (Sampling, Depth) switch
    {
        (RtpSampling.YCbCr422, 8) => PixelFormat.Uyvy8,
        (RtpSampling.YCbCr422, 10) => PixelFormat.V210,
        (RtpSampling.Rgb, 8) => PixelFormat.Bgra8,
        _ => PixelFormat.Rgb10,
    };

    /// <summary>The SDP <c>sampling</c> value.</summary>
    public string SamplingName => Sampling == RtpSampling.YCbCr422 ? "YCbCr-4:2:2" : "RGB";

    /// <summary>Octets of one whole line of <paramref name="width"/> pixels.</summary>
    public int LineBytes(int width) => checked(width / PgroupPixels * PgroupBytes);

    /// <summary>The format that carries frames of <paramref name="format"/>, or false when RTP has none LiveGrade sends.</summary>
    public static bool TryFor(PixelFormat format, out RtpVideoFormat rtp)
    {
        switch (format)
        {
            case PixelFormat.V210: rtp = YCbCr422Bit10; return true;
            case PixelFormat.Uyvy8: rtp = YCbCr422Bit8; return true;
            case PixelFormat.Rgb10: rtp = RgbBit10; return true;
            case PixelFormat.Bgra8: rtp = RgbBit8; return true;
            default: rtp = default; return false;
        }
    }

    /// <summary>Parses the SDP <c>sampling</c> and <c>depth</c> values; false with a reason when LiveGrade does not carry them.</summary>
    public static bool TryParse(string sampling, int depth, out RtpVideoFormat format, out string? reason)
    {
        format = default;
        reason = null;
        RtpSampling s;
        if (sampling == "YCbCr-4:2:2") s = RtpSampling.YCbCr422;
        else if (sampling == "RGB") s = RtpSampling.Rgb;
        else
        {
            reason = $"sampling '{sampling}' is not supported (LiveGrade carries YCbCr-4:2:2 and RGB)";
            return false;
        }
        if (depth is not (8 or 10))
        {
            reason = $"depth {depth} is not supported (LiveGrade carries 8 and 10 bits)";
            return false;
        }
        format = new RtpVideoFormat(s, depth);
        return true;
    }

    public override string ToString() => $"{SamplingName} {Depth}-bit";
}
