using System.Diagnostics;
using System.Runtime.InteropServices;
using LiveGrade.Core.Video;
using LiveGrade.Interop.DeckLink;

namespace LiveGrade.Interop.Tests.DeckLink;

/// <summary>
/// Scheduled playout through the shim into the simulated driver, which checks each frame it shows (size,
/// pixel format, legal v210 codes, RP188) and records its timecode and first picture word.
/// </summary>
[Collection(DeckLinkSimulatorCollection.Name)]
public class DeckLinkPlayoutTests
{
    private static readonly Timecode Start = Timecode.FromFields(1, 0, 0, 0, FrameRate.Fps25, false);

    // Steady-state tests keep 6 frames (240 ms at 25p) ahead instead of the default 3: the suite runs beside
    // CPU-heavy OCIO/OIIO tests on a shared 2-core machine (load averages of 8-30 observed), where a thread can
    // wait over 80 ms for a core. What is tested is the shim's scheduling, not this machine's scheduler; with
    // the default preroll the same test passes when the machine is not saturated. The queue is as deep so that
    // the whole preroll is made of new frames.
    private const int SteadyPreroll = 6;

    /// <summary>Counts completions and wakes the producer; it only notes, as the observer contract says.</summary>
    private sealed class Completions : IDeckLinkPlayoutObserver
    {
        public readonly SemaphoreSlim Signal = new(0);
        public readonly DeckLinkCompletionResult[] Results = new DeckLinkCompletionResult[4096];
        public int Count;
        public int StallAt = -1;    // completion number whose callback stalls (a frozen driver thread)
        public int StallMs;

        public void OnFrameCompleted(DeckLinkCompletionResult result, in DeckLinkPlayoutStats stats)
        {
            var n = Interlocked.Increment(ref Count) - 1;
            if (n < Results.Length) Results[n] = result;
            if (n == StallAt) Thread.Sleep(StallMs);
            Signal.Release();
        }
    }

    /// <summary>Writes a legal v210 black frame whose first luma sample carries the frame number (64 + n).</summary>
    private static void Fill(in DeckLinkPlayoutBuffer buffer, int n)
    {
        // Black 4:2:2: word pairs (Cb 512, Y 64, Cr 512) and (Y 64, Cb 512, Y 64), repeated.
        const ulong blackPair = (512u | (64u << 10) | (512u << 20)) | ((ulong)(64u | (512u << 10) | (64u << 20)) << 32);
        MemoryMarshal.Cast<byte, ulong>(buffer.Pixels).Fill(blackPair);
        MemoryMarshal.Cast<byte, uint>(buffer.Pixels)[0] = FirstWord(n);
    }

    private static uint FirstWord(int n) => 512u | ((uint)(64 + n % 800) << 10) | (512u << 20);

    /// <summary>Keeps the queue full until <paramref name="total"/> frames were submitted; returns the stats seen just before the last.</summary>
    private static DeckLinkPlayoutStats Produce(DeckLinkPlayout playout, Completions completions, int total, ref int next, bool start)
    {
        DeckLinkPlayoutStats last = default;
        var sw = Stopwatch.StartNew();
        while (next < total)
        {
            Assert.True(sw.ElapsedMilliseconds < 20_000, "playout stalled");
            var stats = playout.Stats;
            if (stats.Queued < playout.Options.QueueDepth && playout.TryAcquire(out var buffer))
            {
                Fill(buffer, next);
                playout.Submit(buffer, Start.Add(next, FrameRate.Fps25));
                next++;
                last = stats;
                if (start && next == playout.Options.PrerollFrames) playout.Start();
                continue;
            }
            completions.Signal.Wait(200);
        }
        return last;
    }

