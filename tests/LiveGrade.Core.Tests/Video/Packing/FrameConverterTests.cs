using LiveGrade.Core.Video;
using LiveGrade.Core.Video.Packing;

namespace LiveGrade.Core.Tests.Video.Packing;

/// <summary>
/// Code-value maths: spec numbers (SMPTE RP 219 100% colour bars, BT.2100 range formulas), exact round
/// trips through float at 8, 10 and 12 bits, and the stated chroma up- and down-sampling.
/// </summary>
public class FrameConverterTests
{
    // SMPTE RP 219-1 100% colour bars, ITU-R BT.709, 10-bit narrow range: (R, G, B) -> (Y, Cb, Cr).
    public static TheoryData<int, int, int, int, int, int> Bars709 => new()
    {
        { 1, 1, 1, 940, 512, 512 }, { 1, 1, 0, 877, 64, 553 }, { 0, 1, 1, 754, 615, 64 }, { 0, 1, 0, 691, 167, 105 },
        { 1, 0, 1, 313, 857, 919 }, { 1, 0, 0, 250, 409, 960 }, { 0, 0, 1, 127, 960, 471 }, { 0, 0, 0, 64, 512, 512 },
    };

    [Theory]
    [MemberData(nameof(Bars709))]
    public void Rec709_narrow_10_bit_bars_have_the_RP219_code_values(int r, int g, int b, int y, int cb, int cr)
    {
        var p = EncodeFlat(r, g, b, 10, YCbCrMatrix.Rec709, SignalRange.Narrow);
        Assert.Equal((y, cb, cr), (p.Y[0], p.Cb[0], p.Cr[0]));
        var rgba = new float[4 * 2];
        FrameConverter.YCbCrToRgba(p, 10, YCbCrMatrix.Rec709, SignalRange.Narrow, rgba);
        // Decoding the bar's codes gives the primary back to within the code's rounding (1/876 of range).
        Assert.Equal(r, rgba[0], 0.003);
        Assert.Equal(g, rgba[1], 0.003);
        Assert.Equal(b, rgba[2], 0.003);
    }

    [Theory]
    [InlineData(YCbCrMatrix.Rec709, SignalRange.Narrow, 10)]
    [InlineData(YCbCrMatrix.Rec2020, SignalRange.Narrow, 10)]
    [InlineData(YCbCrMatrix.Rec709, SignalRange.Full, 10)]
    [InlineData(YCbCrMatrix.Rec2020, SignalRange.Full, 10)]
    [InlineData(YCbCrMatrix.Rec709, SignalRange.Narrow, 8)]
    [InlineData(YCbCrMatrix.Rec2020, SignalRange.Full, 8)]
    public void Bars_match_the_BT2100_formulas_in_double(YCbCrMatrix matrix, SignalRange range, int bits)
    {
        (double kr, double kb) = matrix == YCbCrMatrix.Rec709 ? (0.2126, 0.0722) : (0.2627, 0.0593);
        double unit = 1 << (bits - 8), max = (1 << bits) - 1;
        foreach (var (r, g, b) in new[] { (1, 1, 0), (0, 1, 1), (0, 1, 0), (1, 0, 1), (1, 0, 0), (0, 0, 1) })
        {
            double ey = kr * r + (1 - kr - kb) * g + kb * b;
            double ecb = (b - ey) / (2 * (1 - kb)), ecr = (r - ey) / (2 * (1 - kr));
            double Y = range == SignalRange.Narrow ? (219 * ey + 16) * unit : max * ey;
            double Cb = range == SignalRange.Narrow ? (224 * ecb + 128) * unit : max * ecb + (1 << (bits - 1));
            double Cr = range == SignalRange.Narrow ? (224 * ecr + 128) * unit : max * ecr + (1 << (bits - 1));
            // Clipped to SDI's protected range, as the encoder does.
            int Clip(double v) => (int)Math.Clamp(Math.Round(v), unit, max - unit);
            var p = EncodeFlat(r, g, b, bits, matrix, range);
            Assert.Equal((Clip(Y), Clip(Cb), Clip(Cr)), (p.Y[0], p.Cb[0], p.Cr[0]));
        }
    }

