using System.Net;
using LiveGrade.Core.Diagnostics;
using LiveGrade.Core.Video;
using LiveGrade.Video.Rtp;

namespace LiveGrade.Video.Tests.Rtp;

[Collection("rtp sockets")]
public class SdpFileTests
{
    [Fact]
    public void WhatIsWrittenReadsBackTheSame()
    {
        var mode = new VideoMode(3840, 2160, FrameRate.Fps59_94, PixelFormat.V210);
        var sent = RtpStreamDescription.ForSending(mode, new IPEndPoint(IPAddress.Parse("239.10.20.30"), 5004), ttl: 32,
            YCbCrMatrix.Rec2020, SignalRange.Narrow, "HLG") with { PayloadType = 112, Origin = IPAddress.Parse("192.168.1.2") };
        string text = SdpFile.Format(sent);
        var read = SdpFile.Parse(text, "x.sdp");
        Assert.Equal(sent with { SessionName = read.SessionName }, read with { Origin = sent.Origin, SessionId = sent.SessionId, SessionVersion = sent.SessionVersion });
        Assert.Equal(new VideoMode(3840, 2160, FrameRate.Fps59_94, PixelFormat.V210), read.Mode);
        Assert.Equal(YCbCrMatrix.Rec2020, read.Matrix);
        Assert.Contains("c=IN IP4 239.10.20.30/32\r\n", text);
        Assert.Contains("a=rtpmap:112 raw/90000\r\n", text);
        Assert.Contains("a=fmtp:112 sampling=YCbCr-4:2:2; width=3840; height=2160; exactframerate=60000/1001; depth=10; TCS=HLG; colorimetry=BT2020; PM=2110GPM; SSN=ST2110-20:2017; TP=2110TPW;", text);
        Assert.Contains("a=mediaclk:direct=0\r\n", text);

        foreach (var format in new[] { PixelFormat.Uyvy8, PixelFormat.Rgb10, PixelFormat.Bgra8 })
        {
            var s = RtpStreamDescription.ForSending(new VideoMode(1280, 720, FrameRate.Fps50, format), new IPEndPoint(IPAddress.Loopback, 6000), range: SignalRange.Full);
            var r = SdpFile.Parse(SdpFile.Format(s), "y.sdp");
            Assert.Equal(s.Mode, r.Mode);
            Assert.Equal(SignalRange.Full, r.Range);
            Assert.Null(r.Ttl);
        }
    }

    [Fact]
    public void ReadsTheShapeOfTheSt2110Example()
    {
        // The media section of ST 2110-20 §7.7's 720p59.94 example, as equipment writes it (LF line ends,
        // a trailing semicolon, DUP groups, a source filter, a PTP reference clock).
        const string sdp = """
            v=0
            o=- 123456 11 IN IP4 192.168.100.2
            s=Example of a SMPTE ST2110-20 signal
            i=this example is for 720p video at 59.94
            t=0 0
            a=recvonly
            a=group:DUP primary secondary
            m=video 50000 RTP/AVP 112
            c=IN IP4 239.100.9.10/32
            a=source-filter: incl IN IP4 239.100.9.10 192.168.100.2
            a=rtpmap:112 raw/90000
            a=fmtp:112 sampling=YCbCr-4:2:2; width=1280; height=720; exactframerate=60000/1001; depth=10; TCS=SDR; colorimetry=BT709; PM=2110GPM; SSN=ST2110-20:2017; TP=2110TPN; 
            a=mediaclk:direct=0
            a=ts-refclk:ptp=IEEE1588-2008:39-A7-94-FF-FE-07-CB-D0:37
            a=mid:primary
            m=video 50020 RTP/AVP 112
            c=IN IP4 239.101.9.10/32
            a=rtpmap:112 raw/90000
            a=fmtp:112 sampling=YCbCr-4:2:2; width=1920; height=1080; exactframerate=25; depth=8; colorimetry=BT709
            a=mid:secondary
            """;
        var s = SdpFile.Parse(sdp, "example.sdp");
        Assert.Equal(IPAddress.Parse("239.100.9.10"), s.Address);
        Assert.Equal((50000, 32, 112), (s.Port, s.Ttl, s.PayloadType));
        Assert.Equal(new VideoMode(1280, 720, FrameRate.Fps59_94, PixelFormat.V210), s.Mode);
        Assert.Equal(("2110GPM", "2110TPN", "SDR", "ST2110-20:2017"), (s.PackingMode, s.TrafficShaping, s.TransferCharacteristic, s.Ssn));
        Assert.True(s.IsMulticast);
    }