    [Fact]
    public void Steady_playout_shows_every_frame_in_order_with_its_timecode_and_no_late_or_dropped_frame()
    {
        var sim = Sim.Fresh();
        using (var driver = DeckLinkDriver.Open(sim.Path))
        {
            var completions = new Completions();
            using (var playout = DeckLinkPlayout.Create(driver, new DeckLinkPlayoutOptions(1, Sim.Hp25, PrerollFrames: SteadyPreroll, QueueDepth: SteadyPreroll), completions))
            {
                var next = 0;
                var steady = Produce(playout, completions, 100, ref next, start: true);
                // Measured while the producer still keeps up: nothing late, dropped, repeated or overflowing.
                Assert.Equal((0ul, 0ul, 0ul, 0ul, 0ul), (steady.DisplayedLate, steady.Dropped, steady.Repeated, steady.QueueOverflows, steady.ScheduleErrors));
                Assert.True(steady.Completed >= 100 - 2 * SteadyPreroll - 2, $"{steady.Completed} completed"); // all but those queued and in flight
                // Let the output show the last frame, then stop.
                var sw = Stopwatch.StartNew();
                while (!sim.OutputRecords(1, 16).Any(r => r.FirstWord == FirstWord(99)) && sw.ElapsedMilliseconds < 5000) Thread.Sleep(10);
                playout.Stop();

                var final = playout.Stats;
                Assert.Equal(0, final.InFlight);
                // Every scheduled frame came back with exactly one result.
                Assert.Equal(final.Scheduled, final.Completed + final.DisplayedLate + final.Dropped + final.Flushed);
            }

            var s = sim.Stats(1);
            Assert.Equal((0ul, 0ul, 0ul), (s.OutputBadFrames, s.OutputIllegalFrames, s.OutputLate + s.OutputDropped));
            Assert.Equal((DeckLinkPixelFormat.Yuv10, 1920, 1080, 5120L), (s.OutputPixelFormat, s.OutputWidth, s.OutputHeight, s.OutputRowBytes));
            Assert.Equal((1, 1600), (s.OutputRP188Enabled, s.OutputGeneration));
            Assert.Equal(s.OutputDisplayed, s.OutputFramesWithTimecode);
            Assert.Equal(0x72707631u, s.OutputTimecodeFormat); // RP188 VITC1

            // What the output showed: frames 0..99 in order, each once, each with its own timecode.
            var shown = sim.OutputRecords(1).TakeWhile(r => r.FirstWord != FirstWord(99)).ToList();
            Assert.Equal(99, shown.Count);
            for (var i = 0; i < shown.Count; i++)
            {
                Assert.Equal(FirstWord(i), shown[i].FirstWord);
                var tc = Start.Add(i, FrameRate.Fps25);
                Assert.Equal((uint)((tc.Hours << 24) | (tc.Minutes << 16) | (tc.Seconds << 8) | tc.Frames), shown[i].Timecode);
            }
        }
        Sim.AssertNoLeaks(sim);
    }

    [Fact]
    public void A_late_engine_makes_the_shim_repeat_the_last_frame_and_count_it()
    {
        var sim = Sim.Fresh();
        using (var driver = DeckLinkDriver.Open(sim.Path))
        {
            var completions = new Completions();
            using (var playout = DeckLinkPlayout.Create(driver, new DeckLinkPlayoutOptions(1, Sim.Hp25), completions))
            {
                var next = 0;
                Produce(playout, completions, 3, ref next, start: true);
                // Now the engine manages one frame every third output period.
                for (var i = 0; i < 10; i++)
                {
                    var target = Volatile.Read(ref completions.Count) + 3;
                    while (Volatile.Read(ref completions.Count) < target) Assert.True(completions.Signal.Wait(2000), "no completion");
                    Assert.True(playout.TryAcquire(out var buffer));
                    Fill(buffer, next);
                    playout.Submit(buffer, Start.Add(next, FrameRate.Fps25));
                    next++;
                }
                var stats = playout.Stats;
                playout.Stop();
                // About two repeats per new frame; the output never went without a scheduled frame.
                Assert.True(stats.Repeated >= 15, $"{stats.Repeated} repeats");
                Assert.Equal(0ul, stats.QueueOverflows);
            }
            var s = sim.Stats(1);
            Assert.Equal(0ul, s.OutputBadFrames);
            // Repeats show the same picture and timecode again on the output.
            var records = sim.OutputRecords(1);
            Assert.Contains(records.Zip(records.Skip(1)), pair => pair.First == pair.Second);
        }
        Sim.AssertNoLeaks(sim);
    }