    [Theory]
    [InlineData(YCbCrMatrix.Rec709, SignalRange.Narrow, 10)]
    [InlineData(YCbCrMatrix.Rec2020, SignalRange.Narrow, 10)]
    [InlineData(YCbCrMatrix.Rec709, SignalRange.Full, 10)]
    [InlineData(YCbCrMatrix.Rec2020, SignalRange.Full, 10)]
    [InlineData(YCbCrMatrix.Rec709, SignalRange.Narrow, 8)]
    [InlineData(YCbCrMatrix.Rec2020, SignalRange.Full, 8)]
    public void YCbCr_to_float_RGB_and_back_is_exact_for_every_code(YCbCrMatrix matrix, SignalRange range, int bits)
    {
        // Every code of the protected range in every plane (the RGB in between may lie far outside 0..1:
        // nothing is clamped in float). Cosited chroma is the exact inverse of the linear upsampling.
        int lo = 1 << (bits - 8), hi = (1 << bits) - 1 - lo, w = 2 * (hi - lo + 1);
        var p = new YCbCr422Planes(w, 3);
        var rng = new Random(bits);
        for (int i = 0; i < p.Y.Length; i++)
        {
            p.Y[i] = (ushort)(lo + (i % w) / 2);
        }
        for (int i = 0; i < p.Cb.Length; i++)
        {
            p.Cb[i] = (ushort)(lo + i % (w / 2));
            p.Cr[i] = (ushort)rng.Next(lo, hi + 1);
        }
        var rgba = new float[4 * w * 3];
        FrameConverter.YCbCrToRgba(p, bits, matrix, range, rgba);
        var back = new YCbCr422Planes(w, 3);
        FrameConverter.RgbaToYCbCr(rgba, bits, matrix, range, ChromaFilter.Cosited, back);
        Assert.Equal(p.Y, back.Y);
        Assert.Equal(p.Cb, back.Cb);
        Assert.Equal(p.Cr, back.Cr);
    }

    [Theory]
    [InlineData(PixelFormat.Rgb10, SignalRange.Narrow)]
    [InlineData(PixelFormat.Rgb10X, SignalRange.Full)]
    [InlineData(PixelFormat.Rgb12, SignalRange.Full)]
    [InlineData(PixelFormat.Rgb12, SignalRange.Narrow)]
    public void Rgb_codes_to_float_and_back_are_exact_for_every_code(PixelFormat format, SignalRange range)
    {
        int bits = PixelFormats.BitDepth(format), n = 1 << bits;
        var p = new RgbPlanes(n, 1);
        for (int i = 0; i < n; i++)
        {
            (p.R[i], p.G[i], p.B[i]) = ((ushort)i, (ushort)(n - 1 - i), (ushort)((i * 7) % n));
        }
        var rgba = new float[4 * n];
        FrameConverter.RgbToRgba(p, bits, range, rgba);
        var back = new RgbPlanes(n, 1);
        FrameConverter.RgbaToRgb(rgba, bits, range, back);
        Assert.Equal(p.R, back.R);
        Assert.Equal(p.G, back.G);
        Assert.Equal(p.B, back.B);
        if (range == SignalRange.Narrow && bits == 10)
        {
            // Code 64 is black and 940 white: (940 - 64) times the float reciprocal of 876 is one ulp below 1
            // (the decode multiplies by a reciprocal because GLSL division is not correctly rounded).
            Assert.Equal(0f, rgba[4 * 64]);
            Assert.Equal(MathF.BitDecrement(1f), rgba[4 * 940]);
        }
    }

    [Fact]
    public void Chroma_upsampling_interpolates_between_cosited_samples()
    {
        // Cb codes 400, 600, 800 on a 6-pixel row: pixels get 400, 500, 600, 700, 800, 800 (last repeats).
        var p = new YCbCr422Planes(6, 1);
        Array.Fill(p.Y, (ushort)500);
        Array.Fill(p.Cr, (ushort)512);
        (p.Cb[0], p.Cb[1], p.Cb[2]) = (400, 600, 800);
        var rgba = new float[4 * 6];
        FrameConverter.YCbCrToRgba(p, 10, YCbCrMatrix.Rec709, SignalRange.Narrow, rgba);
        var k = YCbCrCoefficients.For(YCbCrMatrix.Rec709);
        var luma = VideoLevels.Luma(10, SignalRange.Narrow, true);
        var chroma = VideoLevels.Chroma(10, SignalRange.Narrow, true);
        float[] expectedCb = [400, 500, 600, 700, 800, 800];
        for (int x = 0; x < 6; x++)
        {
            Assert.Equal(luma.Decode(500) + k.CbToB * chroma.Decode(expectedCb[x]), rgba[4 * x + 2]);
        }
    }

