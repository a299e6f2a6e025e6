using System.Buffers.Binary;
using LiveGrade.Core.Video;
using LiveGrade.Video.Rtp;

namespace LiveGrade.Video.Tests.Rtp;

/// <summary>
/// Test pictures and an independent, deliberately plain model of the layouts: v210 samples read one at a
/// time from their words, RFC 4175 pixel groups as a most-significant-bit-first bit stream. The code under
/// test uses block loads; this reference does not.
/// </summary>
internal static class RtpTestFrames
{
    /// <summary>A frame whose active samples are random (any 10-bit code, including 0-3 and 1020-1023) and whose padding is random too.</summary>
    public static void FillRandom(VideoFrame frame, int seed)
    {
        var rng = new Random(seed);
        rng.NextBytes(frame.Data);
        if (frame.Format is PixelFormat.V210 or PixelFormat.Rgb10)
        {
            // Bits 30-31 (v210) and 31-30 (r210) carry nothing; keep them 0 as the receiver writes them.
            var words = frame.Data;
            for (int i = 0; i + 4 <= words.Length; i += 4)
            {
                if (frame.Format == PixelFormat.V210) words[i + 3] &= 0x3F;
                else words[i] &= 0x3F;
            }
        }
        else if (frame.Format == PixelFormat.Bgra8)
        {
            for (int i = 3; i < frame.Data.Length; i += 4)
            {
                frame.Data[i] = 255; // RTP RGB has no alpha: the receiver writes it opaque
            }
        }
    }

    /// <summary>The active samples of a row in order (v210/uyvy: Cb Y Cr Y ...; r210/bgra: R G B per pixel).</summary>
    public static int[] Samples(VideoFrame frame, int row)
    {
        var r = frame.Row(row);
        int w = frame.Width;
        switch (frame.Format)
        {
            case PixelFormat.V210:
            {
                var s = new int[w * 2];
                for (int k = 0; k < s.Length; k++)
                {
                    uint word = BinaryPrimitives.ReadUInt32LittleEndian(r.Slice(k / 3 * 4));
                    s[k] = (int)(word >> (k % 3 * 10)) & 0x3FF;
                }
                return s;
            }
            case PixelFormat.Uyvy8:
                return r[..(w * 2)].ToArray().Select(b => (int)b).ToArray();
            case PixelFormat.Rgb10:
            {
                var s = new int[w * 3];
                for (int p = 0; p < w; p++)
                {
                    uint word = BinaryPrimitives.ReadUInt32BigEndian(r.Slice(p * 4));
                    s[p * 3] = (int)(word >> 20) & 0x3FF;
                    s[p * 3 + 1] = (int)(word >> 10) & 0x3FF;
                    s[p * 3 + 2] = (int)word & 0x3FF;
                }
                return s;
            }
            case PixelFormat.Bgra8:
            {
                var s = new int[w * 3];
                for (int p = 0; p < w; p++)
                {
                    s[p * 3] = r[p * 4 + 2];
                    s[p * 3 + 1] = r[p * 4 + 1];
                    s[p * 3 + 2] = r[p * 4];
                }
                return s;
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(frame));
        }
    }

    /// <summary>Rows whose active samples differ between two frames (empty: the same picture).</summary>
    public static List<int> DifferentRows(VideoFrame a, VideoFrame b)
    {
        var rows = new List<int>();
        for (int y = 0; y < a.Height; y++)
        {
            if (!RowEquals(a, y, b, y))
            {
                rows.Add(y);
            }
        }
        return rows;
    }

    /// <summary>
    /// Compares the active samples of two rows. Whole words are compared under the mask of their sample
    /// bits (the unused top bits of v210/r210 words are not picture); the v210 word that holds the row's
    /// last samples, and anything else not a whole word, goes through <see cref="Samples"/>.
    /// </summary>
    public static bool RowEquals(VideoFrame a, int rowA, VideoFrame b, int rowB)
    {
        var ra = a.Row(rowA);
        var rb = b.Row(rowB);
        int w = a.Width;
        switch (a.Format)
        {
            case PixelFormat.V210:
            {
                int fullWords = w * 2 / 3;
                for (int i = 0; i < fullWords; i++)
                {
                    if ((BinaryPrimitives.ReadUInt32LittleEndian(ra.Slice(i * 4)) & 0x3FFFFFFF) != (BinaryPrimitives.ReadUInt32LittleEndian(rb.Slice(i * 4)) & 0x3FFFFFFF))
                    {
                        return false;
                    }
                }
                int from = fullWords * 3;
                return Samples(a, rowA).AsSpan(from).SequenceEqual(Samples(b, rowB).AsSpan(from));
            }
            case PixelFormat.Rgb10:
                for (int i = 0; i < w; i++)
                {
                    if ((BinaryPrimitives.ReadUInt32BigEndian(ra.Slice(i * 4)) & 0x3FFFFFFF) != (BinaryPrimitives.ReadUInt32BigEndian(rb.Slice(i * 4)) & 0x3FFFFFFF))
                    {
                        return false;
                    }
                }
                return true;
            case PixelFormat.Uyvy8:
                return ra[..(w * 2)].SequenceEqual(rb[..(w * 2)]);
            default:
                return ra[..(w * 4)].SequenceEqual(rb[..(w * 4)]);
        }
    }

    /// <summary>RFC 4175 pixel groups of samples, written bit by bit, most significant bit first.</summary>
    public static byte[] ToPgroupStream(ReadOnlySpan<int> samples, int depth)
    {
        var bytes = new byte[(samples.Length * depth + 7) / 8];
        long bit = 0;
        foreach (int v in samples)
        {
            for (int b = depth - 1; b >= 0; b--, bit++)
            {
                if (((v >> b) & 1) != 0)
                {
                    bytes[bit >> 3] |= (byte)(0x80 >> (int)(bit & 7));
                }
            }
        }
        return bytes;
    }

    public static int[] FromPgroupStream(ReadOnlySpan<byte> bytes, int depth, int count)
    {
        var samples = new int[count];
        long bit = 0;
        for (int i = 0; i < count; i++)
        {
            int v = 0;
            for (int b = 0; b < depth; b++, bit++)
            {
                v = v << 1 | ((bytes[(int)(bit >> 3)] >> (7 - (int)(bit & 7))) & 1);
            }
            samples[i] = v;
        }
        return samples;
    }

    /// <summary>Samples per pixel in <see cref="Samples"/>.</summary>
    public static int SamplesPerPixel(PixelFormat f) => f is PixelFormat.V210 or PixelFormat.Uyvy8 ? 2 : 3;

    public static int Depth(PixelFormat f) => f is PixelFormat.V210 or PixelFormat.Rgb10 ? 10 : 8;

    public static VideoFrame NewFrame(VideoMode mode) => new FramePool(mode, 1).TryRent()!;

    /// <summary>Every packet of a frame, as the packetiser writes them.</summary>
    public static List<byte[]> Packets(RtpPacketizer packetizer, VideoFrame frame, uint timestamp)
    {
        var list = new List<byte[]>();
        var buffer = new byte[packetizer.MaxPacketBytes];
        packetizer.BeginFrame(frame, timestamp);
        while (!packetizer.FrameDone)
        {
            int n = packetizer.WriteNext(buffer);
            list.Add(buffer[..n]);
        }
        return list;
    }

    public static RtpStreamDescription Stream(VideoMode mode, int port = 5004) =>
        RtpStreamDescription.ForSending(mode, new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, port));
}
