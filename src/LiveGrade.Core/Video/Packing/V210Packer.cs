using System.Buffers.Binary;

namespace LiveGrade.Core.Video.Packing;

/// <summary>
/// v210 (DeckLink bmdFormat10BitYUV) to and from 10-bit 4:2:2 planes. Scalar reference code: the GPU
/// shaders (unpack_v210.comp, pack_v210.comp) are tested against it bit for bit.
///
/// Layout (shared/reference/decklink §7): six pixels in four little-endian 32-bit words, three 10-bit
/// samples per word in bits 0-9, 10-19, 20-29 (bits 30-31 zero):
///   word0 = Cb0 Y0 Cr0 | word1 = Y1 Cb2 Y2 | word2 = Cr2 Y3 Cb4 | word3 = Y4 Cr4 Y5
/// Rows are padded to 128 bytes (48 pixels). A row whose width is not a multiple of 6 ends in a partial
/// group whose absent samples are 0; the padding after the last group is 0.
///
/// Packing clips every present sample to 4..1019: SDI (SMPTE ST 292, ITU-R BT.1120) reserves 0-3 and
/// 1020-1023 for timing references, and ffmpeg's v210 encoder clips the same way, so packed frames are
/// byte-identical to ffmpeg's. Unpacking returns the 10-bit fields as they are.
/// </summary>
public static class V210Packer
{
    public const int MinCode = 4, MaxCode = 1019;

    public static void Unpack(ReadOnlySpan<byte> frame, int rowBytes, YCbCr422Planes dst)
    {
        CheckSize(frame.Length, rowBytes, dst.Width, dst.Height);
        int w = dst.Width;
        Span<int> s = stackalloc int[12];
        for (int y = 0; y < dst.Height; y++)
        {
            var row = frame.Slice(y * rowBytes, rowBytes);
            int yAt = y * w, cAt = y * (w / 2);
            for (int x0 = 0; x0 < w; x0 += 6)
            {
                var g = row.Slice(x0 / 6 * 16, 16);
                for (int k = 0; k < 4; k++)
                {
                    uint word = BinaryPrimitives.ReadUInt32LittleEndian(g.Slice(4 * k));
                    s[3 * k] = (int)(word & 0x3FF);
                    s[3 * k + 1] = (int)((word >> 10) & 0x3FF);
                    s[3 * k + 2] = (int)((word >> 20) & 0x3FF);
                }
                // s = Cb0 Y0 Cr0 Y1 Cb2 Y2 Cr2 Y3 Cb4 Y4 Cr4 Y5
                int n = Math.Min(6, w - x0);
                for (int i = 0; i < n; i++)
                {
                    dst.Y[yAt + x0 + i] = (ushort)s[LumaSlot[i]];
                }
                for (int i = 0; i < n / 2; i++)
                {
                    dst.Cb[cAt + x0 / 2 + i] = (ushort)s[4 * i];
                    dst.Cr[cAt + x0 / 2 + i] = (ushort)s[4 * i + 2];
                }
            }
        }
    }

    public static void Pack(YCbCr422Planes src, Span<byte> frame, int rowBytes)
    {
        CheckSize(frame.Length, rowBytes, src.Width, src.Height);
        int w = src.Width;
        Span<int> s = stackalloc int[12];
        for (int y = 0; y < src.Height; y++)
        {
            var row = frame.Slice(y * rowBytes, rowBytes);
            row.Clear();
            int yAt = y * w, cAt = y * (w / 2);
            for (int x0 = 0; x0 < w; x0 += 6)
            {
                s.Clear();
                int n = Math.Min(6, w - x0);
                for (int i = 0; i < n; i++)
                {
                    s[LumaSlot[i]] = Clip(src.Y[yAt + x0 + i]);
                }
                for (int i = 0; i < n / 2; i++)
                {
                    s[4 * i] = Clip(src.Cb[cAt + x0 / 2 + i]);
                    s[4 * i + 2] = Clip(src.Cr[cAt + x0 / 2 + i]);
                }
                var g = row.Slice(x0 / 6 * 16, 16);
                for (int k = 0; k < 4; k++)
                {
                    uint word = (uint)s[3 * k] | ((uint)s[3 * k + 1] << 10) | ((uint)s[3 * k + 2] << 20);
                    BinaryPrimitives.WriteUInt32LittleEndian(g.Slice(4 * k), word);
                }
            }
        }
    }

    // Slot of pixel i's luma among the group's twelve samples.
    private static ReadOnlySpan<byte> LumaSlot => [1, 3, 5, 7, 9, 11];

    private static int Clip(int v) => v < MinCode ? MinCode : v > MaxCode ? MaxCode : v;

    internal static void CheckSize(int frameLength, int rowBytes, int width, int height, PixelFormat format = PixelFormat.V210)
    {
        int min = PixelFormats.RowBytes(format, width);
        if (rowBytes < min)
        {
            throw new ArgumentException($"{PixelFormats.Name(format)} at width {width} needs at least {min} bytes a row, got {rowBytes}");
        }
        if (frameLength < (long)rowBytes * height)
        {
            throw new ArgumentException($"frame of {frameLength} bytes is smaller than {height} rows of {rowBytes}");
        }
    }
}
