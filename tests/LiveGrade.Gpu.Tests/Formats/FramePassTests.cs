using System.Buffers.Binary;
using LiveGrade.Core.Tests.Video.Packing;
using LiveGrade.Core.Video;
using LiveGrade.Core.Video.Packing;
using Xunit.Abstractions;

namespace LiveGrade.Gpu.Tests.Formats;

/// <summary>
/// The GPU unpack and pack shaders against LiveGrade.Core's CPU reference, bit for bit: unpacked floats
/// compare as bit patterns, packed frames as bytes (padding included); the v210 pack also against ffmpeg.
/// </summary>
[Collection("Gpu")]
[Trait("Category", "Gpu")]
public class FramePassTests(GlContextFixture fixture, ITestOutputHelper output)
{
    public static TheoryData<PixelFormat, int, int> Frames => new()
    {
        { PixelFormat.V210, 1920, 4 }, { PixelFormat.V210, 1280, 3 }, { PixelFormat.V210, 720, 3 }, { PixelFormat.V210, 8, 2 },
        { PixelFormat.Uyvy8, 1920, 3 }, { PixelFormat.Uyvy8, 6, 2 },
        { PixelFormat.Rgb10, 1920, 3 }, { PixelFormat.Rgb10, 100, 2 },
        { PixelFormat.Rgb10X, 1280, 3 }, { PixelFormat.Rgb10X, 100, 2 },
        { PixelFormat.Rgb12, 1920, 3 }, { PixelFormat.Rgb12, 1283, 2 }, { PixelFormat.Rgb12, 5, 2 },
        { PixelFormat.Rgba16F, 640, 3 }, { PixelFormat.Rgba32F, 64, 2 },
    };

    [Theory]
    [MemberData(nameof(Frames))]
    public void Unpack_equals_the_CPU_reference_bit_for_bit(PixelFormat format, int w, int h)
    {
        foreach (var (matrix, range) in Variants(format))
        {
            int rowBytes = PixelFormats.RowBytes(format, w);
            var frame = new byte[rowBytes * h];
            new Random(w * 31 + h).NextBytes(frame); // every code, reserved ones and garbage in padding included
            if (format == PixelFormat.Rgba32F)
            {
                FillFloats(frame, w * 4 * h, 5);
            }
            var cpu = new float[4 * w * h];
            FrameConverter.Decode(format, frame, rowBytes, w, h, matrix, range, cpu);
            var gpu = GpuFrameCodec.Unpack(fixture.Context, format, frame, rowBytes, w, h, matrix, range);
            AssertSameBits(cpu, gpu, $"{format} {matrix} {range}");
        }
    }

    [Theory]
    [MemberData(nameof(Frames))]
    public void Pack_equals_the_CPU_reference_byte_for_byte(PixelFormat format, int w, int h)
    {
        foreach (var (matrix, range) in Variants(format))
        {
            foreach (var filter in new[] { ChromaFilter.Cosited, ChromaFilter.Filtered121 })
            {
                var rgba = RandomRgba(w, h, w + h + (int)filter);
                int rowBytes = PixelFormats.RowBytes(format, w);
                var cpu = new byte[rowBytes * h];
                FrameConverter.Encode(rgba, format, cpu, rowBytes, w, h, matrix, range, filter);
                var gpu = GpuFrameCodec.Pack(fixture.Context, format, rgba, w, h, matrix, range, filter);
                int at = cpu.AsSpan().CommonPrefixLength(gpu);
                Assert.True(at == cpu.Length, $"{format} {matrix} {range} {filter}: first different byte {at} (row {at / rowBytes}): CPU {(at < cpu.Length ? cpu[at] : 0)}, GPU {(at < gpu.Length ? gpu[at] : 0)}");
                if (!PixelFormats.IsYCbCr422(format))
                {
                    break; // the chroma filter only concerns 4:2:2
                }
            }
        }
    }

