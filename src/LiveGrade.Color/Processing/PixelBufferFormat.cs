namespace LiveGrade.Color.Processing;

/// <summary>How one sample of a CPU pixel buffer is stored.</summary>
public enum PixelSample
{
    /// <summary>32-bit float.</summary>
    Float32,

    /// <summary>IEEE 754 binary16 (System.Half).</summary>
    Half,

    /// <summary>Unsigned integer code 0..1023 in a 16-bit word (low bits), full range: value = code / 1023.</summary>
    UInt10,

    /// <summary>Unsigned integer code 0..4095 in a 16-bit word (low bits), full range: value = code / 4095.</summary>
    UInt12,

    /// <summary>Unsigned integer code 0..65535, full range: value = code / 65535.</summary>
    UInt16,
}

/// <summary>
/// A packed, interleaved CPU pixel buffer layout: 3 (RGB) or 4 (RGBA) samples per pixel of one
/// <see cref="PixelSample"/> kind. Alpha, where present, is never changed.
/// </summary>
public readonly record struct PixelBufferFormat(int Channels, PixelSample Sample)
{
    public static readonly PixelBufferFormat Rgba32F = new(4, PixelSample.Float32);
    public static readonly PixelBufferFormat Rgb32F = new(3, PixelSample.Float32);
    public static readonly PixelBufferFormat Rgba16F = new(4, PixelSample.Half);
    public static readonly PixelBufferFormat Rgb16F = new(3, PixelSample.Half);

    /// <summary>Bytes per sample.</summary>
    public int SampleBytes => Sample == PixelSample.Float32 ? 4 : 2;

    /// <summary>Largest integer code (1023, 4095, 65535), 0 for float samples.</summary>
    public int MaxCode => Sample switch
    {
        PixelSample.UInt10 => 1023,
        PixelSample.UInt12 => 4095,
        PixelSample.UInt16 => 65535,
        _ => 0,
    };

    /// <summary>RGB or RGBA integer samples of 10, 12 or 16 bits.</summary>
    public static PixelBufferFormat Integer(int channels, int bits) => new(channels, bits switch
    {
        10 => PixelSample.UInt10,
        12 => PixelSample.UInt12,
        16 => PixelSample.UInt16,
        _ => throw new ArgumentOutOfRangeException(nameof(bits), bits, "integer samples are 10, 12 or 16 bits"),
    });

    internal void Validate()
    {
        if (Channels is not (3 or 4))
        {
            throw new ArgumentOutOfRangeException(nameof(Channels), Channels, "pixels have 3 (RGB) or 4 (RGBA) samples");
        }
    }
}
