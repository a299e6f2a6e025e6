using System.Buffers.Binary;

namespace LiveGrade.Core.Video.Packing;

/// <summary>
/// The 10-bit RGB layouts, one pixel per BIG-endian 32-bit word, rows padded to 256 bytes (64 pixels),
/// padding written as 0 (shared/reference/decklink §7):
/// r210 (<see cref="PixelFormat.Rgb10"/>): bits 29-20 R, 19-10 G, 9-0 B, bits 31-30 zero;
/// R10b (<see cref="PixelFormat.Rgb10X"/>): bits 31-22 R, 21-12 G, 11-2 B, bits 1-0 zero.
/// ffmpeg's r210 codec is the same r210 layout (including the 64-pixel row alignment) and its r10k codec
/// the same R10b word without row padding; the tests compare with both. Codes are not clipped (these are
/// memory layouts; the float-to-code conversion decides the range).
/// </summary>
public static class Rgb10Packer
{
    public static void Unpack(PixelFormat format, ReadOnlySpan<byte> frame, int rowBytes, RgbPlanes dst)
    {
        int shift = Shift(format);
        V210Packer.CheckSize(frame.Length, rowBytes, dst.Width, dst.Height, format);
        for (int y = 0; y < dst.Height; y++)
        {
            var row = frame.Slice(y * rowBytes, rowBytes);
            for (int x = 0; x < dst.Width; x++)
            {
                uint v = BinaryPrimitives.ReadUInt32BigEndian(row.Slice(4 * x)) >> shift;
                int at = y * dst.Width + x;
                dst.R[at] = (ushort)((v >> 20) & 0x3FF);
                dst.G[at] = (ushort)((v >> 10) & 0x3FF);
                dst.B[at] = (ushort)(v & 0x3FF);
            }
        }
    }

    public static void Pack(PixelFormat format, RgbPlanes src, Span<byte> frame, int rowBytes)
    {
        int shift = Shift(format);
        V210Packer.CheckSize(frame.Length, rowBytes, src.Width, src.Height, format);
        for (int y = 0; y < src.Height; y++)
        {
            var row = frame.Slice(y * rowBytes, rowBytes);
            row.Clear();
            for (int x = 0; x < src.Width; x++)
            {
                int at = y * src.Width + x;
                uint v = ((uint)(src.R[at] & 0x3FF) << 20) | ((uint)(src.G[at] & 0x3FF) << 10) | (uint)(src.B[at] & 0x3FF);
                BinaryPrimitives.WriteUInt32BigEndian(row.Slice(4 * x), v << shift);
            }
        }
    }

    private static int Shift(PixelFormat format) => format switch
    {
        PixelFormat.Rgb10 => 0,
        PixelFormat.Rgb10X => 2,
        _ => throw new ArgumentException($"{format} is not a 10-bit RGB layout"),
    };
}

/// <summary>
/// R12B (<see cref="PixelFormat.Rgb12"/>, DeckLink bmdFormat12BitRGB): 12-bit RGB, eight pixels in 36
/// bytes = nine BIG-endian 32-bit words; rows of ((width + 7) / 8) * 36 bytes.
///
/// Bit layout used here: the 24 components R0 G0 B0 R1 G1 B1 ... B7 form one 288-bit stream, component i
/// occupying stream bits 12i .. 12i+11, and stream bit b is bit (b mod 32) of word (b / 32), counting
/// from the least significant bit; each word is stored big-endian. So word0 = B0[7:0] G0 R0 (bits 31-24,
/// 23-12, 11-0), word1 = B1[3:0] G1 R1 B0[11:8], word2 = G2 R2 B1[11:4], and so on; R12L is the same
/// with little-endian words.
/// CONFIDENCE: medium. The DeckLink manual (§3.4, bmdFormat12BitRGB) gives the byte and word facts and
/// says the format is SMPTE 268M (DPX) Annex C method C4 compatible; its per-word bit diagram was read
/// here only through a third party's transcription, which is self-consistent with the stream rule above.
/// Not yet checked against a card or RowBytesForPixelFormat. A partial last group has absent components 0.
/// </summary>
public static class Rgb12Packer
{
    public static void Unpack(ReadOnlySpan<byte> frame, int rowBytes, RgbPlanes dst)
    {
        V210Packer.CheckSize(frame.Length, rowBytes, dst.Width, dst.Height, PixelFormat.Rgb12);
        Span<uint> words = stackalloc uint[9];
        for (int y = 0; y < dst.Height; y++)
        {
            var row = frame.Slice(y * rowBytes, rowBytes);
            for (int x0 = 0; x0 < dst.Width; x0 += 8)
            {
                var g = row.Slice(x0 / 8 * 36, 36);
                for (int k = 0; k < 9; k++)
                {
                    words[k] = BinaryPrimitives.ReadUInt32BigEndian(g.Slice(4 * k));
                }
                int n = Math.Min(8, dst.Width - x0);
                for (int i = 0; i < n; i++)
                {
                    int at = y * dst.Width + x0 + i;
                    dst.R[at] = Component(words, 3 * i);
                    dst.G[at] = Component(words, 3 * i + 1);
                    dst.B[at] = Component(words, 3 * i + 2);
                }
            }
        }
    }

