using System.Buffers.Binary;
using System.Diagnostics;
using LiveGrade.Core.Diagnostics;
using LiveGrade.Core.Video;
using LiveGrade.Interop.DeckLink;
using LiveGrade.Video.DeckLink;

namespace LiveGrade.Video.Tests.DeckLink;

/// <summary>The simulated driver is process-wide state: its tests run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DeckLinkSimulatorCollection
{
    public const string Name = "DeckLink simulator";
}

/// <summary>
/// DeckLinkSource with the simulated driver (loaded through the same dlopen path as the real one): zero-copy
/// frames in the engine's vocabulary, format following, signal loss and recovery, and no driver at all.
/// </summary>
[Collection(DeckLinkSimulatorCollection.Name)]
public class DeckLinkSourceTests
{
    private const uint Hp50 = 0x48703530;
    private const uint Hp25 = 0x48703235;

    private static VideoFrame NextFrame(IVideoSource source, int timeoutMs = 3000)
    {
        var sw = Stopwatch.StartNew();
        while (sw.ElapsedMilliseconds < timeoutMs)
        {
            if (source.Frames.TryTake() is { } f) return f;
            Thread.Sleep(2);
        }
        throw new TimeoutException($"{source.Name}: no frame in {timeoutMs} ms (state {source.State}, {source.LastError})");
    }

    private static int Luma(VideoFrame f, int x, int y)
    {
        // v210 (fact sheet §7): in each 16-byte group the lumas are samples 1, 3, 5, 7, 9, 11 of the 12.
        var group = f.Row(y).Slice(x / 6 * 16, 16);
        int[] index = [1, 3, 5, 7, 9, 11];
        var n = index[x % 6];
        return (int)((BinaryPrimitives.ReadUInt32LittleEndian(group.Slice(n / 3 * 4, 4)) >> (10 * (n % 3))) & 0x3FF);
    }

    private static void AssertNoLeaks(DeckLinkSimulator sim, long baseline)
    {
        var sw = Stopwatch.StartNew();
        while (sim.LiveObjects != baseline && sw.ElapsedMilliseconds < 2000) Thread.Sleep(10);
        Assert.Equal(baseline, sim.LiveObjects);
        Assert.Equal(0, sim.OpenBufferAccesses);
    }

    [Fact]
    public void Frames_arrive_as_zero_copy_video_frames_with_timecode_and_go_back_to_the_driver_when_released()
    {
        var sim = DeckLinkSimulator.Load();
        sim.Reset();
        var baseline = sim.LiveObjects;
        using (var source = new DeckLinkSource("cam A", 0, VideoMode.Hd1080(FrameRate.Fps25), sim.Path))
        {
            source.Start();
            var frames = new List<VideoFrame>();
            for (var i = 0; i < 5; i++) frames.Add(NextFrame(source));
            Assert.Equal(SourceState.Live, source.State);
            Assert.Equal("DeckLink Simulator (1)", source.DeviceName);
            for (var i = 0; i < frames.Count; i++)
            {
                var f = frames[i];
                Assert.Equal(VideoMode.Hd1080(FrameRate.Fps25), f.Mode);
                Assert.Equal(5120, f.RowBytes);
                Assert.NotEqual(0, f.OwnerToken); // the driver frame it holds
                Assert.Equal(721, Luma(f, 96, 100)); // 75% white bar (SMPTE RP 219), read from driver memory
                Assert.NotNull(f.Timecode);
                if (i > 0)
                {
                    Assert.Equal(frames[i - 1].Sequence + 1, f.Sequence);
                    Assert.Equal(frames[i - 1].Timecode!.Value.Add(1, FrameRate.Fps25), f.Timecode);
                }
            }
            // While the engine holds frames the driver keeps them; releasing gives them back.
            Assert.True(sim.LiveObjects > baseline);
            foreach (var f in frames) f.Release();
            Assert.Equal(0, source.Counters.Dropped);
            source.Stop();
            Assert.Equal(SourceState.Stopped, source.State);
        }
        AssertNoLeaks(sim, baseline);
    }

    [Fact]
    public void The_source_follows_a_format_change_and_its_mode_reports_it()
    {
        var sim = DeckLinkSimulator.Load();
        sim.Reset();
        var baseline = sim.LiveObjects;
        using (var source = new DeckLinkSource("cam A", 0, VideoMode.Hd1080(FrameRate.Fps25), sim.Path))
        {
            source.Start();
            NextFrame(source).Release();
            sim.SetInputSignal(0, Hp50, true);
            VideoFrame f;
            do
            {
                f = NextFrame(source);
                f.Release();
            } while (f.Mode.Rate != FrameRate.Fps50);
            Assert.Equal(VideoMode.Hd1080(FrameRate.Fps50), source.Mode);
            Assert.Equal(1, source.FormatChanges);
            Assert.Equal(SourceState.Live, source.State);
            source.Stop();
        }
        AssertNoLeaks(sim, baseline);
    }

