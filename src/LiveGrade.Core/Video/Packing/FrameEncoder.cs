namespace LiveGrade.Core.Video.Packing;

/// <summary>
/// <see cref="FrameConverter.Encode(ReadOnlySpan{float}, VideoFrame, ChromaFilter)"/> for the live path:
/// the integer planes are kept between frames (made again only when the size changes), so packing an
/// output stream allocates nothing. Same arithmetic as the reference. Also writes 8-bit BGRA (full range).
/// One instance per output thread; not thread-safe.
/// </summary>
public sealed class FrameEncoder
{
    private YCbCr422Planes? _yuv;
    private RgbPlanes? _rgb;

    /// <summary>Packs RGBA float (0..1 = black..white) into <paramref name="frame"/>'s layout, matrix and range.</summary>
    public void Encode(ReadOnlySpan<float> rgba, VideoFrame frame, ChromaFilter filter = ChromaFilter.Cosited)
    {
        int w = frame.Width, h = frame.Height;
        switch (frame.Format)
        {
            case PixelFormat.V210 or PixelFormat.Uyvy8:
                if (_yuv is null || _yuv.Width != w || _yuv.Height != h) _yuv = new YCbCr422Planes(w, h);
                FrameConverter.RgbaToYCbCr(rgba, PixelFormats.BitDepth(frame.Format), frame.Matrix, frame.Range, filter, _yuv);
                if (frame.Format == PixelFormat.V210)
                {
                    V210Packer.Pack(_yuv, frame.Data, frame.RowBytes);
                }
                else
                {
                    Uyvy8Packer.Pack(_yuv, frame.Data, frame.RowBytes);
                }
                break;
            case PixelFormat.Rgb10 or PixelFormat.Rgb10X or PixelFormat.Rgb12:
                if (_rgb is null || _rgb.Width != w || _rgb.Height != h) _rgb = new RgbPlanes(w, h);
                FrameConverter.RgbaToRgb(rgba, PixelFormats.BitDepth(frame.Format), frame.Range, _rgb);
                if (frame.Format == PixelFormat.Rgb12)
                {
                    Rgb12Packer.Pack(_rgb, frame.Data, frame.RowBytes);
                }
                else
                {
                    Rgb10Packer.Pack(frame.Format, _rgb, frame.Data, frame.RowBytes);
                }
                break;
            case PixelFormat.Bgra8:
                for (int y = 0; y < h; y++)
                {
                    var row = frame.Row(y);
                    var src = rgba.Slice(4 * y * w, 4 * w);
                    for (int x = 0; x < w; x++)
                    {
                        row[4 * x] = Byte(src[4 * x + 2]);
                        row[4 * x + 1] = Byte(src[4 * x + 1]);
                        row[4 * x + 2] = Byte(src[4 * x]);
                        row[4 * x + 3] = Byte(src[4 * x + 3]);
                    }
                }
                break;
            default:
                FrameConverter.Encode(rgba, frame, filter);
                break;
        }
    }

    // NaN packs as 0, as the other layouts do.
    private static byte Byte(float v) => float.IsNaN(v) ? (byte)0 : (byte)Math.Clamp(MathF.Round(v * 255f), 0f, 255f);
}
