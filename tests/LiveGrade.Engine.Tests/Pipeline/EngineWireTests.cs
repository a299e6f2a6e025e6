using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using LiveGrade.Color.Overlays.FalseColor;
using LiveGrade.Color.Processing;
using LiveGrade.Core.Video;
using LiveGrade.Core.Video.Packing;
using LiveGrade.Engine.Control;
using LiveGrade.Engine.Pipeline;
using LiveGrade.Engine.Show;
using LiveGrade.Interop.DeckLink;
using LiveGrade.Video;
using LiveGrade.Video.Rtp;
using LiveGrade.Video.Sources;
using Xunit.Abstractions;

namespace LiveGrade.Engine.Tests.Pipeline;

/// <summary>
/// The engine on the wire: packed inputs (ST 2110-20 over RTP, DeckLink v210) decoded once per frame, outputs
/// packed to their sink's layout and sent, and the monitoring overlays drawn on an output and switched from
/// the control bus.
/// </summary>
[Collection(DeckLinkEngineCollection.Name)]
public class EngineWireTests(ITestOutputHelper log)
{
    // The live CPU path bakes the chain to 33³ (see LiveEngineTests): 1.5% of the display signal.
    private const double BakeTolerance = 1.5e-2;

    // A 10-bit 4:2:2 round trip of the output: luma within one code (1/876) and chroma filtered over
    // three pixels, so only the middle of each bar (away from chroma transitions) is compared, to two codes.
    private const double WireTolerance = 2.5 / 876;

    private const int W = 192, H = 108;