    public static void Pack(RgbPlanes src, Span<byte> frame, int rowBytes)
    {
        V210Packer.CheckSize(frame.Length, rowBytes, src.Width, src.Height, PixelFormat.Rgb12);
        Span<uint> words = stackalloc uint[9];
        for (int y = 0; y < src.Height; y++)
        {
            var row = frame.Slice(y * rowBytes, rowBytes);
            row.Clear();
            for (int x0 = 0; x0 < src.Width; x0 += 8)
            {
                words.Clear();
                int n = Math.Min(8, src.Width - x0);
                for (int i = 0; i < n; i++)
                {
                    int at = y * src.Width + x0 + i;
                    Put(words, 3 * i, src.R[at]);
                    Put(words, 3 * i + 1, src.G[at]);
                    Put(words, 3 * i + 2, src.B[at]);
                }
                var g = row.Slice(x0 / 8 * 36, 36);
                for (int k = 0; k < 9; k++)
                {
                    BinaryPrimitives.WriteUInt32BigEndian(g.Slice(4 * k), words[k]);
                }
            }
        }
    }

    private static ushort Component(ReadOnlySpan<uint> words, int i)
    {
        int bit = 12 * i, k = bit >> 5, s = bit & 31;
        uint v = words[k] >> s;
        if (s > 20)
        {
            v |= words[k + 1] << (32 - s);
        }
        return (ushort)(v & 0xFFF);
    }

    private static void Put(Span<uint> words, int i, int value)
    {
        uint v = (uint)value & 0xFFF;
        int bit = 12 * i, k = bit >> 5, s = bit & 31;
        words[k] |= v << s;
        if (s > 20)
        {
            words[k + 1] |= v >> (32 - s);
        }
    }
}

/// <summary>
/// LiveGrade's RGBA half layout (<see cref="PixelFormat.Rgba16F"/>): four IEEE 754 binary16 values per
/// pixel, little-endian, R G B A. Half to float is exact; float to half rounds to nearest even (.NET's
/// conversion; the GPU pack shader implements the same rounding bit for bit), overflowing to infinity.
/// </summary>
public static class Rgba16FPacker
{
    public static void Unpack(ReadOnlySpan<byte> frame, int rowBytes, int width, int height, Span<float> rgba)
    {
        V210Packer.CheckSize(frame.Length, rowBytes, width, height, PixelFormat.Rgba16F);
        for (int y = 0; y < height; y++)
        {
            var row = frame.Slice(y * rowBytes, rowBytes);
            for (int i = 0; i < 4 * width; i++)
            {
                rgba[4 * y * width + i] = (float)BinaryPrimitives.ReadHalfLittleEndian(row.Slice(2 * i));
            }
        }
    }

    public static void Pack(ReadOnlySpan<float> rgba, int width, int height, Span<byte> frame, int rowBytes)
    {
        V210Packer.CheckSize(frame.Length, rowBytes, width, height, PixelFormat.Rgba16F);
        for (int y = 0; y < height; y++)
        {
            var row = frame.Slice(y * rowBytes, rowBytes);
            row.Clear();
            for (int i = 0; i < 4 * width; i++)
            {
                BinaryPrimitives.WriteHalfLittleEndian(row.Slice(2 * i), (Half)rgba[4 * y * width + i]);
            }
        }
    }
}
