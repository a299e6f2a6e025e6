using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using LiveGrade.Core.Video;

namespace LiveGrade.Video.Rtp;

/// <summary>
/// Converts runs of pixels between RFC 4175 pixel groups (<see cref="RtpVideoFormat"/>) and LiveGrade's frame
/// rows, in both directions, without allocating. One call converts one sample row data segment: the pixels
/// <c>[x, x + pixels)</c> of one row; <c>x</c> and <c>pixels</c> are whole pixel groups.
/// <para>
/// v210 and the 10-bit 4:2:2 pixel group carry the same sample sequence (Cb0 Y0 Cr0 Y1 Cb2 Y2 ...): v210 keeps
/// three samples in each little-endian 32-bit word (bits 0-9, 10-19, 20-29; shared/reference/decklink §7),
/// RFC 4175 packs them back to back, most significant bit first. Three pixel groups (15 octets, 12 samples)
/// are exactly one v210 block (6 pixels, 16 bytes), so aligned runs convert a block at a time from two
/// big-endian 64-bit loads; a segment that starts or ends inside a v210 block (GStreamer's payloader cuts
/// lines anywhere on a pixel group) is converted sample by sample at its ends. The 10-bit RGB group (4
/// pixels, 12 samples R G B ..., 15 octets) uses the same two loads; r210 holds one pixel per big-endian word
/// (bits 29-20 R, 19-10 G, 9-0 B).
/// </para>
/// </summary>
public static class PgroupPacking
{
    /// <summary>Converts frame pixels to pixel groups: row pixels <c>[x, x+pixels)</c> → <paramref name="pgroups"/>.</summary>
    public static void Pack(RtpVideoFormat format, PixelFormat frameFormat, ReadOnlySpan<byte> row, int x, int pixels, Span<byte> pgroups)
    {
        Check(format, frameFormat, row.Length, x, pixels, pgroups.Length);
        switch (frameFormat)
        {
            case PixelFormat.V210: PackV210(row, x, pixels, pgroups); break;
            case PixelFormat.Uyvy8: row.Slice(x * 2, pixels * 2).CopyTo(pgroups); break;
            case PixelFormat.Rgb10: PackR210(row, x, pixels, pgroups); break;
            case PixelFormat.Bgra8: PackBgra(row, x, pixels, pgroups); break;
        }
    }

    /// <summary>Converts pixel groups to frame pixels: <paramref name="pgroups"/> → row pixels <c>[x, x+pixels)</c>.</summary>
    public static void Unpack(RtpVideoFormat format, PixelFormat frameFormat, ReadOnlySpan<byte> pgroups, Span<byte> row, int x, int pixels)
    {
        Check(format, frameFormat, row.Length, x, pixels, pgroups.Length);
        switch (frameFormat)
        {
            case PixelFormat.V210: UnpackV210(pgroups, row, x, pixels); break;
            case PixelFormat.Uyvy8: pgroups[..(pixels * 2)].CopyTo(row.Slice(x * 2)); break;
            case PixelFormat.Rgb10: UnpackR210(pgroups, row, x, pixels); break;
            case PixelFormat.Bgra8: UnpackBgra(pgroups, row, x, pixels); break;
        }
    }

    /// <summary>
    /// Fills pixels <c>[0, width)</c> of a row with black: Y 64 (16 at 8 bits) and Cb/Cr 512 (128) for YCbCr;
    /// R=G=B at the range's black for RGB, alpha opaque. Used to conceal lines when no earlier picture exists.
    /// </summary>
    public static void FillBlack(PixelFormat frameFormat, Span<byte> row, int width, SignalRange range)
    {
        switch (frameFormat)
        {
            case PixelFormat.V210:
            {
                // Cb Y Cr | Y Cb Y | Cr Y Cb | Y Cr Y, repeated per 6 pixels; whole blocks (the row's padding too).
                const uint c = 512, y = 64;
                uint w0 = c | y << 10 | c << 20, w1 = y | c << 10 | y << 20;
                var words = MemoryMarshal.Cast<byte, uint>(row[..((width + 5) / 6 * 16)]);
                for (int i = 0; i < words.Length; i += 2)
                {
                    words[i] = BitConverter.IsLittleEndian ? w0 : BinaryPrimitives.ReverseEndianness(w0);
                    words[i + 1] = BitConverter.IsLittleEndian ? w1 : BinaryPrimitives.ReverseEndianness(w1);
                }
                break;
            }
            case PixelFormat.Uyvy8:
                for (int i = 0; i < width * 2; i += 4)
                {
                    row[i] = 128;
                    row[i + 1] = 16;
                    row[i + 2] = 128;
                    row[i + 3] = 16;
                }
                break;
            case PixelFormat.Rgb10:
            {
                uint k = range == SignalRange.Full ? 0u : 64u;
                uint word = k << 20 | k << 10 | k;
                for (int p = 0; p < width; p++)
                {
                    BinaryPrimitives.WriteUInt32BigEndian(row.Slice(p * 4), word);
                }
                break;
            }
            case PixelFormat.Bgra8:
            {
                byte k = range == SignalRange.Full ? (byte)0 : (byte)16;
                for (int p = 0; p < width * 4; p += 4)
                {
                    row[p] = k;
                    row[p + 1] = k;
                    row[p + 2] = k;
                    row[p + 3] = 255;
                }
                break;
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(frameFormat), frameFormat, "no RTP mapping for this layout");
        }
    }

