using System.Diagnostics;
using LiveGrade.Core.Video;
using LiveGrade.Interop.DeckLink;

namespace LiveGrade.Interop.Tests.DeckLink;

/// <summary>
/// Capture through the shim from the simulated driver: cadence, timecode, pixels (checked against the
/// published 75% bar values and against ffmpeg's v210 decoder), format changes, signal loss, metadata, the
/// 14.2.1 and 15.3 interface generations, and that no frame or reference leaks.
/// </summary>
[Collection(DeckLinkSimulatorCollection.Name)]
public class DeckLinkCaptureTests
{
    private const int Frames = 50; // two seconds of 1080p25

    [Fact]
    public void Captures_every_frame_at_cadence_with_consecutive_rp188_timecode()
    {
        var sim = Sim.Fresh();
        var receiver = new QueueReceiver();
        try
        {
            using var driver = DeckLinkDriver.Open(sim.Path);
            using var capture = DeckLinkCapture.Start(driver, new DeckLinkCaptureOptions(0, Sim.Hp25), receiver);
            var frames = new List<(DeckLinkCapturedFrame F, long T, Timecode Tc)>();
            for (var i = 0; i < Frames; i++)
            {
                var (f, t) = receiver.Next();
                Assert.False(f.NoSignal);
                Assert.Equal((1920, 1080, DeckLinkPixelFormat.Yuv10, Sim.Hp25), (f.Width, f.Height, f.PixelFormat, f.DisplayMode));
                Assert.Equal((5120L, 5120L * 1080), (f.RowBytes, f.SizeBytes));
                Assert.Equal(FrameRate.Fps25, f.Rate);
                var tc = f.GetTimecode();
                Assert.NotNull(tc);
                frames.Add((f, t, tc.Value));
                receiver.Release(f);
            }
            capture.Stop();
            receiver.Drain();

            for (var i = 1; i < Frames; i++)
            {
                var (prev, cur) = (frames[i - 1], frames[i]);
                Assert.Equal(prev.F.Sequence + 1, cur.F.Sequence);
                Assert.Equal(prev.F.StreamTime + 1000, cur.F.StreamTime); // one frame of 25p in 1/25000 s
                Assert.Equal(prev.Tc.ToFrameCount(FrameRate.Fps25) + 1, cur.Tc.ToFrameCount(FrameRate.Fps25));
                Assert.Equal(40_000_000, cur.F.HardwareTimeNs - prev.F.HardwareTimeNs); // the capture clock's own ticks
            }
            Assert.Equal(10, frames[0].Tc.Hours); // the simulated camera's timecode starts at 10:00:00:00
            // Arrival in this process: the median of the 49 intervals within 10% of 40 ms. The simulator times
            // frames against absolute deadlines; the median ignores the burst that follows one late wake-up of
            // this test's thread on a loaded machine (the mean does not).
            var intervals = Enumerable.Range(1, Frames - 1)
                .Select(i => Stopwatch.GetElapsedTime(frames[i - 1].T, frames[i].T).TotalMilliseconds).Order().ToList();
            Assert.InRange(intervals[intervals.Count / 2], 36.0, 44.0);

            var stats = capture.Stats;
            Assert.Equal(0, stats.FramesHeld);
            Assert.Equal(0ul, stats.DroppedAllHeld + stats.DroppedNoAccess);
            Assert.Equal(1600, sim.Stats(0).InputGeneration);
        }
        finally
        {
            receiver.Drain();
        }
        Sim.AssertNoLeaks(sim);
    }

