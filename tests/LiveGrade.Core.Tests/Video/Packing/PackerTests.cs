using System.Buffers.Binary;
using LiveGrade.Core.Video;
using LiveGrade.Core.Video.Packing;

namespace LiveGrade.Core.Tests.Video.Packing;

/// <summary>
/// The packers against ffmpeg 5.1 (v210 encoder and decoder, uyvy422, r210 and r10k encoders) on random
/// frames, and round trips. Widths: 1920 (a whole number of 48-pixel v210 blocks), 1280 (not a multiple
/// of 48 nor of 6: a partial six-pixel group), 720 (a multiple of 6, not of 48), and small odd cases.
/// </summary>
public class PackerTests
{
    private static YCbCr422Planes RandomPlanes(int w, int h, int min, int max, int seed)
    {
        var rng = new Random(seed);
        var p = new YCbCr422Planes(w, h);
        foreach (var plane in new[] { p.Y, p.Cb, p.Cr })
        {
            for (int i = 0; i < plane.Length; i++)
            {
                plane[i] = (ushort)rng.Next(min, max + 1);
            }
        }
        return p;
    }

    [Theory]
    [InlineData(1920, 3)]
    [InlineData(1280, 3)]
    [InlineData(720, 3)]
    [InlineData(2, 2)]
    [InlineData(4, 2)]
    [InlineData(50, 2)]
    public void V210_pack_is_byte_identical_to_ffmpegs_encoder(int w, int h)
    {
        // The whole 10-bit range, reserved codes included: both clip them to 4..1019.
        var planes = RandomPlanes(w, h, 0, 1023, w * 7 + h);
        var expected = Ffmpeg.Convert(Ffmpeg.Planar16(planes.Y, planes.Cb, planes.Cr),
            "-f", "rawvideo", "-pix_fmt", "yuv422p10le", "-s", $"{w}x{h}", "-i", "{IN}", "-c:v", "v210", "-f", "rawvideo", "{OUT}");
        int rowBytes = PixelFormats.RowBytes(PixelFormat.V210, w);
        var ours = new byte[rowBytes * h];
        V210Packer.Pack(planes, ours, rowBytes);
        Assert.Equal(expected.Length, ours.Length);
        Assert.True(expected.AsSpan().SequenceEqual(ours), $"first difference at byte {FirstDifference(expected, ours)}");
    }

    [Theory]
    [InlineData(1920, 4)]
    [InlineData(1280, 6)]
    [InlineData(720, 5)]
    [InlineData(4, 4)]
    public void V210_unpack_equals_ffmpegs_decoder(int w, int h)
    {
        // At least 4 rows: Debian's ffmpeg 5.1 v210 decoder returns an all-zero picture for 1 to 3 rows
        // (checked with its own testsrc: encode then decode differs only below 4 rows).
        // Random bytes everywhere, the unused top bits and the row padding included.
        int rowBytes = PixelFormats.RowBytes(PixelFormat.V210, w);
        var frame = new byte[rowBytes * h];
        new Random(w + 11 * h).NextBytes(frame);
        var decoded = Ffmpeg.Convert(frame, "-f", "v210", "-s", $"{w}x{h}", "-i", "{IN}", "-f", "rawvideo", "-pix_fmt", "yuv422p10le", "{OUT}");
        var planes = new YCbCr422Planes(w, h);
        V210Packer.Unpack(frame, rowBytes, planes);
        Assert.Equal(Ffmpeg.Plane16(decoded, 0, w * h), planes.Y);
        Assert.Equal(Ffmpeg.Plane16(decoded, w * h, w / 2 * h), planes.Cb);
        Assert.Equal(Ffmpeg.Plane16(decoded, w * h + w / 2 * h, w / 2 * h), planes.Cr);
    }

    [Theory]
    [InlineData(1920)]
    [InlineData(1280)]
    [InlineData(50)]
    public void V210_round_trips_every_code_in_4_to_1019_and_follows_the_word_layout(int w)
    {
        var planes = RandomPlanes(w, 2, 4, 1019, w);
        int rowBytes = PixelFormats.RowBytes(PixelFormat.V210, w);
        var frame = new byte[rowBytes * 2];
        V210Packer.Pack(planes, frame, rowBytes);
        var back = new YCbCr422Planes(w, 2);
        V210Packer.Unpack(frame, rowBytes, back);
        Assert.Equal(planes.Y, back.Y);
        Assert.Equal(planes.Cb, back.Cb);
        Assert.Equal(planes.Cr, back.Cr);
        // word1 of the first group is Y1 | Cb2 << 10 | Y2 << 20 (DeckLink manual §3.4).
        uint word1 = BinaryPrimitives.ReadUInt32LittleEndian(frame.AsSpan(4));
        Assert.Equal((uint)planes.Y[1] | ((uint)planes.Cb[1] << 10) | ((uint)planes.Y[2] << 20), word1);
    }

