using LiveGrade.Core.Video;

namespace LiveGrade.Core.Tests.Video;

public class FrameRateTests
{
    [Theory]
    [InlineData("23.976", 24000, 1001)]
    [InlineData("23.98", 24000, 1001)]
    [InlineData("25", 25, 1)]
    [InlineData("29.97", 30000, 1001)]
    [InlineData("59.94", 60000, 1001)]
    [InlineData("50", 50, 1)]
    [InlineData("30000/1001", 30000, 1001)]
    public void ParsesSetRates(string text, int n, int d)
    {
        Assert.True(FrameRate.TryParse(text, out var rate));
        Assert.Equal(new FrameRate(n, d), rate);
    }

    [Fact]
    public void RejectsNonsense()
    {
        Assert.False(FrameRate.TryParse("27", out _));
        Assert.False(FrameRate.TryParse("abc", out _));
        Assert.False(FrameRate.TryParse("0/1", out _));
    }

    [Fact]
    public void TimeOfFrameIsExactAfterAnHourAt2997()
    {
        // 107892 frames of 29.97 are exactly 3599.9964 s: integer maths must not drift.
        Assert.Equal(TimeSpan.FromTicks(35999964000), FrameRate.Fps29_97.TimeOfFrame(107892));
        Assert.Equal(107892, FrameRate.Fps29_97.FrameAt(FrameRate.Fps29_97.TimeOfFrame(107892)));
        Assert.Equal("29.97", FrameRate.Fps29_97.ToString());
        Assert.Equal("23.976", FrameRate.Fps23_976.ToString());
    }
}