    [Fact]
    public void The_pixels_are_the_drivers_75_percent_bars_in_v210_with_a_moving_box()
    {
        var sim = Sim.Fresh();
        var receiver = new QueueReceiver();
        try
        {
            using var driver = DeckLinkDriver.Open(sim.Path);
            using var capture = DeckLinkCapture.Start(driver, new DeckLinkCaptureOptions(0, Sim.Hp25), receiver);
            var (a, _) = receiver.Next();
            var (b, _) = receiver.Next();
            capture.Stop();
            var pixels = a.Pixels;
            for (var k = 0; k < 7; k++)
            {
                Assert.Equal(Sim.Bars10[k], Sim.V210At(pixels, a.RowBytes, Sim.BarCentre(k, 1920), 360));
            }
            Assert.Equal((64, 512, 512), Sim.V210At(pixels, a.RowBytes, 10, 800)); // black below the bars
            // The white box (Y' 940) moves 8 pixels a frame along its rows.
            var left = BoxLeft(a);
            Assert.Equal(940, Sim.V210At(pixels, a.RowBytes, left + 10, 900).Y);
            Assert.Equal((left + 8) % (1920 - 64), BoxLeft(b)); // it wraps at the right edge

            // Independent decoder: ffmpeg reads the same frame as v210 and must find the same samples.
            var dir = Path.Combine(Path.GetTempPath(), "livegrade-tests", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dir);
            File.WriteAllBytes(Path.Combine(dir, "frame.v210"), pixels.ToArray());
            Ffmpeg(dir, "-f", "rawvideo", "-c:v", "v210", "-video_size", "1920x1080", "-pix_fmt", "yuv422p10le", "-i", "frame.v210",
                "-f", "rawvideo", "-pix_fmt", "yuv422p10le", "planes.yuv");
            var planes = File.ReadAllBytes(Path.Combine(dir, "planes.yuv"));
            Assert.Equal(1920 * 1080 * 2 * 2, planes.Length);
            foreach (var (x, y) in new[] { (Sim.BarCentre(1, 1920), 100), (Sim.BarCentre(4, 1920), 700), (left + 2, 880), (1918, 1079) })
            {
                var mine = Sim.V210At(pixels, a.RowBytes, x, y);
                int Sample(int plane, int px, int w) => BitConverter.ToUInt16(planes, plane + (y * w + px) * 2);
                var theirs = (Sample(0, x, 1920), Sample(1920 * 1080 * 2, x / 2, 960), Sample(1920 * 1080 * 2 + 960 * 1080 * 2, x / 2, 960));
                Assert.Equal(mine, theirs);
            }
            receiver.Release(a);
            receiver.Release(b);
            receiver.Drain();
            Directory.Delete(dir, true);
        }
        finally
        {
            receiver.Drain();
        }
        Sim.AssertNoLeaks(sim);
    }

    [Fact]
    public void Eight_bit_yuv_and_ten_bit_rgb_are_options()
    {
        var sim = Sim.Fresh();
        var receiver = new QueueReceiver();
        try
        {
            using var driver = DeckLinkDriver.Open(sim.Path);
            using (var capture = DeckLinkCapture.Start(driver, new DeckLinkCaptureOptions(0, Sim.Hp25, DeckLinkPixelFormat.Yuv8), receiver))
            {
                var (f, _) = receiver.Next();
                Assert.Equal((DeckLinkPixelFormat.Yuv8, 3840L), (f.PixelFormat, f.RowBytes));
                var row = f.Pixels.Slice(360 * 3840, 3840);
                for (var k = 0; k < 7; k++)
                {
                    var x = Sim.BarCentre(k, 1920);
                    Assert.Equal(Sim.Bars8[k], (row[x * 2 + 1], row[x * 2], row[x * 2 + 2])); // bytes Cb Y0 Cr Y1
                }
                receiver.Release(f);
            }
            receiver.Drain();
            using (var capture = DeckLinkCapture.Start(driver, new DeckLinkCaptureOptions(0, Sim.Hp25, DeckLinkPixelFormat.Rgb10), receiver))
            {
                var (f, _) = receiver.Next();
                Assert.Equal((DeckLinkPixelFormat.Rgb10, 7680L), (f.PixelFormat, f.RowBytes));
                // r210: big-endian word, R bits 29-20, G 19-10, B 9-0; 75% yellow = R 721, G 721, B 64 (SMPTE levels).
                var p = f.Pixels.Slice(360 * 7680 + Sim.BarCentre(1, 1920) * 4, 4);
                var word = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(p);
                Assert.Equal((721u, 721u, 64u), ((word >> 20) & 0x3FF, (word >> 10) & 0x3FF, word & 0x3FF));
                receiver.Release(f);
            }
            receiver.Drain();
            using (var capture = DeckLinkCapture.Start(driver, new DeckLinkCaptureOptions(0, Sim.Hp25, DeckLinkPixelFormat.Rgb12), receiver))
            {
                var (f, _) = receiver.Next();
                Assert.Equal((DeckLinkPixelFormat.Rgb12, 8640L), (f.PixelFormat, f.RowBytes)); // 36 bytes per 8 pixels
                receiver.Release(f);
            }
            receiver.Drain();
        }
        finally
        {
            receiver.Drain();
        }
        Sim.AssertNoLeaks(sim);
    }