    [Theory]
    [InlineData(1920, 4)]
    [InlineData(1280, 4)]
    [InlineData(720, 4)]
    public void V210_GPU_pack_equals_ffmpegs_encoder_on_the_same_planes(int w, int h)
    {
        // Random 10-bit planes, reserved codes included. They become float RGB on the CPU, the GPU packs them,
        // and the bytes must equal ffmpeg's v210 encoding of the planes themselves: the float round trip is
        // exact and both clip to 4..1019.
        var rng = new Random(w);
        var planes = new YCbCr422Planes(w, h);
        foreach (var plane in new[] { planes.Y, planes.Cb, planes.Cr })
        {
            for (int i = 0; i < plane.Length; i++)
            {
                plane[i] = (ushort)rng.Next(0, 1024);
            }
        }
        var expected = Ffmpeg.Convert(Ffmpeg.Planar16(planes.Y, planes.Cb, planes.Cr),
            "-f", "rawvideo", "-pix_fmt", "yuv422p10le", "-s", $"{w}x{h}", "-i", "{IN}", "-c:v", "v210", "-f", "rawvideo", "{OUT}");
        var rgba = new float[4 * w * h];
        FrameConverter.YCbCrToRgba(planes, 10, YCbCrMatrix.Rec709, SignalRange.Narrow, rgba);
        var gpu = GpuFrameCodec.Pack(fixture.Context, PixelFormat.V210, rgba, w, h);
        Assert.Equal(expected.Length, gpu.Length);
        Assert.True(expected.AsSpan().SequenceEqual(gpu), $"first different byte {expected.AsSpan().CommonPrefixLength(gpu)}");
    }

    [Theory]
    [MemberData(nameof(Frames))]
    public void Unpack_then_pack_on_the_GPU_returns_the_same_frame(PixelFormat format, int w, int h)
    {
        // Frames the encoder can produce (SDI-protected codes for 4:2:2, every code for RGB, every finite
        // half): unpack then pack with no grade gives the same bytes. 4:2:2 needs cosited chroma for that.
        foreach (var (matrix, range) in Variants(format))
        {
            int rowBytes = PixelFormats.RowBytes(format, w);
            var frame = new byte[rowBytes * h];
            FrameConverter.Encode(RandomRgba(w, h, 77), format, frame, rowBytes, w, h, matrix, range);
            var rgba = GpuFrameCodec.Unpack(fixture.Context, format, frame, rowBytes, w, h, matrix, range);
            var back = GpuFrameCodec.Pack(fixture.Context, format, rgba, w, h, matrix, range);
            if (format == PixelFormat.Rgba16F)
            {
                // A NaN stays NaN, but the driver may drop its sign and payload on the way (llvmpipe does).
                for (int i = 0; i < frame.Length; i += 2)
                {
                    if (Half.IsNaN(BinaryPrimitives.ReadHalfLittleEndian(frame.AsSpan(i))) && Half.IsNaN(BinaryPrimitives.ReadHalfLittleEndian(back.AsSpan(i))))
                    {
                        (back[i], back[i + 1]) = (frame[i], frame[i + 1]);
                    }
                }
            }
            Assert.True(frame.AsSpan().SequenceEqual(back), $"{format} {matrix} {range}: first different byte {frame.AsSpan().CommonPrefixLength(back)}");
        }
    }

    [Fact]
    public void Every_half_value_unpacks_and_packs_like_the_CPU()
    {
        // All 65536 half bit patterns (as a 16384-pixel RGBA row) through GPU unpack, and float values that
        // sit exactly between two halves (round to even) and beyond the half range through GPU pack.
        var frame = new byte[65536 * 2];
        for (int i = 0; i < 65536; i++)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(frame.AsSpan(2 * i), (ushort)i);
        }
        var gpu = GpuFrameCodec.Unpack(fixture.Context, PixelFormat.Rgba16F, frame, frame.Length, 16384, 1);
        var cpu = new float[65536];
        FrameConverter.Decode(PixelFormat.Rgba16F, frame, frame.Length, 16384, 1, YCbCrMatrix.Rec709, SignalRange.Full, cpu);
        AssertSameBits(cpu, gpu, "half -> float");