    [Fact]
    public void A_stalled_driver_thread_makes_frames_late_and_the_results_are_counted()
    {
        var sim = Sim.Fresh();
        using (var driver = DeckLinkDriver.Open(sim.Path))
        {
            // The 20th completion callback is held for 300 ms (7.5 frames of 25p): the frames it should have
            // scheduled reach the driver after their time.
            var completions = new Completions { StallAt = 20, StallMs = 300 };
            using (var playout = DeckLinkPlayout.Create(driver, new DeckLinkPlayoutOptions(1, Sim.Hp25), completions))
            {
                var next = 0;
                Produce(playout, completions, 100, ref next, start: true);
                playout.Stop();
                var stats = playout.Stats;
                Assert.True(stats.DisplayedLate + stats.Dropped > 0, "no late or dropped result counted");
                Assert.True(stats.Resyncs > 0, "the schedule was not moved forward");
                Assert.Equal(stats.Scheduled, stats.Completed + stats.DisplayedLate + stats.Dropped + stats.Flushed);
                // After the stall the output is on time again: of the last 20 results before stopping, the last is
                // "completed" and at most 2 are not (a CI machine running other jobs can still make a frame late).
                var results = completions.Results.Take(completions.Count).Where(r => r != DeckLinkCompletionResult.Flushed).ToList();
                Assert.Equal(DeckLinkCompletionResult.Completed, results[^1]);
                Assert.True(results.TakeLast(20).Count(r => r != DeckLinkCompletionResult.Completed) <= 2,
                    "the output did not recover: " + string.Join(" ", results.TakeLast(20)));
                var s = sim.Stats(1);
                Assert.Equal(stats.DisplayedLate, s.OutputLate);
                Assert.Equal(stats.Dropped, s.OutputDropped);
            }
        }
        Sim.AssertNoLeaks(sim);
    }

    [Theory]
    [InlineData(14, 2, 1, 1402)]
    [InlineData(15, 3, 1, 1503)]
    public void Older_driver_generations_play_out_the_same(int major, int minor, int patch, int generation)
    {
        var sim = Sim.Fresh();
        sim.SetApiVersion(major, minor, patch);
        using (var driver = DeckLinkDriver.Open(sim.Path))
        {
            var completions = new Completions();
            using (var playout = DeckLinkPlayout.Create(driver, new DeckLinkPlayoutOptions(1, Sim.Hp25, PrerollFrames: SteadyPreroll, QueueDepth: SteadyPreroll), completions))
            {
                var next = 0;
                var steady = Produce(playout, completions, 30, ref next, start: true);
                Assert.Equal((0ul, 0ul), (steady.DisplayedLate, steady.Dropped));
                playout.Stop();
            }
            var s = sim.Stats(1);
            Assert.Equal(generation, s.OutputGeneration);
            Assert.Equal((0ul, 0ul), (s.OutputBadFrames, s.OutputIllegalFrames));
            Assert.Equal(5120L, s.OutputRowBytes);
            Assert.Equal(FirstWord(0), sim.OutputRecords(1)[0].FirstWord);
        }
        Sim.AssertNoLeaks(sim);
        sim.Reset();
    }

    [Fact]
    public void The_simulated_output_catches_illegal_sdi_codes()
    {
        var sim = Sim.Fresh();
        using (var driver = DeckLinkDriver.Open(sim.Path))
        {
            using var playout = DeckLinkPlayout.Create(driver, new DeckLinkPlayoutOptions(1, Sim.Hp25, PrerollFrames: 3));
            for (var i = 0; i < 3; i++)
            {
                Assert.True(playout.TryAcquire(out var buffer));
                buffer.Pixels.Clear(); // all-zero v210: code 0 is an SDI timing reference, not picture
                playout.Submit(buffer, null);
            }
            playout.Start();
            var sw = Stopwatch.StartNew();
            while (sim.Stats(1).OutputDisplayed < 3 && sw.ElapsedMilliseconds < 3000) Thread.Sleep(10);
            playout.Stop();
            var s = sim.Stats(1);
            Assert.True(s.OutputIllegalFrames >= 3);
            Assert.Equal(0ul, s.OutputFramesWithTimecode); // submitted without timecode
        }
        Sim.AssertNoLeaks(sim);
    }

    [Fact]
    public void Playout_needs_a_frame_before_it_starts_and_buffers_run_out_when_the_producer_runs_ahead()
    {
        var sim = Sim.Fresh();
        using (var driver = DeckLinkDriver.Open(sim.Path))
        {
            using var playout = DeckLinkPlayout.Create(driver, new DeckLinkPlayoutOptions(1, Sim.Hp25));
            var e = Assert.Throws<DeckLinkException>(playout.Start);
            Assert.Contains("submit at least one frame", e.Message);
            // Pool = preroll (3) + queue (3) + 2: eight frames can be held, the ninth is refused.
            var held = new List<DeckLinkPlayoutBuffer>();
            while (playout.TryAcquire(out var b)) held.Add(b);
            Assert.Equal(8, held.Count);
            foreach (var b in held) playout.Cancel(b);
            // Submitting more than the queue holds drops the oldest (counted).
            for (var i = 0; i < 5; i++)
            {
                Assert.True(playout.TryAcquire(out var b));
                Fill(b, i);
                playout.Submit(b, null);
            }
            Assert.Equal((2ul, 3), (playout.Stats.QueueOverflows, playout.Stats.Queued));
        }
        Sim.AssertNoLeaks(sim);
    }
}
