using System.Diagnostics;
using System.Runtime.InteropServices;
using LiveGrade.Core.Video;
using LiveGrade.Interop.DeckLink;
using LiveGrade.Video.DeckLink;

namespace LiveGrade.Video.Tests.DeckLink;

/// <summary>DeckLinkSink into the simulated output: frames, timecode, repeats when the engine is late, no driver.</summary>
[Collection(DeckLinkSimulatorCollection.Name)]
public class DeckLinkSinkTests
{
    private static readonly VideoMode Mode = VideoMode.Hd1080(FrameRate.Fps25);
    private static readonly Timecode Start = Timecode.FromFields(2, 0, 0, 0, FrameRate.Fps25, false);

    /// <summary>A legal v210 black frame whose first luma is 64 + n (so the output's record identifies it).</summary>
    private static void Paint(VideoFrame frame, int n)
    {
        const ulong blackPair = (512u | (64u << 10) | (512u << 20)) | ((ulong)(64u | (512u << 10) | (64u << 20)) << 32);
        MemoryMarshal.Cast<byte, ulong>(frame.Data).Fill(blackPair);
        MemoryMarshal.Cast<byte, uint>(frame.Data)[0] = FirstWord(n);
    }

    private static uint FirstWord(int n) => 512u | ((uint)(64 + n) << 10) | (512u << 20);

    /// <summary>The engine's output clock: one frame every <paramref name="periodMs"/>.</summary>
    private static void Run(DeckLinkSink sink, FramePool pool, int frames, int periodMs)
    {
        var start = Stopwatch.GetTimestamp();
        for (var n = 0; n < frames; n++)
        {
            while (Stopwatch.GetElapsedTime(start).TotalMilliseconds < n * periodMs) Thread.Sleep(1);
            var frame = pool.TryRent()!;
            Paint(frame, n);
            frame.Timecode = Start.Add(n, FrameRate.Fps25);
            sink.Send(frame);
            frame.Release();
        }
    }

    [Fact]
    public void Every_frame_sent_is_shown_in_order_with_its_timecode_or_counted_as_dropped()
    {
        var sim = DeckLinkSimulator.Load();
        sim.Reset();
        var baseline = sim.LiveObjects;
        var pool = new FramePool(Mode, 4);
        using (var sink = new DeckLinkSink("village 1", 1, Mode, sim.Path))
        {
            sink.Start();
            Assert.Null(sink.LastError);
            // The engine's clock runs at the output's nominal rate but not locked to it (as without genlock):
            // on a quiet machine nothing is dropped or repeated; under load the counters must say what happened.
            Run(sink, pool, 60, 40);
            Assert.True(sink.IsPlaying);
            Thread.Sleep(400); // let the last frames reach the output
            sink.Stop(); // completions still arriving until the stop are counted on both sides
            var playout = sink.PlayoutStats;
            Assert.Equal(60, sink.Counters.Received);
            Assert.Equal((long)(playout.QueueOverflows + playout.Dropped), sink.Counters.Dropped);
            Assert.Equal((long)playout.Repeated, sink.Counters.Repeated);
            Assert.Equal((long)playout.DisplayedLate, sink.Counters.Late);

            // Every frame was shown once, in order (a repeat shows the previous frame again), with its own
            // timecode, unless it was counted dropped.
            var records = sim.OutputRecords(1);
            var shown = records.Select(r => r.FirstWord).Distinct().ToList();
            Assert.Equal(shown.Order(), shown); // first words grow with the frame number
            Assert.Equal(60, shown.Count + sink.Counters.Dropped);
            foreach (var (timecode, firstWord) in records)
            {
                var n = (int)((firstWord >> 10) & 0x3FF) - 64;
                var tc = Start.Add(n, FrameRate.Fps25);
                Assert.Equal((uint)((tc.Hours << 24) | (tc.Minutes << 16) | (tc.Seconds << 8) | tc.Frames), timecode);
            }
        }
        var stats = sim.Stats(1);
        Assert.Equal((0ul, 0ul), (stats.OutputBadFrames, stats.OutputIllegalFrames));
        Assert.Equal((DeckLinkPixelFormat.Yuv10, 1), (stats.OutputPixelFormat, stats.OutputRP188Enabled));
        Assert.Equal(baseline, sim.LiveObjects);
    }

    [Fact]
    public void A_late_engine_shows_up_as_repeated_frames()
    {
        var sim = DeckLinkSimulator.Load();
        sim.Reset();
        var pool = new FramePool(Mode, 4);
        using (var sink = new DeckLinkSink("village 2", 1, Mode, sim.Path))
        {
            sink.Start();
            Run(sink, pool, 4, 0);    // preroll (3) and one queued: playback starts
            Run(sink, pool, 10, 120); // then a frame every three output periods (1.08 s, 27 output frames)
            var repeated = sink.PlayoutStats.Repeated;
            sink.Stop();
            // About two repeats per late frame; the sink's counter is the shim's.
            Assert.True(sink.Counters.Repeated >= 10, $"{sink.Counters.Repeated} repeats");
            Assert.True(sink.Counters.Repeated >= (long)repeated);
        }
    }

    [Fact]
    public void Without_a_driver_the_sink_drops_counts_and_says_why()
    {
        var pool = new FramePool(Mode, 1);
        using var sink = new DeckLinkSink("village 1", 0, Mode, "/nonexistent/libDeckLinkAPI.so");
        sink.Start();
        Assert.StartsWith("village 1: " + DeckLinkSource.NoDriverMessage, sink.LastError);
        var frame = pool.TryRent()!;
        Assert.False(sink.Send(frame));
        frame.Release();
        Assert.Equal(1, sink.Counters.Dropped);
    }

    [Fact]
    public void A_frame_of_another_format_is_refused_and_an_unsupported_mode_is_reported()
    {
        var sim = DeckLinkSimulator.Load();
        sim.Reset();
        using (var sink = new DeckLinkSink("village 1", 1, Mode, sim.Path))
        {
            sink.Start();
            var floats = new FramePool(Mode with { Format = PixelFormat.Rgba32F }, 1);
            var frame = floats.TryRent()!;
            Assert.False(sink.Send(frame));
            frame.Release();
            Assert.Contains("the output takes 1920x1080p25 v210", sink.LastError);
            sink.Stop();
        }
        using (var sink = new DeckLinkSink("village 1", 1, Mode with { Format = PixelFormat.Rgba32F }, sim.Path))
        {
            sink.Start();
            Assert.Contains("cannot output 1920x1080p25 rgba32f", sink.LastError);
        }
    }
}