        var floats = new float[65536];
        for (int i = 0; i < 65536; i++)
        {
            // Midpoints between consecutive halves, and their neighbours one float ulp either side.
            float a = (float)BitConverter.UInt16BitsToHalf((ushort)(i & 0x7BFF)), b = (float)BitConverter.UInt16BitsToHalf((ushort)((i & 0x7BFF) + 1));
            float mid = (float)(((double)a + b) / 2);
            floats[i] = (i % 3) switch { 0 => mid, 1 => MathF.BitIncrement(mid), _ => MathF.BitDecrement(mid) };
        }
        floats[0] = 65519.99f; floats[1] = 65520f; floats[2] = 1e30f; floats[3] = -1e-30f; floats[4] = float.NaN;
        var packed = GpuFrameCodec.Pack(fixture.Context, PixelFormat.Rgba16F, floats, 16384, 1);
        var expected = new byte[packed.Length];
        FrameConverter.Encode(floats, PixelFormat.Rgba16F, expected, expected.Length, 16384, 1, YCbCrMatrix.Rec709, SignalRange.Full);
        for (int i = 0; i < 65536; i++)
        {
            ushort e = BinaryPrimitives.ReadUInt16LittleEndian(expected.AsSpan(2 * i)), g = BinaryPrimitives.ReadUInt16LittleEndian(packed.AsSpan(2 * i));
            bool bothNaN = Half.IsNaN(BitConverter.UInt16BitsToHalf(e)) && Half.IsNaN(BitConverter.UInt16BitsToHalf(g));
            Assert.True(e == g || bothNaN, $"float {floats[i]:R} -> half: CPU 0x{e:X4}, GPU 0x{g:X4}");
        }
    }

    private static IEnumerable<(YCbCrMatrix, SignalRange)> Variants(PixelFormat format) => PixelFormats.IsYCbCr422(format)
        ? [(YCbCrMatrix.Rec709, SignalRange.Narrow), (YCbCrMatrix.Rec2020, SignalRange.Narrow), (YCbCrMatrix.Rec709, SignalRange.Full), (YCbCrMatrix.Rec2020, SignalRange.Full)]
        : format is PixelFormat.Rgba16F or PixelFormat.Rgba32F ? [(YCbCrMatrix.Rec709, SignalRange.Full)]
        : [(YCbCrMatrix.Rec709, SignalRange.Narrow), (YCbCrMatrix.Rec709, SignalRange.Full)];

    /// <summary>Random RGBA in -0.25..1.35 (outside the code range on both sides), plus NaN, infinities and 0.</summary>
    private static float[] RandomRgba(int w, int h, int seed)
    {
        var rng = new Random(seed);
        var rgba = new float[4 * w * h];
        for (int i = 0; i < rgba.Length; i++)
        {
            rgba[i] = (float)(rng.NextDouble() * 1.6 - 0.25);
        }
        if (rgba.Length > 16)
        {
            (rgba[0], rgba[5], rgba[10], rgba[12]) = (float.NaN, float.PositiveInfinity, float.NegativeInfinity, 0f);
        }
        return rgba;
    }

    private static void FillFloats(byte[] frame, int count, int seed)
    {
        var rng = new Random(seed);
        for (int i = 0; i < count; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(frame.AsSpan(4 * i), (float)(rng.NextDouble() * 4 - 1));
        }
    }

    private void AssertSameBits(float[] cpu, float[] gpu, string what)
    {
        int differ = 0, first = -1;
        for (int i = 0; i < cpu.Length; i++)
        {
            bool same = BitConverter.SingleToUInt32Bits(cpu[i]) == BitConverter.SingleToUInt32Bits(gpu[i])
                || (float.IsNaN(cpu[i]) && float.IsNaN(gpu[i]));
            if (!same)
            {
                differ++;
                first = first < 0 ? i : first;
            }
        }
        output.WriteLine($"{what}: {differ} of {cpu.Length} floats differ");
        if (differ > 0)
        {
            Assert.Fail($"{what}: {differ} floats differ, first at {first}: CPU {cpu[first]:R}, GPU {gpu[first]:R}");
        }
    }
}