    [Fact]
    public void Signal_loss_stops_publishing_so_the_slate_shows_and_recovery_is_automatic()
    {
        var sim = DeckLinkSimulator.Load();
        sim.Reset();
        var baseline = sim.LiveObjects;
        using (var source = new DeckLinkSource("cam B", 1, VideoMode.Hd1080(FrameRate.Fps25), sim.Path))
        {
            source.Start();
            NextFrame(source).Release();
            sim.SetInputSignal(1, Hp25, false);
            var sw = Stopwatch.StartNew();
            while (source.State != SourceState.NoSignal && sw.ElapsedMilliseconds < 3000) source.Frames.TryTake()?.Release();
            Assert.Equal(SourceState.NoSignal, source.State);
            Assert.Contains("no signal", source.LastError);
            while (source.Frames.TryTake() is { } stale) stale.Release();
            var received = source.Counters.Received;
            Thread.Sleep(200); // five frame periods without signal: nothing is published
            Assert.Equal(received, source.Counters.Received);
            Assert.Equal(0, source.Frames.Count);
            Assert.True(source.NoSignalFrames >= 3);

            sim.SetInputSignal(1, Hp25, true);
            NextFrame(source).Release();
            Assert.Equal(SourceState.Live, source.State);
            Assert.Null(source.LastError);
            source.Stop();
        }
        AssertNoLeaks(sim, baseline);
    }

    [Fact]
    public void A_consumer_that_holds_every_frame_makes_the_driver_drop_and_the_drops_are_counted()
    {
        var sim = DeckLinkSimulator.Load();
        sim.Reset();
        var baseline = sim.LiveObjects;
        using (var source = new DeckLinkSource("cam A", 0, VideoMode.Hd1080(FrameRate.Fps25), sim.Path))
        {
            source.Start();
            var held = new List<VideoFrame>();
            var sw = Stopwatch.StartNew();
            while (source.CaptureStats.DroppedAllHeld < 3 && sw.ElapsedMilliseconds < 5000)
            {
                if (source.Frames.TryTake() is { } f) held.Add(f);
                else Thread.Sleep(5);
            }
            // Every frame the shim lets the application hold (8) is held, so the driver's newer frames were dropped.
            var capture = source.CaptureStats;
            Assert.True(capture.FramesHeld == 8 && capture.DroppedAllHeld >= 3, $"{capture}; the test holds {held.Count}");
            foreach (var f in held) f.Release();
            NextFrame(source).Release(); // flowing again; the gap in sequence numbers is counted as dropped
            Assert.True(source.Counters.Dropped >= 3, $"{source.Counters.Dropped} dropped");
            Assert.True(source.Counters.Dropped >= (long)source.CaptureStats.DroppedAllHeld); // plus any the 3-frame queue dropped
            source.Stop();
        }
        AssertNoLeaks(sim, baseline);
    }

    [Fact]
    public void Without_a_driver_the_source_says_so_and_does_not_throw()
    {
        using var source = new DeckLinkSource("cam A", 0, VideoMode.Hd1080(FrameRate.Fps25), "/nonexistent/libDeckLinkAPI.so");
        source.Start();
        Assert.Equal(SourceState.Failed, source.State);
        Assert.StartsWith("cam A: " + DeckLinkSource.NoDriverMessage, source.LastError);
        Assert.Null(source.Frames.TryTake());
        source.Stop();
        Assert.Equal(SourceState.Failed, source.State);
    }

    [Fact]
    public void The_decklink_scheme_makes_deckLink_sources_and_rejects_bad_numbers()
    {
        using var source = SourceFactory.Create("decklink:1", VideoMode.Hd1080(FrameRate.Fps25));
        var deckLink = Assert.IsType<DeckLinkSource>(source);
        Assert.Equal(1, deckLink.DeviceIndex);
        Assert.Equal(PixelFormat.V210, deckLink.Mode.Format); // float engine modes capture as v210
        var e = Assert.Throws<InputException>(() => SourceFactory.Create("decklink:first", VideoMode.Hd1080(FrameRate.Fps25)));
        Assert.Contains("device number", e.Message);
    }

    [Fact]
    public void A_device_that_does_not_exist_fails_with_the_count_found()
    {
        var sim = DeckLinkSimulator.Load();
        sim.Reset();
        using var source = new DeckLinkSource("cam Z", 5, VideoMode.Hd1080(FrameRate.Fps25), sim.Path);
        source.Start();
        Assert.Equal(SourceState.Failed, source.State);
        Assert.Contains("no DeckLink device 5 (the driver found 2)", source.LastError);
    }
}