    public static TheoryData<string, int, string> Malformed => new()
    {
        { "", 0, "empty" },
        { "o=- 1 1 IN IP4 1.2.3.4\n", 1, "starts with v=0" },
        { "v=0\nthis is not sdp\n", 2, "not an SDP line" },
        { "v=0\nm=audio 5004 RTP/AVP 97\n", 0, "no m=video" },
        { "v=0\nc=IN IP4 1.2.3.4\nm=video 99999 RTP/AVP 96\na=rtpmap:96 raw/90000\n", 3, "port" },
        { "v=0\nc=IN IP4 1.2.3.4\nm=video 5004 RTP/AVP 96\na=rtpmap:96 H264/90000\n", 3, "raw/90000" },
        { "v=0\nc=IN IP4 1.2.3.4\nm=video 5004 RTP/AVP 96\na=rtpmap:96 raw/48000\na=fmtp:96 width=1\n", 4, "90000" },
        { "v=0\nc=IN IP4 1.2.3.4\nm=video 5004 RTP/AVP 96\na=rtpmap:96 raw/90000\n", 3, "a=fmtp:96" },
        { Fmtp("sampling=YCbCr-4:2:2; width=1920; height=1080; depth=10; colorimetry=BT709"), 5, "lacks exactframerate" },
        { Fmtp("sampling=YCbCr-4:4:4; width=1920; height=1080; exactframerate=25; depth=10; colorimetry=BT709"), 5, "YCbCr-4:4:4" },
        { Fmtp("sampling=YCbCr-4:2:2; width=1920; height=1080; exactframerate=25; depth=12; colorimetry=BT709"), 5, "depth 12" },
        { Fmtp("sampling=YCbCr-4:2:2; width=1921; height=1080; exactframerate=25; depth=10; colorimetry=BT709"), 5, "width=1921" },
        { Fmtp("sampling=YCbCr-4:2:2; width=1920; height=0; exactframerate=25; depth=10; colorimetry=BT709"), 5, "height=0" },
        { Fmtp("sampling=YCbCr-4:2:2; width=1920; height=1080; exactframerate=29.97; depth=10; colorimetry=BT709"), 5, "exactframerate=29.97" },
        { Fmtp("sampling=YCbCr-4:2:2; width=1920; height=1080; exactframerate=25; depth=10; colorimetry=BT601"), 5, "BT601" },
        { Fmtp("sampling=YCbCr-4:2:2; width=1920; height=1080; exactframerate=25; depth=10; colorimetry=BT709; interlace"), 5, "interlaced" },
        { Fmtp("sampling=YCbCr-4:2:2; width=1920; height=1080; exactframerate=25; depth=10; colorimetry=BT709; RANGE=WIDE"), 5, "RANGE=WIDE" },
        { "v=0\nm=video 5004 RTP/AVP 96\na=rtpmap:96 raw/90000\na=fmtp:96 sampling=RGB; width=1920; height=1080; exactframerate=25; depth=8; colorimetry=BT709\n", 2, "no c= line" },
        { "v=0\nm=video 5004 RTP/AVP 96\nc=IN IP6 ff02::1\na=rtpmap:96 raw/90000\na=fmtp:96 sampling=RGB; width=1920; height=1080; exactframerate=25; depth=8; colorimetry=BT709\n", 3, "IPv4 only" },
        { "v=0\nm=video 5004 RTP/AVP 96\nc=IN IP4 239.1.1.1/300\na=rtpmap:96 raw/90000\na=fmtp:96 sampling=RGB; width=1920; height=1080; exactframerate=25; depth=8; colorimetry=BT709\n", 3, "TTL" },
        { "v=0\nm=video 5004 RTP/AVP 96\nc=IN IP4 not.an.address\na=rtpmap:96 raw/90000\na=fmtp:96 sampling=RGB; width=1920; height=1080; exactframerate=25; depth=8; colorimetry=BT709\n", 3, "not an IPv4 address" },
        { "v=0\nm=video 5004 RTP/AVP 96\na=rtpmap:x raw/90000\n", 3, "payload type" },
    };

    private static string Fmtp(string parameters) =>
        $"v=0\r\ns=test\r\nm=video 5004 RTP/AVP 96\r\nc=IN IP4 127.0.0.1\r\na=fmtp:96 {parameters}\r\na=rtpmap:96 raw/90000\r\n";

    [Theory]
    [MemberData(nameof(Malformed))]
    public void MalformedFilesFailAtTheirLine(string text, int line, string reason)
    {
        var e = Assert.Throws<InputException>(() => SdpFile.Parse(text, "bad.sdp"));
        Assert.Equal("bad.sdp", e.File);
        if (line > 0) Assert.Equal(line, e.Line);
        Assert.Contains(reason, e.Reason);
        Assert.StartsWith(line > 0 ? $"error: bad.sdp:{line}: " : "error: bad.sdp: ", e.ToOneLine());
    }

    [Fact]
    public void AMissingFileIsAnInputError()
    {
        var e = Assert.Throws<InputException>(() => SdpFile.Read("/nonexistent/stream.sdp"));
        Assert.Equal("/nonexistent/stream.sdp", e.File);
        Assert.Throws<InputException>(() => RtpReceiver.TryCreate("sdp:", out _));
        Assert.False(RtpReceiver.TryCreate("bars", out _));
    }
}
