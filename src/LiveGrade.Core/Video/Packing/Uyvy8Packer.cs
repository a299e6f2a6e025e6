namespace LiveGrade.Core.Video.Packing;

/// <summary>
/// '2vuy' (DeckLink bmdFormat8BitYUV, UYVY elsewhere) to and from 8-bit 4:2:2 planes: two pixels in four
/// bytes Cb Y0 Cr Y1 (shared/reference/decklink §7), rows of width*2 bytes.
/// Packing clips to 1..254 (0 and 255 are SDI timing-reference codes, as 0-3/1020-1023 are at 10 bits);
/// unpacking returns the bytes as they are. Without those two codes the layout is ffmpeg's uyvy422.
/// </summary>
public static class Uyvy8Packer
{
    public const int MinCode = 1, MaxCode = 254;

    public static void Unpack(ReadOnlySpan<byte> frame, int rowBytes, YCbCr422Planes dst)
    {
        V210Packer.CheckSize(frame.Length, rowBytes, dst.Width, dst.Height, PixelFormat.Uyvy8);
        int cw = dst.ChromaWidth;
        for (int y = 0; y < dst.Height; y++)
        {
            var row = frame.Slice(y * rowBytes, rowBytes);
            for (int k = 0; k < cw; k++)
            {
                dst.Cb[y * cw + k] = row[4 * k];
                dst.Y[y * dst.Width + 2 * k] = row[4 * k + 1];
                dst.Cr[y * cw + k] = row[4 * k + 2];
                dst.Y[y * dst.Width + 2 * k + 1] = row[4 * k + 3];
            }
        }
    }

    public static void Pack(YCbCr422Planes src, Span<byte> frame, int rowBytes)
    {
        V210Packer.CheckSize(frame.Length, rowBytes, src.Width, src.Height, PixelFormat.Uyvy8);
        int cw = src.ChromaWidth;
        for (int y = 0; y < src.Height; y++)
        {
            var row = frame.Slice(y * rowBytes, rowBytes);
            row.Clear();
            for (int k = 0; k < cw; k++)
            {
                row[4 * k] = Clip(src.Cb[y * cw + k]);
                row[4 * k + 1] = Clip(src.Y[y * src.Width + 2 * k]);
                row[4 * k + 2] = Clip(src.Cr[y * cw + k]);
                row[4 * k + 3] = Clip(src.Y[y * src.Width + 2 * k + 1]);
            }
        }
    }

    private static byte Clip(int v) => (byte)(v < MinCode ? MinCode : v > MaxCode ? MaxCode : v);
}