    private static void Check(RtpVideoFormat format, PixelFormat frameFormat, int rowLength, int x, int pixels, int pgroupLength)
    {
        if (format.FramePixelFormat != frameFormat)
        {
            throw new ArgumentException($"{format} is carried in {PixelFormats.Name(format.FramePixelFormat)} frames, not {PixelFormats.Name(frameFormat)}", nameof(frameFormat));
        }
        int pp = format.PgroupPixels;
        if (x < 0 || pixels < 0 || x % pp != 0 || pixels % pp != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(x), $"x={x}, pixels={pixels}: runs are whole pixel groups of {pp}");
        }
        if ((long)pixels / pp * format.PgroupBytes > pgroupLength)
        {
            throw new ArgumentOutOfRangeException(nameof(pixels), $"{pixels} pixels need {pixels / pp * format.PgroupBytes} octets, have {pgroupLength}");
        }
        long rowNeeds = frameFormat switch
        {
            PixelFormat.V210 => ((long)(x + pixels) * 2 + 2) / 3 * 4,
            PixelFormat.Uyvy8 => (long)(x + pixels) * 2,
            _ => (long)(x + pixels) * 4,
        };
        if (rowNeeds > rowLength)
        {
            throw new ArgumentOutOfRangeException(nameof(pixels), $"pixels {x}..{x + pixels} run past the row ({rowLength} bytes)");
        }
    }

    // ---- v210 <-> 10-bit 4:2:2 ------------------------------------------------------------------------

    private static void UnpackV210(ReadOnlySpan<byte> src, Span<byte> row, int x, int pixels)
    {
        int k = x * 2;                // sample index in the row (2 samples a pixel)
        int groups = pixels / 2;
        int g = 0;
        while (g < groups && k % 12 != 0)
        {
            SetGroupV210(row, k, ReadGroup10(src, g * 5));
            g++;
            k += 4;
        }
        ref byte s = ref MemoryMarshal.GetReference(src);
        ref byte d = ref MemoryMarshal.GetReference(row);
        for (; groups - g >= 3; g += 3, k += 12)
        {
            // Checked above: 15 source octets and 16 row bytes are in range for every whole block.
            ulong u1 = LoadBigEndian64(ref Unsafe.Add(ref s, g * 5));      // samples 0-5 in bits 63-4
            ulong u2 = LoadBigEndian64(ref Unsafe.Add(ref s, g * 5 + 7));  // samples 6-11 in bits 59-0
            ref byte block = ref Unsafe.Add(ref d, k / 12 * 16);
            StoreLittleEndian32(ref block, Word(u1 >> 54, u1 >> 44, u1 >> 34));
            StoreLittleEndian32(ref Unsafe.Add(ref block, 4), Word(u1 >> 24, u1 >> 14, u1 >> 4));
            StoreLittleEndian32(ref Unsafe.Add(ref block, 8), Word(u2 >> 50, u2 >> 40, u2 >> 30));
            StoreLittleEndian32(ref Unsafe.Add(ref block, 12), Word(u2 >> 20, u2 >> 10, u2));
        }
        for (; g < groups; g++, k += 4)
        {
            SetGroupV210(row, k, ReadGroup10(src, g * 5));
        }
    }

    private static void PackV210(ReadOnlySpan<byte> row, int x, int pixels, Span<byte> dst)
    {
        int k = x * 2;
        int groups = pixels / 2;
        int g = 0;
        while (g < groups && k % 12 != 0)
        {
            WriteGroup10(dst, g * 5, GetGroupV210(row, k));
            g++;
            k += 4;
        }
        ref byte s = ref MemoryMarshal.GetReference(row);
        ref byte d = ref MemoryMarshal.GetReference(dst);
        for (; groups - g >= 3; g += 3, k += 12)
        {
            ref byte block = ref Unsafe.Add(ref s, k / 12 * 16);
            uint w0 = LoadLittleEndian32(ref block);
            uint w1 = LoadLittleEndian32(ref Unsafe.Add(ref block, 4));
            uint w2 = LoadLittleEndian32(ref Unsafe.Add(ref block, 8));
            uint w3 = LoadLittleEndian32(ref Unsafe.Add(ref block, 12));
            ulong s5 = (w1 >> 20) & 0x3FF, s6 = w2 & 0x3FF;
            ulong u1 = (ulong)(w0 & 0x3FF) << 54 | (ulong)((w0 >> 10) & 0x3FF) << 44 | (ulong)((w0 >> 20) & 0x3FF) << 34
                     | (ulong)(w1 & 0x3FF) << 24 | (ulong)((w1 >> 10) & 0x3FF) << 14 | s5 << 4 | s6 >> 6;
            ulong u2 = (s5 & 0xF) << 60 | s6 << 50 | (ulong)((w2 >> 10) & 0x3FF) << 40 | (ulong)((w2 >> 20) & 0x3FF) << 30
                     | (ulong)(w3 & 0x3FF) << 20 | (ulong)((w3 >> 10) & 0x3FF) << 10 | ((w3 >> 20) & 0x3FF);
            // Octet 7 is shared by both stores and written with the same value twice.
            StoreBigEndian64(ref Unsafe.Add(ref d, g * 5), u1);
            StoreBigEndian64(ref Unsafe.Add(ref d, g * 5 + 7), u2);
        }
        for (; g < groups; g++, k += 4)
        {
            WriteGroup10(dst, g * 5, GetGroupV210(row, k));
        }
    }

    /// <summary>Four 10-bit samples from a 5-octet group, first sample in bits 39-30.</summary>
    private static ulong ReadGroup10(ReadOnlySpan<byte> src, int at) =>
        (ulong)src[at] << 32 | (ulong)src[at + 1] << 24 | (ulong)src[at + 2] << 16 | (ulong)src[at + 3] << 8 | src[at + 4];

    private static void WriteGroup10(Span<byte> dst, int at, ulong group)
    {
        dst[at] = (byte)(group >> 32);
        dst[at + 1] = (byte)(group >> 24);
        dst[at + 2] = (byte)(group >> 16);
        dst[at + 3] = (byte)(group >> 8);
        dst[at + 4] = (byte)group;
    }

    private static void SetGroupV210(Span<byte> row, int k, ulong group)
    {
        SetSampleV210(row, k, (uint)(group >> 30) & 0x3FF);
        SetSampleV210(row, k + 1, (uint)(group >> 20) & 0x3FF);
        SetSampleV210(row, k + 2, (uint)(group >> 10) & 0x3FF);
        SetSampleV210(row, k + 3, (uint)group & 0x3FF);
    }

    private static ulong GetGroupV210(ReadOnlySpan<byte> row, int k) =>
        (ulong)GetSampleV210(row, k) << 30 | (ulong)GetSampleV210(row, k + 1) << 20
        | (ulong)GetSampleV210(row, k + 2) << 10 | GetSampleV210(row, k + 3);

    /// <summary>Sample <paramref name="k"/> of a v210 row sits in word k/3, bits 10*(k%3) .. +9.</summary>
    private static void SetSampleV210(Span<byte> row, int k, uint value)
    {
        var word = row.Slice(k / 3 * 4, 4);
        int shift = k % 3 * 10;
        uint w = BinaryPrimitives.ReadUInt32LittleEndian(word);
        w = (w & ~(0x3FFu << shift)) | value << shift;
        BinaryPrimitives.WriteUInt32LittleEndian(word, w);
    }

    private static uint GetSampleV210(ReadOnlySpan<byte> row, int k) =>
        (BinaryPrimitives.ReadUInt32LittleEndian(row.Slice(k / 3 * 4, 4)) >> (k % 3 * 10)) & 0x3FF;

    // ---- r210 <-> 10-bit RGB ---------------------------------------------------------------------------

    private static void UnpackR210(ReadOnlySpan<byte> src, Span<byte> row, int x, int pixels)
    {
        ref byte s = ref MemoryMarshal.GetReference(src);
        ref byte d = ref MemoryMarshal.GetReference(row);
        for (int g = 0; g < pixels / 4; g++)
        {
            ulong u1 = LoadBigEndian64(ref Unsafe.Add(ref s, g * 15));
            ulong u2 = LoadBigEndian64(ref Unsafe.Add(ref s, g * 15 + 7));
            ref byte px = ref Unsafe.Add(ref d, (x + g * 4) * 4);
            StoreBigEndian32(ref px, Rgb(u1 >> 54, u1 >> 44, u1 >> 34));
            StoreBigEndian32(ref Unsafe.Add(ref px, 4), Rgb(u1 >> 24, u1 >> 14, u1 >> 4));
            StoreBigEndian32(ref Unsafe.Add(ref px, 8), Rgb(u2 >> 50, u2 >> 40, u2 >> 30));
            StoreBigEndian32(ref Unsafe.Add(ref px, 12), Rgb(u2 >> 20, u2 >> 10, u2));
        }
    }

    private static void PackR210(ReadOnlySpan<byte> row, int x, int pixels, Span<byte> dst)
    {
        ref byte s = ref MemoryMarshal.GetReference(row);
        ref byte d = ref MemoryMarshal.GetReference(dst);
        for (int g = 0; g < pixels / 4; g++)
        {
            ref byte px = ref Unsafe.Add(ref s, (x + g * 4) * 4);
            uint p0 = LoadBigEndian32(ref px), p1 = LoadBigEndian32(ref Unsafe.Add(ref px, 4));
            uint p2 = LoadBigEndian32(ref Unsafe.Add(ref px, 8)), p3 = LoadBigEndian32(ref Unsafe.Add(ref px, 12));
            // 12 samples R0 G0 B0 R1 G1 B1 | R2 G2 B2 R3 G3 B3; sample 6 (R2) straddles octet 7.
            ulong b1 = p1 & 0x3FF, r2 = (p2 >> 20) & 0x3FF;
            ulong u1 = (ulong)(p0 & 0x3FFFFFFF) << 34 | (ulong)((p1 >> 10) & 0xFFFFF) << 14 | b1 << 4 | r2 >> 6;
            ulong u2 = (b1 & 0xF) << 60 | (ulong)(p2 & 0x3FFFFFFF) << 30 | (p3 & 0x3FFFFFFF);
            StoreBigEndian64(ref Unsafe.Add(ref d, g * 15), u1);
            StoreBigEndian64(ref Unsafe.Add(ref d, g * 15 + 7), u2);
        }
    }

    // ---- BGRA <-> 8-bit RGB ----------------------------------------------------------------------------

    private static void UnpackBgra(ReadOnlySpan<byte> src, Span<byte> row, int x, int pixels)
    {
        var dst = row.Slice(x * 4, pixels * 4);
        for (int p = 0, s = 0, d = 0; p < pixels; p++, s += 3, d += 4)
        {
            dst[d] = src[s + 2];
            dst[d + 1] = src[s + 1];
            dst[d + 2] = src[s];
            dst[d + 3] = 255;
        }
    }

    private static void PackBgra(ReadOnlySpan<byte> row, int x, int pixels, Span<byte> dst)
    {
        var src = row.Slice(x * 4, pixels * 4);
        for (int p = 0, s = 0, d = 0; p < pixels; p++, s += 4, d += 3)
        {
            dst[d] = src[s + 2];
            dst[d + 1] = src[s + 1];
            dst[d + 2] = src[s];
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------------

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Word(ulong a, ulong b, ulong c) => (uint)(a & 0x3FF) | (uint)(b & 0x3FF) << 10 | (uint)(c & 0x3FF) << 20;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Rgb(ulong r, ulong g, ulong b) => (uint)(r & 0x3FF) << 20 | (uint)(g & 0x3FF) << 10 | (uint)(b & 0x3FF);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong LoadBigEndian64(ref byte at)
    {
        ulong v = Unsafe.ReadUnaligned<ulong>(ref at);
        return BitConverter.IsLittleEndian ? BinaryPrimitives.ReverseEndianness(v) : v;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreBigEndian64(ref byte at, ulong v) =>
        Unsafe.WriteUnaligned(ref at, BitConverter.IsLittleEndian ? BinaryPrimitives.ReverseEndianness(v) : v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint LoadBigEndian32(ref byte at)
    {
        uint v = Unsafe.ReadUnaligned<uint>(ref at);
        return BitConverter.IsLittleEndian ? BinaryPrimitives.ReverseEndianness(v) : v;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreBigEndian32(ref byte at, uint v) =>
        Unsafe.WriteUnaligned(ref at, BitConverter.IsLittleEndian ? BinaryPrimitives.ReverseEndianness(v) : v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint LoadLittleEndian32(ref byte at)
    {
        uint v = Unsafe.ReadUnaligned<uint>(ref at);
        return BitConverter.IsLittleEndian ? v : BinaryPrimitives.ReverseEndianness(v);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreLittleEndian32(ref byte at, uint v) =>
        Unsafe.WriteUnaligned(ref at, BitConverter.IsLittleEndian ? v : BinaryPrimitives.ReverseEndianness(v));
}
