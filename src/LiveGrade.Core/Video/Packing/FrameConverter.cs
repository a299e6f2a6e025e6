namespace LiveGrade.Core.Video.Packing;

/// <summary>
/// The CPU reference for whole frames: packed bytes of any supported <see cref="PixelFormat"/> to RGBA
/// float and back, through the packers, <see cref="VideoLevels"/>, <see cref="YCbCrCoefficients"/> and
/// the chroma rules of <see cref="ChromaFilter"/>. The GPU unpack and pack passes compute the same values
/// bit for bit. Decoded alpha is 1 except for RGBA half, which carries its own.
/// Scalar and allocating (planes per call): a reference and a file-path tool, not the live path.
/// </summary>
public static class FrameConverter
{
    /// <summary>Formats this converter (and the GPU passes) handle.</summary>
    public static bool Supports(PixelFormat format) => format is PixelFormat.V210 or PixelFormat.Uyvy8 or PixelFormat.Rgb10
        or PixelFormat.Rgb10X or PixelFormat.Rgb12 or PixelFormat.Rgba16F or PixelFormat.Rgba32F;

    public static void Decode(VideoFrame frame, Span<float> rgba) =>
        Decode(frame.Format, frame.Data, frame.RowBytes, frame.Width, frame.Height, frame.Matrix, frame.Range, rgba);

    public static void Encode(ReadOnlySpan<float> rgba, VideoFrame frame, ChromaFilter filter = ChromaFilter.Cosited) =>
        Encode(rgba, frame.Format, frame.Data, frame.RowBytes, frame.Width, frame.Height, frame.Matrix, frame.Range, filter);

    public static void Decode(PixelFormat format, ReadOnlySpan<byte> data, int rowBytes, int width, int height,
        YCbCrMatrix matrix, SignalRange range, Span<float> rgba)
    {
        CheckRgba(rgba.Length, width, height);
        switch (format)
        {
            case PixelFormat.V210 or PixelFormat.Uyvy8:
            {
                var planes = new YCbCr422Planes(width, height);
                if (format == PixelFormat.V210)
                {
                    V210Packer.Unpack(data, rowBytes, planes);
                }
                else
                {
                    Uyvy8Packer.Unpack(data, rowBytes, planes);
                }
                YCbCrToRgba(planes, PixelFormats.BitDepth(format), matrix, range, rgba);
                break;
            }
            case PixelFormat.Rgb10 or PixelFormat.Rgb10X or PixelFormat.Rgb12:
            {
                var planes = new RgbPlanes(width, height);
                if (format == PixelFormat.Rgb12)
                {
                    Rgb12Packer.Unpack(data, rowBytes, planes);
                }
                else
                {
                    Rgb10Packer.Unpack(format, data, rowBytes, planes);
                }
                RgbToRgba(planes, PixelFormats.BitDepth(format), range, rgba);
                break;
            }
            case PixelFormat.Rgba16F:
                Rgba16FPacker.Unpack(data, rowBytes, width, height, rgba);
                break;
            case PixelFormat.Rgba32F:
                for (int y = 0; y < height; y++)
                {
                    System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(data.Slice(y * rowBytes, width * 16))
                        .CopyTo(rgba.Slice(4 * y * width, 4 * width));
                }
                break;
            default:
                throw new NotSupportedException($"no converter for {PixelFormats.Name(format)} yet");
        }
    }

    public static void Encode(ReadOnlySpan<float> rgba, PixelFormat format, Span<byte> data, int rowBytes, int width, int height,
        YCbCrMatrix matrix, SignalRange range, ChromaFilter filter = ChromaFilter.Cosited)
    {
        CheckRgba(rgba.Length, width, height);
        switch (format)
        {
            case PixelFormat.V210 or PixelFormat.Uyvy8:
            {
                var planes = new YCbCr422Planes(width, height);
                RgbaToYCbCr(rgba, PixelFormats.BitDepth(format), matrix, range, filter, planes);
                if (format == PixelFormat.V210)
                {
                    V210Packer.Pack(planes, data, rowBytes);
                }
                else
                {
                    Uyvy8Packer.Pack(planes, data, rowBytes);
                }
                break;
            }
            case PixelFormat.Rgb10 or PixelFormat.Rgb10X or PixelFormat.Rgb12:
            {
                var planes = new RgbPlanes(width, height);
                RgbaToRgb(rgba, PixelFormats.BitDepth(format), range, planes);
                if (format == PixelFormat.Rgb12)
                {
                    Rgb12Packer.Pack(planes, data, rowBytes);
                }
                else
                {
                    Rgb10Packer.Pack(format, planes, data, rowBytes);
                }
                break;
            }
            case PixelFormat.Rgba16F:
                Rgba16FPacker.Pack(rgba, width, height, data, rowBytes);
                break;
            case PixelFormat.Rgba32F:
                for (int y = 0; y < height; y++)
                {
                    var row = data.Slice(y * rowBytes, rowBytes);
                    row.Clear();
                    System.Runtime.InteropServices.MemoryMarshal.AsBytes(rgba.Slice(4 * y * width, 4 * width)).CopyTo(row);
                }
                break;
            default:
                throw new NotSupportedException($"no converter for {PixelFormats.Name(format)} yet");
        }
    }