    [Theory]
    [InlineData(1920, 3)]
    [InlineData(1280, 3)]
    [InlineData(2, 1)]
    public void Uyvy_pack_and_unpack_equal_ffmpegs_uyvy422(int w, int h)
    {
        var planes = RandomPlanes(w, h, Uyvy8Packer.MinCode, Uyvy8Packer.MaxCode, w + h);
        var planar = new byte[w * h * 2];
        int at = 0;
        foreach (var plane in new[] { planes.Y, planes.Cb, planes.Cr })
        {
            foreach (var v in plane)
            {
                planar[at++] = (byte)v;
            }
        }
        var expected = Ffmpeg.Convert(planar, "-f", "rawvideo", "-pix_fmt", "yuv422p", "-s", $"{w}x{h}", "-i", "{IN}", "-f", "rawvideo", "-pix_fmt", "uyvy422", "{OUT}");
        var ours = new byte[w * 2 * h];
        Uyvy8Packer.Pack(planes, ours, w * 2);
        Assert.Equal(expected, ours);

        var random = new byte[w * 2 * h];
        new Random(w).NextBytes(random); // every byte value, 0 and 255 included
        var decoded = Ffmpeg.Convert(random, "-f", "rawvideo", "-pix_fmt", "uyvy422", "-s", $"{w}x{h}", "-i", "{IN}", "-f", "rawvideo", "-pix_fmt", "yuv422p", "{OUT}");
        var back = new YCbCr422Planes(w, h);
        Uyvy8Packer.Unpack(random, w * 2, back);
        Assert.Equal(decoded.AsSpan(0, w * h).ToArray().Select(b => (ushort)b), back.Y);
        Assert.Equal(decoded.AsSpan(w * h, w / 2 * h).ToArray().Select(b => (ushort)b), back.Cb);
        Assert.Equal(decoded.AsSpan(w * h + w / 2 * h, w / 2 * h).ToArray().Select(b => (ushort)b), back.Cr);
    }

    [Fact]
    public void Uyvy_pack_clips_the_sdi_timing_codes()
    {
        var planes = new YCbCr422Planes(2, 1);
        (planes.Y[0], planes.Y[1], planes.Cb[0], planes.Cr[0]) = (0, 255, 0, 255);
        var frame = new byte[4];
        Uyvy8Packer.Pack(planes, frame, 4);
        Assert.Equal(new byte[] { 1, 1, 254, 254 }, frame);
    }

    private static RgbPlanes RandomRgb(int w, int h, int bits, int seed)
    {
        var rng = new Random(seed);
        var p = new RgbPlanes(w, h);
        foreach (var plane in new[] { p.R, p.G, p.B })
        {
            for (int i = 0; i < plane.Length; i++)
            {
                plane[i] = (ushort)rng.Next(0, 1 << bits);
            }
        }
        return p;
    }

    [Theory]
    [InlineData(1920, 2)]
    [InlineData(1280, 2)]
    [InlineData(100, 3)]
    public void R210_pack_is_byte_identical_to_ffmpegs_r210_encoder(int w, int h)
    {
        var p = RandomRgb(w, h, 10, w + h);
        // gbrp10le: planes G, B, R.
        var expected = Ffmpeg.Convert(Ffmpeg.Planar16(p.G, p.B, p.R),
            "-f", "rawvideo", "-pix_fmt", "gbrp10le", "-s", $"{w}x{h}", "-i", "{IN}", "-c:v", "r210", "-f", "rawvideo", "{OUT}");
        int rowBytes = PixelFormats.RowBytes(PixelFormat.Rgb10, w);
        var ours = new byte[rowBytes * h];
        Rgb10Packer.Pack(PixelFormat.Rgb10, p, ours, rowBytes);
        Assert.Equal(expected, ours);
    }

