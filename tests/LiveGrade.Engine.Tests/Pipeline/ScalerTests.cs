using LiveGrade.Engine.Pipeline;

namespace LiveGrade.Engine.Tests.Pipeline;

public class ScalerTests
{
    [Fact]
    public void Halving_averages_each_two_by_two_block_and_sets_alpha_to_one()
    {
        // 4x2 -> 2x1: pixel 0 averages source (0,0),(1,0),(0,1),(1,1); pixel 1 the other four.
        float[] src =
        [
            0.0f, 0.1f, 0.2f, 0.5f,  0.4f, 0.1f, 0.2f, 0.5f,  1, 1, 1, 0,  3, 3, 3, 0,
            0.4f, 0.5f, 0.6f, 0.5f,  0.0f, 0.5f, 0.6f, 0.5f,  1, 1, 1, 0,  3, 3, 3, 0,
        ];
        var dst = new float[2 * 4];
        Scaler.Fit(src, 4, 2, dst, 2, 1);
        Assert.Equal(0.2f, dst[0], 1e-6f);
        Assert.Equal(0.3f, dst[1], 1e-6f);
        Assert.Equal(0.4f, dst[2], 1e-6f);
        Assert.Equal(1f, dst[3]);
        Assert.Equal([2f, 2f, 2f, 1f], dst[4..8]);
    }

    [Theory]
    [InlineData(1920, 1080, 954, 429)] // a 2x2 multiviewer tile of 1080p
    [InlineData(640, 360, 211, 97)]    // uneven ratios: boxes of different sizes
    [InlineData(100, 50, 160, 90)]     // enlarging: each source pixel repeated
    public void Equals_the_channel_by_channel_area_average(int sw, int sh, int dw, int dh)
    {
        var rng = new Random(3);
        var src = new float[sw * sh * 4];
        for (int i = 0; i < src.Length; i++) src[i] = (float)(rng.NextDouble() * 4 - 1);
        var dst = new float[dw * dh * 4];
        Scaler.Fit(src, sw, sh, dst, dw, dh);
        for (int dy = 0; dy < dh; dy++)
        {
            int y0 = dy * sh / dh, y1 = Math.Max(y0 + 1, (dy + 1) * sh / dh);
            for (int dx = 0; dx < dw; dx++)
            {
                int x0 = dx * sw / dw, x1 = Math.Max(x0 + 1, (dx + 1) * sw / dw);
                for (int c = 0; c < 3; c++)
                {
                    float sum = 0;
                    for (int sy = y0; sy < y1; sy++)
                    {
                        for (int sx = x0; sx < x1; sx++) sum += src[(sy * sw + sx) * 4 + c];
                    }
                    float expected = sum * (1f / ((x1 - x0) * (y1 - y0)));
                    Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(dst[(dy * dw + dx) * 4 + c]));
                }
                Assert.Equal(1f, dst[(dy * dw + dx) * 4 + 3]);
            }
        }
    }

    [Fact]
    public void A_source_smaller_than_its_stated_size_is_refused_before_any_read()
    {
        // The rows are read through a pointer: the one check at the row's start is all that stands between a wrong
        // size and a read past the buffer.
        var src = new float[10 * 9 * 4]; // one row short of 10x10
        var dst = new float[5 * 5 * 4];
        Assert.Throws<ArgumentException>(() => Scaler.Fit(src, 10, 10, dst, 5, 5));
    }
}
