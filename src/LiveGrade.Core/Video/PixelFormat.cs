namespace LiveGrade.Core.Video;

/// <summary>
/// Pixel layouts of frames in memory. Where DeckLink has the same layout, the value is its BMDPixelFormat
/// FourCC so that frames pass to and from the card without a table (facts: shared/reference/decklink §7).
/// Row bytes, packing and alignment: <see cref="PixelFormats"/>.
/// </summary>
public enum PixelFormat : uint
{
    /// <summary>'2vuy': 8-bit 4:2:2 YCbCr, bytes Cb Y0 Cr Y1 (what other APIs call UYVY); width*2 bytes a row.</summary>
    Uyvy8 = 0x32767579,

    /// <summary>'v210': 10-bit 4:2:2 YCbCr, 6 pixels in four little-endian words, rows padded to 128 bytes.</summary>
    V210 = 0x76323130,

    /// <summary>'r210': 10-bit RGB in one big-endian word (bits 29-20 R, 19-10 G, 9-0 B), rows padded to 256 bytes.</summary>
    Rgb10 = 0x72323130,

    /// <summary>'R10b': 10-bit RGB in one big-endian word (bits 31-22 R, 21-12 G, 11-2 B), rows padded to 256 bytes.</summary>
    Rgb10X = 0x52313062,

    /// <summary>'R12B': 12-bit RGB, 8 pixels in 36 bytes of big-endian words, full range 0-4095.</summary>
    Rgb12 = 0x52313242,

    /// <summary>'BGRA': 8-bit B, G, R, A bytes.</summary>
    Bgra8 = 0x42475241,

    /// <summary>LiveGrade's own: RGBA half float (IEEE 754 binary16), 8 bytes a pixel, linear or encoded as tagged.</summary>
    Rgba16F = 0x52474268, // 'RGBh'

    /// <summary>LiveGrade's own: RGBA single float, 16 bytes a pixel; the CPU renderers' native layout.</summary>
    Rgba32F = 0x52474266, // 'RGBf'
}

/// <summary>Facts about each <see cref="PixelFormat"/>: bytes per row, chroma subsampling, bit depth.</summary>
public static class PixelFormats
{
    public static IReadOnlyList<PixelFormat> All { get; } = Enum.GetValues<PixelFormat>();

    /// <summary>
    /// Bytes in one row including the format's padding. The v210 (128-byte / 48-pixel) and r210/R10b
    /// (256-byte / 64-pixel) alignments and R12B's 36 bytes per 8 pixels are the DeckLink SDK's rules.
    /// </summary>
    public static int RowBytes(PixelFormat format, int width)
    {
        if (width <= 0) throw new ArgumentOutOfRangeException(nameof(width), width, "width must be positive");
        return format switch
        {
            PixelFormat.Uyvy8 => checked(((width + 1) / 2) * 4),
            PixelFormat.V210 => checked((width + 47) / 48 * 128),
            PixelFormat.Rgb10 or PixelFormat.Rgb10X => checked((width + 63) / 64 * 256),
            PixelFormat.Rgb12 => checked((width + 7) / 8 * 36),
            PixelFormat.Bgra8 => checked(width * 4),
            PixelFormat.Rgba16F => checked(width * 8),
            PixelFormat.Rgba32F => checked(width * 16),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "unknown pixel format"),
        };
    }

    /// <summary>Bytes of a whole frame (row bytes times height).</summary>
    public static int FrameBytes(PixelFormat format, int width, int height)
    {
        if (height <= 0) throw new ArgumentOutOfRangeException(nameof(height), height, "height must be positive");
        return checked(RowBytes(format, width) * height);
    }

    /// <summary>True for the 4:2:2 YCbCr layouts, whose width must be even.</summary>
    public static bool IsYCbCr422(PixelFormat format) => format is PixelFormat.Uyvy8 or PixelFormat.V210;

    /// <summary>Bits per component as stored (16 and 32 for the float layouts).</summary>
    public static int BitDepth(PixelFormat format) => format switch
    {
        PixelFormat.Uyvy8 or PixelFormat.Bgra8 => 8,
        PixelFormat.V210 or PixelFormat.Rgb10 or PixelFormat.Rgb10X => 10,
        PixelFormat.Rgb12 => 12,
        PixelFormat.Rgba16F => 16,
        PixelFormat.Rgba32F => 32,
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "unknown pixel format"),
    };

    /// <summary>The name used on the command line and in show files (v210, uyvy, r210, r10b, r12b, bgra, rgba16f, rgba32f).</summary>
    public static string Name(PixelFormat format) => format switch
    {
        PixelFormat.Uyvy8 => "uyvy",
        PixelFormat.V210 => "v210",
        PixelFormat.Rgb10 => "r210",
        PixelFormat.Rgb10X => "r10b",
        PixelFormat.Rgb12 => "r12b",
        PixelFormat.Bgra8 => "bgra",
        PixelFormat.Rgba16F => "rgba16f",
        PixelFormat.Rgba32F => "rgba32f",
        _ => format.ToString(),
    };

    /// <summary>Parses a <see cref="Name"/> (case-insensitive; "2vuy" is accepted for uyvy).</summary>
    public static bool TryParse(string text, out PixelFormat format)
    {
        foreach (var f in All)
        {
            if (string.Equals(Name(f), text, StringComparison.OrdinalIgnoreCase))
            {
                format = f;
                return true;
            }
        }
        if (string.Equals(text, "2vuy", StringComparison.OrdinalIgnoreCase))
        {
            format = PixelFormat.Uyvy8;
            return true;
        }
        format = default;
        return false;
    }
}
