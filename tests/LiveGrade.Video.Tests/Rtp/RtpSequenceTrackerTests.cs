using LiveGrade.Video.Rtp;

namespace LiveGrade.Video.Tests.Rtp;

[Collection("rtp sockets")]
public class RtpSequenceTrackerTests
{
    private static (long Index, SequenceVerdict Verdict) Feed(RtpSequenceTracker t, uint seq32, bool extended = true)
    {
        var v = t.Update((ushort)seq32, extended ? (ushort)(seq32 >> 16) : (ushort)0, out long index);
        return (index, v);
    }

    [Fact]
    public void ExtendedNumberCarriesThroughBothWraps()
    {
        var t = new RtpSequenceTracker();
        long first = Feed(t, 0xFFFF_FFF0).Index;
        for (uint i = 1; i < 0x20040; i++)
        {
            var (index, verdict) = Feed(t, 0xFFFF_FFF0 + i); // wraps 32 bits at i=16, then 16 bits twice more
            if (verdict != SequenceVerdict.Ahead || index != first + i)
            {
                Assert.Fail($"packet {i}: {verdict}, index {index - first}");
            }
        }
        Assert.Equal(0, t.Lost);
        Assert.True(t.ExtendedFieldInUse);
    }

    [Fact]
    public void ALongGapIsMeasuredExactlyWhenTheExtendedNumberIsThere()
    {
        // 100,000 packets missing (more than 16 bits can tell): only the 32-bit number measures it.
        var t = new RtpSequenceTracker();
        Feed(t, 70_000);
        Feed(t, 70_001);
        Feed(t, 170_002);
        Assert.Equal(100_000, t.Lost);
    }

    [Fact]
    public void SenderThatLeavesTheExtendedFieldZeroIsFollowedOn16Bits()
    {
        // GStreamer's rtpvrawpay writes 0 in the extended field.
        var t = new RtpSequenceTracker();
        long first = Feed(t, 65_000, extended: false).Index;
        for (uint i = 1; i < 140_000; i++)
        {
            var (index, verdict) = Feed(t, 65_000 + i, extended: false);
            if (verdict != SequenceVerdict.Ahead || index != first + i)
            {
                Assert.Fail($"packet {i}: {verdict}, index {index - first}");
            }
        }
        Assert.False(t.ExtendedFieldInUse);
        Assert.Equal(0, t.Lost);
    }

    [Fact]
    public void ReorderedDuplicateAndLostPacketsAreToldApart()
    {
        var t = new RtpSequenceTracker();
        Feed(t, 0xFFFE);
        Assert.Equal(SequenceVerdict.Ahead, Feed(t, 0x1_0001).Verdict);  // 0xFFFF and 0x1_0000 missing so far
        Assert.Equal(2, t.Lost);
        Assert.Equal(SequenceVerdict.Reordered, Feed(t, 0xFFFF).Verdict);
        Assert.Equal(SequenceVerdict.Duplicate, Feed(t, 0xFFFF).Verdict);
        Assert.Equal(SequenceVerdict.Duplicate, Feed(t, 0x1_0001).Verdict);
        Assert.Equal(1, t.Lost);
        Assert.Equal(SequenceVerdict.Reordered, Feed(t, 0x1_0000).Verdict);
        Assert.Equal(0, t.Lost);
        Assert.Equal(4, t.Unique);
    }

    [Fact]
    public void ARestartedSenderIsFollowedAfterTwoConsecutivePackets()
    {
        var t = new RtpSequenceTracker();
        for (uint i = 0; i < 100; i++) Feed(t, 5_000_000 + i);
        Assert.Equal(SequenceVerdict.OutOfWindow, Feed(t, 17).Verdict);   // one stray packet: ignored
        Assert.Equal(SequenceVerdict.Ahead, Feed(t, 5_000_100).Verdict);
        Assert.Equal(SequenceVerdict.OutOfWindow, Feed(t, 40).Verdict);
        Assert.Equal(SequenceVerdict.Restarted, Feed(t, 41).Verdict);     // the sender really starts again at 40
        Assert.Equal(SequenceVerdict.Ahead, Feed(t, 42).Verdict);
        Assert.Equal(0, t.Lost);
    }
}
