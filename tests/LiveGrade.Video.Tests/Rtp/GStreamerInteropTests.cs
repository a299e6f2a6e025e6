using System.Net;
using LiveGrade.Core.Video;
using LiveGrade.Video.Rtp;
using Xunit.Abstractions;

namespace LiveGrade.Video.Tests.Rtp;

/// <summary>
/// Interop with GStreamer as the independent implementation of RFC 4175: what its payloader sends arrives in
/// LiveGrade as the same pixels GStreamer's own conversion makes of the source, and what LiveGrade sends,
/// GStreamer's depayloader turns back into exactly the frames that were sent. GStreamer calls the RFC 4175
/// 10-bit 4:2:2 layout UYVP; videoconvert runs with dither=none so conversions are exact.
/// </summary>
[Collection("rtp sockets")]
public class GStreamerInteropTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("livegrade-gst-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly TimeSpan GstTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Frames of a raw file in a LiveGrade layout (GStreamer's v210 and UYVY rows are DeckLink's: 128-byte aligned v210, width*2 UYVY).</summary>
    private static List<VideoFrame> ReadFrames(string path, VideoMode mode)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length % mode.FrameBytes == 0, $"{path}: {bytes.Length} bytes is not whole {mode} frames");
        var pool = new FramePool(mode, Math.Max(1, bytes.Length / mode.FrameBytes));
        var frames = new List<VideoFrame>();
        for (int at = 0; at < bytes.Length; at += mode.FrameBytes)
        {
            var f = pool.TryRent()!;
            bytes.AsSpan(at, mode.FrameBytes).CopyTo(f.Data);
            frames.Add(f);
        }
        return frames;
    }

    private RtpReceiver Receiver(VideoMode mode, int port)
    {
        var stream = RtpStreamDescription.ForSending(mode, new IPEndPoint(IPAddress.Loopback, port));
        var receiver = new RtpReceiver(stream, "from gstreamer", RtpLoopbackTests.Patient());
        receiver.Start();
        Assert.Equal(RtpReceiveBatching.Gro, receiver.Batching); // the default path: recvmmsg with UDP GRO
        return receiver;
    }

    /// <summary>Every frame LiveGrade received is whole and is one of <paramref name="expected"/>, in order, and all of them came.</summary>
    private void AssertReceived(RtpReceiver receiver, List<VideoFrame> received, List<VideoFrame> expected)
    {
        var c = receiver.RtpCounters.Snapshot();
        output.WriteLine($"{received.Count} frames of {expected.Count}: {c}");
        Assert.Equal(expected.Count, received.Count);
        Assert.Equal((0L, 0L, 0L, 0L), (c.Lost, c.FramesIncomplete, c.Malformed, c.Late));
        for (int k = 0; k < received.Count; k++)
        {
            var rows = RtpTestFrames.DifferentRows(expected[k], received[k]);
            Assert.True(rows.Count == 0, $"frame {k}: {rows.Count} rows differ from GStreamer's, first {(rows.Count > 0 ? rows[0] : -1)}");
        }
    }

    [Theory]
    [InlineData(25)]
    [InlineData(50)]
    public void GStreamerSendsUyvpAndLiveGradeReceivesWhatGStreamersOwnConversionMakes(int fps)
    {
        // A moving SMPTE pattern rendered at 16 bits and cut to 10 (no dither): every frame different.
        const int frames = 5;
        var mode = new VideoMode(1920, 1080, new FrameRate(fps, 1), PixelFormat.V210);
        string[] source =
        [
            "videotestsrc", $"num-buffers={frames}", "pattern=smpte", "horizontal-speed=8", "!",
            $"video/x-raw,format=AYUV64,width=1920,height=1080,framerate={fps}/1", "!",
            "videoconvert", "dither=none", "!", "video/x-raw,format=UYVP",
        ];
        string reference = Path.Combine(_dir, "ref.v210");
        var r = GStreamer.Run(GstTimeout, [.. source, "!", "videoconvert", "dither=none", "!", "video/x-raw,format=v210", "!", "filesink", $"location={reference}"]);
        Assert.True(r.ExitCode == 0, r.Output);
        var expected = ReadFrames(reference, mode);
        Assert.Equal(frames, expected.Count);
        Assert.NotEqual(RtpTestFrames.Samples(expected[0], 500), RtpTestFrames.Samples(expected[1], 500));

        int port = RtpStreaming.FreePort();
        using var receiver = Receiver(mode, port);
        using var collector = new RtpStreaming.Collector(receiver, frames);
        r = GStreamer.Run(GstTimeout, [.. source, "!", "rtpvrawpay", "!", "udpsink", "host=127.0.0.1", $"port={port}", "sync=true"]);
        Assert.True(r.ExitCode == 0, r.Output);
        collector.WaitFor(frames, TimeSpan.FromSeconds(5));
        AssertReceived(receiver, collector.Frames, expected);
    }

    [Fact]
    public void GStreamerSendsRandomSamplesFromAFileAndLiveGradeGetsEveryOne()
    {
        // Random 10-bit codes, 0-3 and 1020-1023 included, packed as RFC 4175 pixel groups by the test's own
        // bit writer, read by GStreamer as UYVP and sent by rtpvrawpay (lines cut anywhere, several per packet).
        const int frames = 4;
        var mode = new VideoMode(1920, 1080, FrameRate.Fps25, PixelFormat.V210);
        var expected = RtpStreaming.RandomFrames(mode, frames, seed: 7);
        string input = Path.Combine(_dir, "in.uyvp");
        using (var file = File.Create(input))
        {
            foreach (var f in expected)
            {
                for (int y = 0; y < mode.Height; y++)
                {
                    file.Write(RtpTestFrames.ToPgroupStream(RtpTestFrames.Samples(f, y), 10));
                }
            }
        }
        int port = RtpStreaming.FreePort();
        using var receiver = Receiver(mode, port);
        using var collector = new RtpStreaming.Collector(receiver, frames);
        var r = GStreamer.Run(GstTimeout, "filesrc", $"location={input}", "!", "rawvideoparse", "format=uyvp", "width=1920", "height=1080", "framerate=25/1", "!",
            "rtpvrawpay", "!", "udpsink", "host=127.0.0.1", $"port={port}", "sync=true");
        Assert.True(r.ExitCode == 0, r.Output);
        collector.WaitFor(frames, TimeSpan.FromSeconds(5));
        AssertReceived(receiver, collector.Frames, expected);
    }

    [Fact]
    public void GStreamerSendsUyvyAndLiveGradeReceivesTheSameBytes()
    {
        const int frames = 4;
        var mode = new VideoMode(1280, 720, FrameRate.Fps50, PixelFormat.Uyvy8);
        string[] source =
        [
            "videotestsrc", $"num-buffers={frames}", "pattern=smpte", "horizontal-speed=8", "!",
            "video/x-raw,format=UYVY,width=1280,height=720,framerate=50/1",
        ];
        string reference = Path.Combine(_dir, "ref.uyvy");
        var r = GStreamer.Run(GstTimeout, [.. source, "!", "filesink", $"location={reference}"]);
        Assert.True(r.ExitCode == 0, r.Output);
        var expected = ReadFrames(reference, mode);
        int port = RtpStreaming.FreePort();
        using var receiver = Receiver(mode, port);
        using var collector = new RtpStreaming.Collector(receiver, frames);
        r = GStreamer.Run(GstTimeout, [.. source, "!", "rtpvrawpay", "!", "udpsink", "host=127.0.0.1", $"port={port}", "sync=true"]);
        Assert.True(r.ExitCode == 0, r.Output);
        collector.WaitFor(frames, TimeSpan.FromSeconds(5));
        AssertReceived(receiver, collector.Frames, expected);
    }

    [Theory]
    [InlineData(PixelFormat.V210, 1920, 1080, 25)]
    [InlineData(PixelFormat.V210, 1920, 1080, 50)]
    [InlineData(PixelFormat.Uyvy8, 1920, 1080, 50)]
    [InlineData(PixelFormat.V210, 1280, 720, 50)]
    public void LiveGradeSendsAndGStreamerDepayloadsTheSameFrames(PixelFormat format, int width, int height, int fps)
    {
        const int frames = 5;
        var mode = new VideoMode(width, height, new FrameRate(fps, 1), format);
        var sent = RtpStreaming.RandomFrames(mode, frames, seed: 21);
        int port = RtpStreaming.FreePort();
        var stream = RtpStreamDescription.ForSending(mode, new IPEndPoint(IPAddress.Loopback, port));
        using var sender = new RtpSender(stream, "to gstreamer", new RtpSenderOptions { QueueFrames = frames });
        bool tenBit = format == PixelFormat.V210;
        string outFile = Path.Combine(_dir, tenBit ? "out.v210" : "out.uyvy");
        // udpsrc stops after exactly the packets of the clip; 10-bit is converted from UYVP to v210 by GStreamer.
        string[] convert = tenBit ? ["!", "video/x-raw,format=UYVP", "!", "videoconvert", "dither=none", "!", "video/x-raw,format=v210"] : ["!", "video/x-raw,format=UYVY"];
        using var gst = GStreamer.Start([
            "udpsrc", "address=127.0.0.1", $"port={port}", "buffer-size=33554432", $"num-buffers={frames * sender.PacketsPerFrame}",
            GStreamer.RtpCaps("YCbCr-4:2:2", tenBit ? 10 : 8, width, height), "!", "rtpvrawdepay", .. convert, "!", "filesink", $"location={outFile}"]);
        Assert.True(GStreamer.WaitForUdpPort(port, TimeSpan.FromSeconds(20)), "GStreamer did not bind its port");
        sender.Start();
        Assert.Equal(RtpSendBatching.Gso, sender.Batching); // the default path: UDP GSO, cut by the kernel for udpsrc
        RtpStreaming.Play(sender, sent);
        var r = GStreamer.Wait(gst, GstTimeout);
        output.WriteLine($"sender: {sender.RtpCounters.Snapshot()}; {sender.PacketsPerFrame} packets a frame");
        Assert.True(r.ExitCode == 0, r.Output);
        var got = ReadFrames(outFile, mode);
        Assert.Equal(frames, got.Count);
        for (int k = 0; k < frames; k++)
        {
            var rows = RtpTestFrames.DifferentRows(sent[k], got[k]);
            Assert.True(rows.Count == 0, $"frame {k}: {rows.Count} rows differ in GStreamer's output, first {(rows.Count > 0 ? rows[0] : -1)}");
        }
    }
}