    [Fact]
    public void The_121_filter_weights_neighbours_and_keeps_flat_chroma_exact()
    {
        // Blue only on pixel 3: cosited decimation ignores it for chroma sample 1 (pixel 2) and puts it in
        // none; [1 2 1]/4 gives chroma samples 1 and 2 (pixels 2 and 4) a quarter of pixel 3's chroma each.
        var rgba = new float[4 * 8];
        rgba[4 * 3 + 2] = 1f;
        var cosited = new YCbCr422Planes(8, 1);
        var filtered = new YCbCr422Planes(8, 1);
        FrameConverter.RgbaToYCbCr(rgba, 10, YCbCrMatrix.Rec709, SignalRange.Narrow, ChromaFilter.Cosited, cosited);
        FrameConverter.RgbaToYCbCr(rgba, 10, YCbCrMatrix.Rec709, SignalRange.Narrow, ChromaFilter.Filtered121, filtered);
        Assert.Equal(new ushort[] { 512, 512, 512, 512 }, cosited.Cb);
        int quarter = (int)Math.Round(512 + 896 * 0.25 * (1 - 0.0722) / (2 * (1 - 0.0722)));
        Assert.Equal(new ushort[] { 512, (ushort)quarter, (ushort)quarter, 512 }, filtered.Cb);
        // A flat colour comes out the same through either filter.
        for (int x = 0; x < 8; x++)
        {
            (rgba[4 * x], rgba[4 * x + 1], rgba[4 * x + 2]) = (0.7f, 0.2f, 0.4f);
        }
        FrameConverter.RgbaToYCbCr(rgba, 10, YCbCrMatrix.Rec2020, SignalRange.Narrow, ChromaFilter.Cosited, cosited);
        FrameConverter.RgbaToYCbCr(rgba, 10, YCbCrMatrix.Rec2020, SignalRange.Narrow, ChromaFilter.Filtered121, filtered);
        Assert.Equal(cosited.Cb, filtered.Cb);
        Assert.Equal(cosited.Cr, filtered.Cr);
    }

    [Theory]
    [InlineData(PixelFormat.V210, 1280)]
    [InlineData(PixelFormat.Uyvy8, 720)]
    [InlineData(PixelFormat.Rgb10, 100)]
    [InlineData(PixelFormat.Rgb10X, 100)]
    [InlineData(PixelFormat.Rgb12, 101)]
    [InlineData(PixelFormat.Rgba16F, 64)]
    public void Whole_frames_decode_and_encode_back_to_the_same_bytes(PixelFormat format, int w)
    {
        // Start from codes made by encoding random float RGB, so every code is one the encoder can produce.
        int h = 3;
        var rng = new Random(w);
        var rgba = new float[4 * w * h];
        for (int i = 0; i < rgba.Length; i++)
        {
            rgba[i] = (float)(rng.NextDouble() * 1.2 - 0.1);
        }
        int rowBytes = PixelFormats.RowBytes(format, w);
        var a = new byte[rowBytes * h];
        var b = new byte[rowBytes * h];
        FrameConverter.Encode(rgba, format, a, rowBytes, w, h, YCbCrMatrix.Rec709, SignalRange.Narrow);
        var decoded = new float[rgba.Length];
        FrameConverter.Decode(format, a, rowBytes, w, h, YCbCrMatrix.Rec709, SignalRange.Narrow, decoded);
        FrameConverter.Encode(decoded, format, b, rowBytes, w, h, YCbCrMatrix.Rec709, SignalRange.Narrow);
        Assert.Equal(a, b);
    }

    private static YCbCr422Planes EncodeFlat(float r, float g, float b, int bits, YCbCrMatrix m, SignalRange range)
    {
        var rgba = new float[] { r, g, b, 1, r, g, b, 1 };
        var p = new YCbCr422Planes(2, 1);
        FrameConverter.RgbaToYCbCr(rgba, bits, m, range, ChromaFilter.Cosited, p);
        return p;
    }
}