    [Fact]
    public void A_format_change_is_followed_within_two_frames()
    {
        var sim = Sim.Fresh();
        var receiver = new QueueReceiver();
        try
        {
            using var driver = DeckLinkDriver.Open(sim.Path);
            using var capture = DeckLinkCapture.Start(driver, new DeckLinkCaptureOptions(0, Sim.Hp25), receiver);
            for (var i = 0; i < 5; i++) receiver.Release(receiver.Next().Frame);

            var changedAt = Sim.MonotonicNs();
            sim.SetInputSignal(0, Sim.Hp50, true); // the camera switched to 1080p50
            // Frames captured after the switch (by the driver's capture clock) but not yet in the new mode.
            var stale = 0;
            DeckLinkCapturedFrame first;
            while (true)
            {
                var (f, _) = receiver.Next();
                receiver.Release(f);
                if (f.DisplayMode == Sim.Hp50 && !f.NoSignal)
                {
                    first = f;
                    break;
                }
                if (f.HardwareTimeNs > changedAt) stale++;
            }
            Assert.InRange(stale, 0, 2);
            Assert.True(receiver.Changes.TryDequeue(out var change));
            Assert.True(change.Followed);
            Assert.Equal((Sim.Hp50, 1920, 1080, DeckLinkPixelFormat.Yuv10), (change.DisplayMode, change.Width, change.Height, change.PixelFormat));
            Assert.Equal(FrameRate.Fps50, change.Rate);
            Assert.Equal(1u, change.Events & 1); // display mode changed

            // Frames now come at 50p, timecode counting 50 frames a second.
            var previous = first.GetTimecode()!.Value;
            for (var i = 0; i < 20; i++)
            {
                var (f, _) = receiver.Next();
                Assert.Equal((Sim.Hp50, 50000L, 1000L), (f.DisplayMode, f.TimeScale, f.FrameDuration));
                var tc = f.GetTimecode()!.Value;
                Assert.Equal(previous.ToFrameCount(FrameRate.Fps50) + 1, tc.ToFrameCount(FrameRate.Fps50));
                previous = tc;
                receiver.Release(f);
            }
            Assert.Equal(1ul, capture.Stats.FormatChanges);
            Assert.Equal(Sim.Hp50, sim.Stats(0).InputMode);
            capture.Stop();
            receiver.Drain();
        }
        finally
        {
            receiver.Drain();
        }
        Sim.AssertNoLeaks(sim);
    }

    [Fact]
    public void Without_format_detection_a_different_signal_reads_as_no_signal()
    {
        var sim = Sim.Fresh();
        var receiver = new QueueReceiver();
        try
        {
            using var driver = DeckLinkDriver.Open(sim.Path);
            using var capture = DeckLinkCapture.Start(driver, new DeckLinkCaptureOptions(0, Sim.Hp25, FormatDetection: false), receiver);
            receiver.Release(receiver.Next().Frame);
            sim.SetInputSignal(0, Sim.Hp50, true);
            var sawNoSignal = false;
            for (var i = 0; i < 10 && !sawNoSignal; i++)
            {
                var (f, _) = receiver.Next();
                sawNoSignal = f.NoSignal && f.DisplayMode == Sim.Hp25;
                receiver.Release(f);
            }
            Assert.True(sawNoSignal);
            Assert.Empty(receiver.Changes);
            capture.Stop();
            receiver.Drain();
        }
        finally
        {
            receiver.Drain();
        }
        Sim.AssertNoLeaks(sim);
    }

