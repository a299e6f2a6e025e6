using LiveGrade.Core.Video;

namespace LiveGrade.Core.Tests.Video;

public class TimecodeTests
{
    // Reference values from SMPTE ST 12-1 drop-frame counting: 29.97 DF has 17982 frames per 10 minutes
    // and 2,589,408 a day; the first label after 00:00:59;29 is 00:01:00;02.
    [Theory]
    [InlineData(0, "00:00:00;00")]
    [InlineData(1799, "00:00:59;29")]
    [InlineData(1800, "00:01:00;02")]
    [InlineData(3597, "00:01:59;29")]
    [InlineData(3598, "00:02:00;02")]
    [InlineData(17981, "00:09:59;29")]
    [InlineData(17982, "00:10:00;00")]
    [InlineData(107892, "01:00:00;00")]
    [InlineData(2589407, "23:59:59;29")]
    [InlineData(2589408, "00:00:00;00")]
    public void DropFrame2997MatchesSt12(long frame, string label)
    {
        var tc = Timecode.FromFrameCount(frame, FrameRate.Fps29_97, dropFrame: true);
        Assert.Equal(label, tc.ToString());
        Assert.Equal(frame % 2589408, tc.ToFrameCount(FrameRate.Fps29_97));
    }

    [Theory]
    [InlineData(3600, "00:01:00;04")]   // 59.94 DF drops four labels a minute
    [InlineData(35964, "00:10:00;00")]  // 60*600 - 9*4
    public void DropFrame5994DropsFourLabels(long frame, string label)
    {
        Assert.Equal(label, Timecode.FromFrameCount(frame, FrameRate.Fps59_94, true).ToString());
    }

    [Fact]
    public void EveryFrameOfADayRoundTripsAndLabelsIncreaseByOne()
    {
        var rate = FrameRate.Fps29_97;
        var previous = Timecode.FromFrameCount(0, rate, true);
        for (long n = 1; n < Timecode.FramesPerDay(rate, true); n += 7)
        {
            var tc = Timecode.FromFrameCount(n, rate, true);
            Assert.Equal(n, tc.ToFrameCount(rate));
            Assert.True(Timecode.TryParse(tc.ToString(), rate, out var parsed, out _), tc.ToString());
            Assert.Equal(tc, parsed);
            Assert.True(tc.ToFrameCount(rate) > previous.ToFrameCount(rate));
            previous = tc;
        }
    }

    [Theory]
    [InlineData(25, 90000, "01:00:00:00")]
    [InlineData(24, 86399, "00:59:59:23")]
    public void NonDropCountsPlainly(int fps, long frame, string label)
    {
        var rate = new FrameRate(fps, 1);
        Assert.Equal(label, Timecode.FromFrameCount(frame, rate, false).ToString());
    }

    [Fact]
    public void SkippedDropFrameLabelIsRejected()
    {
        Assert.False(Timecode.TryParse("00:01:00;00", FrameRate.Fps29_97, out _, out var error));
        Assert.Contains("skipped", error);
        Assert.True(Timecode.TryParse("00:10:00;00", FrameRate.Fps29_97, out _, out _));
        Assert.False(Timecode.TryParse("00:00:00;00", FrameRate.Fps25, out _, out var e2));
        Assert.Contains("drop-frame", e2);
        Assert.False(Timecode.TryParse("00:00:00:25", FrameRate.Fps25, out _, out _));
        Assert.False(Timecode.TryParse("garbage", FrameRate.Fps25, out _, out _));
    }

    [Fact]
    public void AddWrapsAtMidnight()
    {
        var tc = Timecode.FromFields(23, 59, 59, 24, FrameRate.Fps25, false);
        Assert.Equal("00:00:00:01", tc.Add(2, FrameRate.Fps25).ToString());
        Assert.Equal("23:59:59:23", tc.Add(-1, FrameRate.Fps25).ToString());
    }

    [Fact]
    public void BcdMatchesRp188Layout()
    {
        var tc = Timecode.FromFields(12, 34, 56, 23, FrameRate.Fps25, false);
        Assert.Equal(0x12345623u, tc.ToBcd());
        Assert.True(Timecode.TryFromBcd(0x12345623u, FrameRate.Fps25, false, out var back));
        Assert.Equal(tc, back);
        Assert.False(Timecode.TryFromBcd(0x1234562Au, FrameRate.Fps25, false, out _));
    }
}