    /// <summary>4:2:2 codes to RGBA float: chroma upsampled (see <see cref="ChromaFilter"/>), then the matrix.</summary>
    public static void YCbCrToRgba(YCbCr422Planes p, int bits, YCbCrMatrix matrix, SignalRange range, Span<float> rgba)
    {
        var k = YCbCrCoefficients.For(matrix);
        var luma = VideoLevels.Luma(bits, range, sdiProtected: true);
        var chroma = VideoLevels.Chroma(bits, range, sdiProtected: true);
        int w = p.Width, cw = p.ChromaWidth;
        for (int y = 0; y < p.Height; y++)
        {
            for (int x = 0; x < w; x++)
            {
                int c = y * cw + (x >> 1);
                float cb = p.Cb[c], cr = p.Cr[c];
                if ((x & 1) != 0 && (x >> 1) + 1 < cw)
                {
                    cb = (cb + p.Cb[c + 1]) * 0.5f; // exact: sums of codes below 2^24
                    cr = (cr + p.Cr[c + 1]) * 0.5f;
                }
                float ey = luma.Decode(p.Y[y * w + x]);
                float ecb = chroma.Decode(cb), ecr = chroma.Decode(cr);
                int o = 4 * (y * w + x);
                rgba[o] = ey + k.CrToR * ecr;
                rgba[o + 1] = ey + k.CbToG * ecb + k.CrToG * ecr;
                rgba[o + 2] = ey + k.CbToB * ecb;
                rgba[o + 3] = 1f;
            }
        }
    }

    /// <summary>RGBA float to 4:2:2 codes: the matrix per pixel, chroma reduced by <paramref name="filter"/>.</summary>
    public static void RgbaToYCbCr(ReadOnlySpan<float> rgba, int bits, YCbCrMatrix matrix, SignalRange range,
        ChromaFilter filter, YCbCr422Planes p)
    {
        var k = YCbCrCoefficients.For(matrix);
        var luma = VideoLevels.Luma(bits, range, sdiProtected: true);
        var chroma = VideoLevels.Chroma(bits, range, sdiProtected: true);
        int w = p.Width, cw = p.ChromaWidth;
        for (int y = 0; y < p.Height; y++)
        {
            var row = rgba.Slice(4 * y * w, 4 * w);
            for (int x = 0; x < w; x++)
            {
                p.Y[y * w + x] = (ushort)luma.Encode(Luma(k, row, x));
            }
            for (int c = 0; c < cw; c++)
            {
                int x = 2 * c;
                var (cb, cr) = ChromaAt(k, row, x);
                if (filter == ChromaFilter.Filtered121)
                {
                    var (cbL, crL) = ChromaAt(k, row, Math.Max(x - 1, 0));
                    var (cbR, crR) = ChromaAt(k, row, Math.Min(x + 1, w - 1));
                    cb = (cbL + cb * 2f + cbR) * 0.25f;
                    cr = (crL + cr * 2f + crR) * 0.25f;
                }
                p.Cb[y * cw + c] = (ushort)chroma.Encode(cb);
                p.Cr[y * cw + c] = (ushort)chroma.Encode(cr);
            }
        }
    }

    private static float Luma(in YCbCrCoefficients k, ReadOnlySpan<float> row, int x) =>
        k.Kr * row[4 * x] + k.Kg * row[4 * x + 1] + k.Kb * row[4 * x + 2];

    private static (float Cb, float Cr) ChromaAt(in YCbCrCoefficients k, ReadOnlySpan<float> row, int x)
    {
        float ey = Luma(k, row, x);
        return ((row[4 * x + 2] - ey) * k.CbScale, (row[4 * x] - ey) * k.CrScale);
    }

    public static void RgbToRgba(RgbPlanes p, int bits, SignalRange range, Span<float> rgba)
    {
        var s = VideoLevels.Luma(bits, range, sdiProtected: false);
        for (int i = 0; i < p.Width * p.Height; i++)
        {
            rgba[4 * i] = s.Decode(p.R[i]);
            rgba[4 * i + 1] = s.Decode(p.G[i]);
            rgba[4 * i + 2] = s.Decode(p.B[i]);
            rgba[4 * i + 3] = 1f;
        }
    }

    public static void RgbaToRgb(ReadOnlySpan<float> rgba, int bits, SignalRange range, RgbPlanes p)
    {
        var s = VideoLevels.Luma(bits, range, sdiProtected: false);
        for (int i = 0; i < p.Width * p.Height; i++)
        {
            p.R[i] = (ushort)s.Encode(rgba[4 * i]);
            p.G[i] = (ushort)s.Encode(rgba[4 * i + 1]);
            p.B[i] = (ushort)s.Encode(rgba[4 * i + 2]);
        }
    }

    private static void CheckRgba(int length, int width, int height)
    {
        if (length < 4L * width * height)
        {
            throw new ArgumentException($"RGBA buffer of {length} floats is smaller than {width}x{height} pixels");
        }
    }
}