    [Fact]
    public void Signal_loss_is_flagged_and_recovery_is_automatic()
    {
        var sim = Sim.Fresh();
        var receiver = new QueueReceiver();
        try
        {
            using var driver = DeckLinkDriver.Open(sim.Path);
            using var capture = DeckLinkCapture.Start(driver, new DeckLinkCaptureOptions(0, Sim.Hp25), receiver);
            var before = receiver.Next().Frame;
            receiver.Release(before);

            sim.SetInputSignal(0, Sim.Hp25, false); // cable pulled
            var lost = 0;
            while (lost < 5)
            {
                var (f, _) = receiver.Next();
                if (f.NoSignal)
                {
                    lost++;
                    Assert.False(f.HasTimecode);
                    Assert.True(f.Flags.HasFlag(DeckLinkFrameFlags.HasNoInputSource));
                    Assert.Equal((64, 512, 512), Sim.V210At(f.Pixels, f.RowBytes, 960, 360)); // the driver's black
                }
                receiver.Release(f);
            }

            sim.SetInputSignal(0, Sim.Hp25, true); // plugged back in: no action needed
            DeckLinkCapturedFrame back;
            do
            {
                back = receiver.Next().Frame;
                receiver.Release(back);
            } while (back.NoSignal);
            Assert.True(back.HasTimecode);
            // The camera's timecode ran on while the cable was out.
            Assert.True(back.GetTimecode()!.Value.ToFrameCount(FrameRate.Fps25) > before.GetTimecode()!.Value.ToFrameCount(FrameRate.Fps25) + lost);
            Assert.True(capture.Stats.NoSignalFrames >= 5);
            Assert.Empty(receiver.Changes); // same format: nothing to follow
            capture.Stop();
            receiver.Drain();
        }
        finally
        {
            receiver.Drain();
        }
        Sim.AssertNoLeaks(sim);
    }

    [Fact]
    public void Hdr_and_colourspace_metadata_come_with_every_frame()
    {
        var sim = Sim.Fresh();
        var receiver = new QueueReceiver();
        try
        {
            using var driver = DeckLinkDriver.Open(sim.Path);
            using var capture = DeckLinkCapture.Start(driver, new DeckLinkCaptureOptions(0, Sim.Hp25), receiver);
            var sdr = receiver.Next().Frame;
            Assert.Equal((DeckLinkColorspace.Rec709, 0L, false), (sdr.Colorspace, sdr.HdrEotf, sdr.HasHdrMetadata));
            receiver.Release(sdr);

            // An HDR10 source: BT.2020, PQ (CEA-861.3 EOTF 2), MaxCLL 1000, MaxFALL 400, mastering 1000 / 0.0001 cd/m².
            sim.SetInputColor(0, 0x11, DeckLinkColorspace.Rec2020, 2, 1000, 400, 1000, 0.0001);
            DeckLinkCapturedFrame hdr;
            do
            {
                hdr = receiver.Next().Frame;
                receiver.Release(hdr);
            } while (!hdr.HasHdrMetadata);
            Assert.Equal((DeckLinkColorspace.Rec2020, 2L), (hdr.Colorspace, hdr.HdrEotf));
            Assert.Equal((1000.0, 400.0, 1000.0, 0.0001), (hdr.HdrMaxCll, hdr.HdrMaxFall, hdr.HdrMaxMasteringLuminance, hdr.HdrMinMasteringLuminance));
            // BT.2020 primaries and D65 (ITU-R BT.2020 table 3).
            double[] bt2020 = [0.708, 0.292, 0.170, 0.797, 0.131, 0.046, 0.3127, 0.3290];
            for (var i = 0; i < 8; i++) Assert.Equal(bt2020[i], hdr.HdrPrimary(i));

            // The colourspace change was reported (events bit 4) without restarting the input.
            Assert.True(receiver.Changes.TryDequeue(out var change));
            Assert.Equal(4u, change.Events);
            Assert.Equal(Sim.Hp25, change.DisplayMode);
            capture.Stop();
            receiver.Drain();
        }
        finally
        {
            receiver.Drain();
        }
        Sim.AssertNoLeaks(sim);
    }