    private static int FreePort()
    {
        using var s = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        s.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)s.LocalEndPoint!).Port;
    }

    private static float[] WaitForPicture(Func<float[]?> take, Func<float[], bool> ok, string what, TimeSpan? timeout = null)
    {
        var sw = Stopwatch.StartNew();
        float[]? last = null;
        while (sw.Elapsed < (timeout ?? TimeSpan.FromSeconds(20)))
        {
            last = take();
            if (last is { } px && ok(px)) return px;
            Thread.Sleep(10);
        }
        Assert.Fail($"never saw {what} ({(last is null ? "no picture" : "a different picture")})");
        return [];
    }

    /// <summary>The largest difference over the middle pixel row of each of the 7 top bars.</summary>
    private static double BarCentres(float[] a, float[] b)
    {
        double max = 0;
        int y = H / 4;
        for (int bar = 0; bar < 7; bar++)
        {
            int x = (int)((bar + 0.5) * W / 7.0);
            for (int c = 0; c < 3; c++) max = Math.Max(max, Math.Abs(a[(y * W + x) * 4 + c] - b[(y * W + x) * 4 + c]));
        }
        return max;
    }

    [Fact]
    public void An_RTP_camera_is_decoded_graded_and_sent_on_as_ST_2110_to_a_receiver()
    {
        string dir = Directory.CreateTempSubdirectory("lg-wire-").FullName;
        string cameraSdp = Path.Combine(dir, "camera.sdp"), outputSdp = Path.Combine(dir, "village.sdp");
        var wire = new VideoMode(W, H, FrameRate.Fps25, PixelFormat.V210);

        // The camera: RP 219 bars as 10-bit 4:2:2, sent as a real ST 2110-20 stream on loopback.
        var bars = new float[W * H * 4];
        TestPatterns.Bars(bars, W, H);
        var pool = new FramePool(wire, 4);
        var template = pool.TryRent()!;
        new FrameEncoder().Encode(bars, template);
        var decodedBars = new float[W * H * 4];
        new FrameDecoder().Decode(template, decodedBars); // what the engine sees after its own decode
        var stream = RtpStreamDescription.ForSending(wire, new IPEndPoint(IPAddress.Loopback, FreePort()));
        using var camera = new RtpSender(stream, "camera", new RtpSenderOptions { SdpPath = cameraSdp });
        camera.Start();
        using var stop = new CancellationTokenSource();
        var feeder = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                if (pool.TryRent() is { } f)
                {
                    template.Data.CopyTo(f.Data);
                    f.CaptureTimestamp = Stopwatch.GetTimestamp();
                    camera.Send(f);
                    f.Release();
                }
                Thread.Sleep(40);
            }
        }) { IsBackground = true };
        feeder.Start();

        int outPort = FreePort();
        var show = ShowFile.Parse($$"""
            {
              "size": "{{W}}x{{H}}", "rate": "25",
              "inputs": [ { "name": "CAM", "source": "sdp:{{cameraSdp}}", "camera": "rec709" } ],
              "outputs": [ { "name": "VILLAGE", "route": "CAM", "display": "rec1886",
                             "sink": "rtp:127.0.0.1:{{outPort}}", "format": "v210", "sdp": "{{outputSdp}}" } ]
            }
            """);
        using var bus = new ControlBus(StateTransitions.Initial(show), journal: null);
        using var engine = new LiveEngine(show, bus);
        engine.Start();
        try
        {
            // The engine's picture is the decoded camera through the look.
            var expected = (float[])decodedBars.Clone();
            new CpuProcessor(engine.BuildExactLook(new LookKey(0, 0, "graded", "rec1886", 0))).Apply(expected);
            var output = engine.OutputRunners[0];
            var picture = WaitForPicture(output.Snapshot, px => BarCentres(px, expected) < BakeTolerance, "the graded camera on the output");
            log.WriteLine($"engine picture vs exact chain on the decoded camera: {BarCentres(picture, expected):E2}");
            Assert.Contains(engine.Inputs(), i => i.Name == "CAM" && i.State == "live" && i.Received > 0);

            // A receiver on the SDP the engine wrote gets the same picture as 10-bit 4:2:2.
            Assert.True(File.Exists(outputSdp), "the rtp output wrote no SDP");
            var described = SdpFile.Read(outputSdp);
            Assert.Equal(wire, described.Mode);
            using var receiver = RtpReceiver.FromSdp(outputSdp, "monitor");
            receiver.Start();
            var received = new float[W * H * 4];
            var decoder = new FrameDecoder();
            WaitForPicture(() =>
            {
                if (receiver.Frames.TryTakeLatest() is not { } f) return null;
                try
                {
                    decoder.Decode(f, received);
                    return received;
                }
                finally
                {
                    f.Release();
                }
            }, px => BarCentres(px, picture) < WireTolerance, "the engine's picture at the receiver");
            Assert.Equal(0, receiver.RtpCounters.Snapshot().Malformed);
        }
        finally
        {
            stop.Cancel();
            feeder.Join();
        }
    }

    [Fact]
    public void An_RTP_camera_that_stops_and_restarts_is_followed_and_the_output_never_stops()
    {
        // A camera (or its gateway) rebooting on set: the stream stops, the output shows the slate, and a new
        // stream (new SSRC, new sequence numbers and timestamps) on the same port is followed within a second,
        // three times over, while the output keeps handing off frames the whole time.
        string dir = Directory.CreateTempSubdirectory("lg-wire-").FullName;
        string cameraSdp = Path.Combine(dir, "camera.sdp");
        var wire = new VideoMode(W, H, FrameRate.Fps25, PixelFormat.V210);
        var stream = RtpStreamDescription.ForSending(wire, new IPEndPoint(IPAddress.Loopback, FreePort()));
        var pool = new FramePool(wire, 6);
        var pictures = new[] { 0.25f, 0.5f, 0.75f, 0.35f }.Select(level =>
        {
            var rgba = new float[W * H * 4];
            for (int i = 0; i < rgba.Length; i++) rgba[i] = i % 4 == 3 ? 1 : level;
            var packed = pool.TryRent()!;
            new FrameEncoder().Encode(rgba, packed);
            var decoded = new float[W * H * 4];
            new FrameDecoder().Decode(packed, decoded);
            return (Packed: packed, Decoded: decoded);
        }).ToArray();

        RtpSender? sender = null;
        int picture = 0;
        using var stop = new CancellationTokenSource();
        var senderLock = new object();
        void StartSender(int p)
        {
            lock (senderLock)
            {
                sender = new RtpSender(stream, "camera", new RtpSenderOptions { SdpPath = cameraSdp });
                sender.Start();
                picture = p;
            }
        }
        void StopSender()
        {
            lock (senderLock)
            {
                sender?.Dispose();
                sender = null;
            }
        }
        StartSender(0);
        var feeder = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                lock (senderLock)
                {
                    if (sender is not null && pool.TryRent() is { } f)
                    {
                        pictures[picture].Packed.Data.CopyTo(f.Data);
                        f.CaptureTimestamp = Stopwatch.GetTimestamp();
                        sender.Send(f);
                        f.Release();
                    }
                }
                Thread.Sleep(40);
            }
        }) { IsBackground = true };
        feeder.Start();

        var show = ShowFile.Parse($$"""
            {
              "size": "{{W}}x{{H}}", "rate": "25", "noSignalTimeoutMs": 300,
              "inputs": [ { "name": "CAM", "source": "sdp:{{cameraSdp}}", "camera": "rec709" } ],
              "outputs": [ { "name": "VILLAGE", "route": "CAM", "display": "rec1886" } ]
            }
            """);
        using var bus = new ControlBus(StateTransitions.Initial(show), journal: null);
        using var engine = new LiveEngine(show, bus);
        engine.Start();
        try
        {
            var output = engine.OutputRunners[0];
            float[] Expected(int p)
            {
                var e = (float[])pictures[p].Decoded.Clone();
                new CpuProcessor(engine.BuildExactLook(new LookKey(0, 0, "graded", "rec1886", 0))).Apply(e);
                return e;
            }
            double Centre(float[] a, float[] b) => Math.Abs(a[(H / 2 * W + W / 2) * 4 + 1] - b[(H / 2 * W + W / 2) * 4 + 1]);
            WaitForPicture(output.Snapshot, px => Centre(px, Expected(0)) < BakeTolerance, "the first stream on the output");
            for (int restart = 1; restart <= 3; restart++)
            {
                StopSender();
                var sw = Stopwatch.StartNew();
                while (!engine.Inputs().Any(i => i.Name == "CAM" && i.State == "no signal") && sw.Elapsed < TimeSpan.FromSeconds(10)) Thread.Sleep(10);
                Assert.True(sw.Elapsed < TimeSpan.FromSeconds(10), $"restart {restart}: the input never showed no signal after its stream stopped");
                long handedOff = output.Counters.Snapshot().Received + output.Counters.Snapshot().Repeated;
                Thread.Sleep(400); // the slate runs at the output's cadence meanwhile
                long during = output.Counters.Snapshot().Received + output.Counters.Snapshot().Repeated - handedOff;
                Assert.True(during >= 5, $"restart {restart}: the output handed off {during} frames in 400 ms without a signal");

                StartSender(restart);
                var followed = Stopwatch.StartNew();
                var expected = Expected(restart);
                WaitForPicture(output.Snapshot, px => Centre(px, expected) < BakeTolerance, $"restart {restart}: the new stream on the output", TimeSpan.FromSeconds(5));
                log.WriteLine($"restart {restart}: new stream on the output after {followed.Elapsed.TotalMilliseconds:0} ms");
                Assert.True(followed.Elapsed < TimeSpan.FromSeconds(1.5), $"restart {restart}: followed after {followed.Elapsed.TotalMilliseconds:0} ms");
                // The receiver thread marks the source live right after it hands the frame on; under load the
                // output may show that frame a moment before the receiver thread runs again.
                var live = Stopwatch.StartNew();
                while (!engine.Inputs().Any(i => i.Name == "CAM" && i.State == "live") && live.Elapsed < TimeSpan.FromSeconds(1)) Thread.Sleep(5);
                Assert.Contains(engine.Inputs(), i => i.Name == "CAM" && i.State == "live");
            }
            Assert.Equal(0, output.Counters.Snapshot().Dropped);
        }
        finally
        {
            stop.Cancel();
            feeder.Join();
            StopSender();
        }
    }

    [Fact]
    public void A_DeckLink_input_plays_out_on_a_DeckLink_output_as_v210_and_a_missing_card_is_one_line()
    {
        var sim = DeckLinkSimulator.Load();
        sim.Reset();
        Environment.SetEnvironmentVariable(DeckLinkDriver.LibraryVariable, sim.Path);
        try
        {
            var show = ShowFile.Parse("""
                {
                  "size": "1920x1080", "rate": "25",
                  "inputs": [ { "name": "A-CAM", "source": "decklink:0", "camera": "rec709" } ],
                  "outputs": [
                    { "name": "SDI", "route": "A-CAM", "display": "rec1886", "sink": "decklink:1", "format": "v210" },
                    { "name": "GONE", "route": "A-CAM", "display": "rec1886", "sink": "decklink:7", "format": "v210" }
                  ]
                }
                """);
            using var bus = new ControlBus(StateTransitions.Initial(show), journal: null);
            using (var engine = new LiveEngine(show, bus))
            {
                engine.Start();
                var sw = Stopwatch.StartNew();
                while (sim.Stats(1).OutputDisplayed < 5 && sw.Elapsed < TimeSpan.FromSeconds(30)) Thread.Sleep(50);
                var stats = sim.Stats(1);
                log.WriteLine($"simulated output: {stats.OutputDisplayed} displayed, {stats.OutputLate} late, {stats.OutputDropped} dropped; " +
                    $"engine: {string.Join("; ", engine.Outputs().Select(o => $"{o.Name} {o.Frames} out {o.Dropped} dropped"))}");
                Assert.True(stats.OutputDisplayed >= 5, "the DeckLink output showed no frames");
                Assert.Equal((0ul, 0ul), (stats.OutputBadFrames, stats.OutputIllegalFrames));
                Assert.Equal(DeckLinkPixelFormat.Yuv10, stats.OutputPixelFormat);
                Assert.Contains(engine.Inputs(), i => i.Name == "A-CAM" && i.State == "live" && i.Received > 0);
                // The simulator's 75% white bar (10-bit luma 721, neutral) comes out as the exact chain makes 75% grey.
                var px = engine.OutputRunners[0].Snapshot()!;
                float[] grey = [0.75f, 0.75f, 0.75f, 1f];
                new CpuProcessor(engine.BuildExactLook(new LookKey(0, 0, "graded", "rec1886", 0))).Apply(grey);
                int at = (100 * 1920 + 96) * 4;
                for (int c = 0; c < 3; c++) Assert.InRange(px[at + c], grey[c] - BakeTolerance, grey[c] + BakeTolerance);
                Assert.Contains(engine.Reports, r => r.StartsWith("error: output GONE: ") && r.Contains("decklink", StringComparison.OrdinalIgnoreCase));
            }
        }
        finally
        {
            Environment.SetEnvironmentVariable(DeckLinkDriver.LibraryVariable, null);
        }
    }

    [Fact]
    public void False_colour_is_drawn_on_the_display_signal_and_switched_from_the_bus()
    {
        var show = ShowFile.Parse("""
            {
              "size": "96x54", "rate": "50",
              "inputs": [ { "name": "BARS", "source": "bars", "camera": "rec709" } ],
              "outputs": [
                { "name": "CLEAN", "route": "BARS", "display": "rec1886" },
                { "name": "FALSE", "route": "BARS", "display": "rec1886", "overlays": { "falseColor": true } }
              ]
            }
            """);
        using var bus = new ControlBus(StateTransitions.Initial(show), journal: null);
        using var engine = new LiveEngine(show, bus);
        engine.Start();
        var clean = WaitForPicture(engine.OutputRunners[0].Snapshot, _ => true, "a picture");
        var expected = (float[])clean.Clone();
        new FalseColorCpuRenderer(FalseColorParams.DefaultIre(Color.Scopes.YCbCrMatrix.Rec709)).Apply(expected);
        Assert.NotEqual(clean, expected); // bars have levels that false colour paints
        WaitForPicture(engine.OutputRunners[1].Snapshot, px => px.AsSpan().SequenceEqual(expected), "the false-colour picture");

        Assert.True(bus.Submit(new SetOverlays("FALSE", FalseColor: false), "test").Accepted);
        WaitForPicture(engine.OutputRunners[1].Snapshot, px => px.AsSpan().SequenceEqual(clean), "the picture without false colour");
        Assert.False(bus.Submit(new SetOverlays("FALSE", Zebra: 300), "test").Accepted);
    }
}

/// <summary>The simulated DeckLink driver is process-wide: the engine tests that load it run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DeckLinkEngineCollection
{
    public const string Name = "DeckLink simulator (engine)";
}
