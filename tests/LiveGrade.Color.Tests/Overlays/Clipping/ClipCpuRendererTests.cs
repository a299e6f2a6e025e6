using LiveGrade.Color.Overlays.Clipping;

namespace LiveGrade.Color.Tests.Overlays.Clipping;

public class ClipCpuRendererTests
{
    [Fact]
    public void Any_channel_at_100_percent_or_at_black_is_marked()
    {
        var p = new ClipParams();
        Assert.Equal((940, 64), (p.HighCode, p.LowCode));
        // (R, G, B) in 10-bit codes: one clipped channel is enough; 939 and 65 are not clipped.
        int[][] pixels = [[940, 500, 500], [500, 500, 1019], [939, 939, 939], [64, 500, 500], [65, 65, 65], [940, 64, 500]];
        var px = new float[pixels.Length * 4];
        for (int i = 0; i < pixels.Length; i++)
        {
            for (int c = 0; c < 3; c++)
            {
                px[i * 4 + c] = (pixels[i][c] - 64) / 876f;
            }
            px[i * 4 + 3] = 1;
        }
        var before = (float[])px.Clone();
        new ClipCpuRenderer(p).Apply(px);
        Assert.Equal((p.HighColour.R, p.HighColour.G, p.HighColour.B), (px[0], px[1], px[2]));
        Assert.Equal((p.HighColour.R, p.HighColour.G, p.HighColour.B), (px[4], px[5], px[6]));
        Assert.Equal(before[8], px[8]);
        Assert.Equal((p.LowColour.R, p.LowColour.G, p.LowColour.B), (px[12], px[13], px[14]));
        Assert.Equal(before[16], px[16]);
        Assert.Equal(p.HighColour.R, px[20]); // high wins over low
    }
}