    [Theory]
    [InlineData(14, 2, 1, 1402)]
    [InlineData(15, 3, 1, 1503)]
    public void Older_driver_generations_capture_the_same_picture(int major, int minor, int patch, int generation)
    {
        var sim = Sim.Fresh();
        sim.SetApiVersion(major, minor, patch);
        var receiver = new QueueReceiver();
        try
        {
            using var driver = DeckLinkDriver.Open(sim.Path);
            using var capture = DeckLinkCapture.Start(driver, new DeckLinkCaptureOptions(0, Sim.Hp25), receiver);
            Timecode? previous = null;
            for (var i = 0; i < 10; i++)
            {
                var (f, _) = receiver.Next();
                for (var k = 0; k < 7; k++)
                {
                    Assert.Equal(Sim.Bars10[k], Sim.V210At(f.Pixels, f.RowBytes, Sim.BarCentre(k, 1920), 360));
                }
                var tc = f.GetTimecode()!.Value;
                if (previous is { } p) Assert.Equal(p.ToFrameCount(FrameRate.Fps25) + 1, tc.ToFrameCount(FrameRate.Fps25));
                previous = tc;
                receiver.Release(f);
            }
            sim.SetInputSignal(0, Sim.Hp50, true);
            var deadline = Stopwatch.StartNew();
            while (receiver.Changes.IsEmpty && deadline.ElapsedMilliseconds < 3000) receiver.Release(receiver.Next().Frame);
            Assert.True(receiver.Changes.TryDequeue(out var change) && change.Followed);
            Assert.Equal(generation, sim.Stats(0).InputGeneration); // the interfaces of that era were really used
            capture.Stop();
            receiver.Drain();
        }
        finally
        {
            receiver.Drain();
        }
        Sim.AssertNoLeaks(sim);
        sim.Reset();
    }

    [Fact]
    public void Frames_held_too_long_make_the_driver_drop_new_ones_and_capture_resumes_when_released()
    {
        var sim = Sim.Fresh();
        var receiver = new QueueReceiver();
        try
        {
            using var driver = DeckLinkDriver.Open(sim.Path);
            using var capture = DeckLinkCapture.Start(driver, new DeckLinkCaptureOptions(0, Sim.Hp25, MaxHeldFrames: 4), receiver);
            // Nothing is released: after four frames the next ones find every slot held.
            var sw = Stopwatch.StartNew();
            while (capture.Stats.DroppedAllHeld == 0 && sw.ElapsedMilliseconds < 3000) Thread.Sleep(10);
            Assert.Equal(4, capture.Stats.FramesHeld);
            Assert.True(capture.Stats.DroppedAllHeld > 0);
            receiver.Drain();
            Assert.Equal(0, capture.Stats.FramesHeld);
            receiver.Release(receiver.Next().Frame); // new frames arrive again
            capture.Stop();
            receiver.Drain();
        }
        finally
        {
            receiver.Drain();
        }
        Sim.AssertNoLeaks(sim);
    }

    [Fact]
    public void Frames_held_after_the_capture_is_disposed_stay_valid_until_released()
    {
        var sim = Sim.Fresh();
        var receiver = new QueueReceiver();
        try
        {
            DeckLinkCapturedFrame held;
            using (var driver = DeckLinkDriver.Open(sim.Path))
            {
                var capture = DeckLinkCapture.Start(driver, new DeckLinkCaptureOptions(0, Sim.Hp25), receiver);
                held = receiver.Next().Frame;
                capture.Dispose();
                while (receiver.Frames.TryDequeue(out var queued)) DeckLinkCapture.ReleaseFrame(queued.Frame.Handle);
            }
            // The driver handle, the capture and the input are gone from LiveGrade's side, yet the GPU upload could
            // still be reading this frame: its memory must still hold the picture.
            Assert.Equal(Sim.Bars10[0], Sim.V210At(held.Pixels, held.RowBytes, Sim.BarCentre(0, 1920), 360));
            Assert.True(sim.LiveObjects > 0);
            receiver.Release(held);
        }
        finally
        {
            receiver.Drain();
        }
        Sim.AssertNoLeaks(sim);
    }

    private static int BoxLeft(in DeckLinkCapturedFrame f)
    {
        for (var x = 0; x < f.Width; x++)
        {
            if (Sim.V210At(f.Pixels, f.RowBytes, x, 900).Y == 940) return x;
        }
        throw new Xunit.Sdk.XunitException("no white box on row 900");
    }

    private static void Ffmpeg(string dir, params string[] args)
    {
        var psi = new ProcessStartInfo("ffmpeg") { WorkingDirectory = dir, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-v", "error", "-y" }.Concat(args)) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, "ffmpeg: " + err);
    }
}
