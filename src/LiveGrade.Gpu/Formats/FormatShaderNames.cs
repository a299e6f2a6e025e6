using LiveGrade.Core.Video;

namespace LiveGrade.Gpu.Formats;

/// <summary>Which shader files unpack and pack each pixel format, and how many items one invocation covers.</summary>
internal static class FormatShaderNames
{
    public static (string File, int PixelsPerItem) Unpack(PixelFormat f) => f switch
    {
        PixelFormat.V210 => ("unpack_v210.comp", 6),
        PixelFormat.Uyvy8 => ("unpack_uyvy.comp", 2),
        PixelFormat.Rgb10 or PixelFormat.Rgb10X => ("unpack_rgb10.comp", 1),
        PixelFormat.Rgb12 => ("unpack_r12b.comp", 8),
        PixelFormat.Rgba16F => ("unpack_rgba16f.comp", 1),
        PixelFormat.Rgba32F => ("unpack_rgba32f.comp", 1),
        _ => throw new NotSupportedException($"no GPU unpack for {PixelFormats.Name(f)} yet"),
    };

    /// <summary>Pack shaders run one invocation per item of the padded row: WordsPerItem words each.</summary>
    public static (string File, int WordsPerItem) Pack(PixelFormat f) => f switch
    {
        PixelFormat.V210 => ("pack_v210.comp", 4),
        PixelFormat.Uyvy8 => ("pack_uyvy.comp", 1),
        PixelFormat.Rgb10 or PixelFormat.Rgb10X => ("pack_rgb10.comp", 1),
        PixelFormat.Rgb12 => ("pack_r12b.comp", 9),
        PixelFormat.Rgba16F => ("pack_rgba16f.comp", 2),
        PixelFormat.Rgba32F => ("pack_rgba32f.comp", 4),
        _ => throw new NotSupportedException($"no GPU pack for {PixelFormats.Name(f)} yet"),
    };

    public static int Shift(PixelFormat f) => f == PixelFormat.Rgb10X ? 2 : 0;

    public static bool IsYCbCr(PixelFormat f) => PixelFormats.IsYCbCr422(f);

    public static void CheckRowBytes(PixelFormat format, int width, int rowBytes)
    {
        if (rowBytes % 4 != 0 || rowBytes < PixelFormats.RowBytes(format, width))
        {
            throw new ArgumentException($"{PixelFormats.Name(format)} at width {width}: row bytes {rowBytes} must be a multiple of 4 and at least {PixelFormats.RowBytes(format, width)}");
        }
    }
}
