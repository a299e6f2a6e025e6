namespace LiveGrade.Core.Video.Packing;

/// <summary>
/// A 4:2:2 YCbCr picture as three planes of integer code values (8- or 10-bit, stored in ushort):
/// Y has Width x Height samples, Cb and Cr have Width/2 x Height. Chroma sample k is cosited with luma
/// sample 2k (ITU-R BT.709 / SMPTE ST 274 siting), which is how v210 and 2vuy order them.
/// The layout of ffmpeg's yuv422p10le / yuv422p, so planes compare with ffmpeg's output directly.
/// </summary>
public sealed class YCbCr422Planes
{
    public YCbCr422Planes(int width, int height)
    {
        if (width <= 0 || height <= 0 || (width & 1) != 0)
        {
            throw new ArgumentException($"4:2:2 needs a positive even width and a positive height, got {width}x{height}");
        }
        Width = width;
        Height = height;
        Y = new ushort[width * height];
        Cb = new ushort[width / 2 * height];
        Cr = new ushort[width / 2 * height];
    }

    public int Width { get; }
    public int Height { get; }
    public int ChromaWidth => Width / 2;
    public ushort[] Y { get; }
    public ushort[] Cb { get; }
    public ushort[] Cr { get; }
}

/// <summary>An RGB picture as three full-resolution planes of integer code values (10- or 12-bit in ushort).</summary>
public sealed class RgbPlanes
{
    public RgbPlanes(int width, int height)
    {
        if (width <= 0 || height <= 0)
        {
            throw new ArgumentException($"picture size must be positive, got {width}x{height}");
        }
        Width = width;
        Height = height;
        R = new ushort[width * height];
        G = new ushort[width * height];
        B = new ushort[width * height];
    }

    public int Width { get; }
    public int Height { get; }
    public ushort[] R { get; }
    public ushort[] G { get; }
    public ushort[] B { get; }
}