    [Theory]
    [InlineData(1920, 2)]
    [InlineData(100, 2)]
    public void R10b_pixels_equal_ffmpegs_r10k_encoder(int w, int h)
    {
        // r10k is the same big-endian R10b word; ffmpeg does not pad its rows, DeckLink pads to 256 bytes.
        var p = RandomRgb(w, h, 10, 3 * w + h);
        var expected = Ffmpeg.Convert(Ffmpeg.Planar16(p.G, p.B, p.R),
            "-f", "rawvideo", "-pix_fmt", "gbrp10le", "-s", $"{w}x{h}", "-i", "{IN}", "-c:v", "r10k", "-f", "rawvideo", "{OUT}");
        int rowBytes = PixelFormats.RowBytes(PixelFormat.Rgb10X, w);
        var ours = new byte[rowBytes * h];
        Rgb10Packer.Pack(PixelFormat.Rgb10X, p, ours, rowBytes);
        for (int y = 0; y < h; y++)
        {
            Assert.True(expected.AsSpan(y * w * 4, w * 4).SequenceEqual(ours.AsSpan(y * rowBytes, w * 4)), $"row {y}");
            Assert.True(ours.AsSpan(y * rowBytes + w * 4, rowBytes - w * 4).IndexOfAnyExcept((byte)0) < 0, "padding is zero");
        }
    }

    [Theory]
    [InlineData(PixelFormat.Rgb10, 1920)]
    [InlineData(PixelFormat.Rgb10X, 1280)]
    [InlineData(PixelFormat.Rgb12, 1920)]
    [InlineData(PixelFormat.Rgb12, 1283)]
    [InlineData(PixelFormat.Rgb12, 5)]
    public void Rgb_layouts_round_trip_every_code(PixelFormat format, int w)
    {
        int bits = PixelFormats.BitDepth(format);
        var p = RandomRgb(w, 3, bits, w);
        int rowBytes = PixelFormats.RowBytes(format, w);
        var frame = new byte[rowBytes * 3];
        var back = new RgbPlanes(w, 3);
        if (format == PixelFormat.Rgb12)
        {
            Rgb12Packer.Pack(p, frame, rowBytes);
            Rgb12Packer.Unpack(frame, rowBytes, back);
        }
        else
        {
            Rgb10Packer.Pack(format, p, frame, rowBytes);
            Rgb10Packer.Unpack(format, frame, rowBytes, back);
        }
        Assert.Equal(p.R, back.R);
        Assert.Equal(p.G, back.G);
        Assert.Equal(p.B, back.B);
    }

    [Fact]
    public void R12B_places_components_as_a_bit_stream_in_big_endian_words()
    {
        // R0 = 0xABC, G0 = 0x123, B0 = 0x456, R1 = 0x789: word0 = B0[7:0] G0 R0 = 0x56123ABC,
        // word1 = B1[3:0] G1 R1 B0[11:8] with G1 = B1 = 0: 0x00007894. Both big-endian in memory.
        var p = new RgbPlanes(8, 1);
        (p.R[0], p.G[0], p.B[0], p.R[1]) = (0xABC, 0x123, 0x456, 0x789);
        var frame = new byte[36];
        Rgb12Packer.Pack(p, frame, 36);
        Assert.Equal(new byte[] { 0x56, 0x12, 0x3A, 0xBC, 0x00, 0x00, 0x78, 0x94 }, frame[..8]);
        Assert.True(frame.AsSpan(8).IndexOfAnyExcept((byte)0) < 0);
        // The last component of the group, B7, is the top 12 bits of word 8.
        p = new RgbPlanes(8, 1);
        p.B[7] = 0xFED;
        Rgb12Packer.Pack(p, frame, 36);
        Assert.Equal(new byte[] { 0xFE, 0xD0, 0x00, 0x00 }, frame[32..]);
    }

    [Fact]
    public void Rgba_half_round_trips_every_half_value()
    {
        // All 65536 bit patterns as one 16384-pixel row: half -> float is exact, float -> half returns it
        // (NaNs stay NaN; .NET keeps their payload).
        var frame = new byte[65536 * 2];
        for (int i = 0; i < 65536; i++)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(frame.AsSpan(2 * i), (ushort)i);
        }
        var rgba = new float[65536];
        Rgba16FPacker.Unpack(frame, frame.Length, 16384, 1, rgba);
        var back = new byte[frame.Length];
        Rgba16FPacker.Pack(rgba, 16384, 1, back, back.Length);
        for (int i = 0; i < 65536; i++)
        {
            var h = BinaryPrimitives.ReadHalfLittleEndian(frame.AsSpan(2 * i));
            Assert.Equal((float)h, rgba[i]);
            if (!Half.IsNaN(h))
            {
                Assert.Equal(i, BinaryPrimitives.ReadUInt16LittleEndian(back.AsSpan(2 * i)));
            }
        }
    }

    private static int FirstDifference(byte[] a, byte[] b)
    {
        for (int i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            if (a[i] != b[i])
            {
                return i;
            }
        }
        return Math.Min(a.Length, b.Length);
    }
}
