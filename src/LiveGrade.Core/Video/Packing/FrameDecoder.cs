namespace LiveGrade.Core.Video.Packing;

/// <summary>
/// <see cref="FrameConverter.Decode(VideoFrame, Span{float})"/> for the live path: the integer planes are
/// kept between frames and made again only when the picture size changes, so decoding a stream of frames
/// allocates nothing. Same arithmetic as the reference (it calls the same packers and level maths).
/// Also reads 8-bit BGRA, which the reference has no codec for.
/// One instance per input thread; not thread-safe.
/// </summary>
public sealed class FrameDecoder
{
    private YCbCr422Planes? _yuv;
    private RgbPlanes? _rgb;

    /// <summary>Decodes <paramref name="frame"/> to RGBA float (0..1 = black..white in the frame's range; A = 1 unless the frame carries alpha).</summary>
    public void Decode(VideoFrame frame, Span<float> rgba)
    {
        int w = frame.Width, h = frame.Height;
        switch (frame.Format)
        {
            case PixelFormat.V210 or PixelFormat.Uyvy8:
                if (_yuv is null || _yuv.Width != w || _yuv.Height != h) _yuv = new YCbCr422Planes(w, h);
                if (frame.Format == PixelFormat.V210)
                {
                    V210Packer.Unpack(frame.Data, frame.RowBytes, _yuv);
                }
                else
                {
                    Uyvy8Packer.Unpack(frame.Data, frame.RowBytes, _yuv);
                }
                FrameConverter.YCbCrToRgba(_yuv, PixelFormats.BitDepth(frame.Format), frame.Matrix, frame.Range, rgba);
                break;
            case PixelFormat.Rgb10 or PixelFormat.Rgb10X or PixelFormat.Rgb12:
                if (_rgb is null || _rgb.Width != w || _rgb.Height != h) _rgb = new RgbPlanes(w, h);
                if (frame.Format == PixelFormat.Rgb12)
                {
                    Rgb12Packer.Unpack(frame.Data, frame.RowBytes, _rgb);
                }
                else
                {
                    Rgb10Packer.Unpack(frame.Format, frame.Data, frame.RowBytes, _rgb);
                }
                FrameConverter.RgbToRgba(_rgb, PixelFormats.BitDepth(frame.Format), frame.Range, rgba);
                break;
            case PixelFormat.Bgra8:
                // Computer RGB, full range (as DeckLink's bmdFormat8BitBGRA): 0..255 is black..white.
                for (int y = 0; y < h; y++)
                {
                    var row = frame.Row(y);
                    var dst = rgba.Slice(4 * y * w, 4 * w);
                    for (int x = 0; x < w; x++)
                    {
                        dst[4 * x] = row[4 * x + 2] / 255f;
                        dst[4 * x + 1] = row[4 * x + 1] / 255f;
                        dst[4 * x + 2] = row[4 * x] / 255f;
                        dst[4 * x + 3] = row[4 * x + 3] / 255f;
                    }
                }
                break;
            default:
                FrameConverter.Decode(frame, rgba); // half and float need no planes
                break;
        }
    }
}
