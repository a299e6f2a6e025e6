using System.Diagnostics;
using LiveGrade.Core.Video;
using LiveGrade.Interop.DeckLink;
using LiveGrade.Video.DeckLink;
using Xunit.Abstractions;

namespace LiveGrade.Video.Tests.DeckLink;

/// <summary>Runs only where Blackmagic Desktop Video's libDeckLinkAPI.so is installed; says why otherwise.</summary>
public sealed class DeckLinkCardFactAttribute : FactAttribute
{
    public DeckLinkCardFactAttribute()
    {
        using var driver = DeckLinkDriver.TryOpen(null, out var error);
        if (driver is null) Skip = $"no DeckLink card to test: {error}";
        else if (driver.Devices.Count == 0) Skip = "the DeckLink driver found no devices";
    }
}

/// <summary>
/// Against a real card (category Hardware: `./test.sh --filter Category=Hardware` on a machine with one; CI has
/// none and leaves them out). Input 0 is expected to carry a 1080p25 signal, e.g. looped from output 1.
/// </summary>
[Trait("Category", "Hardware")]
public class DeckLinkHardwareTests(ITestOutputHelper log)
{
    [DeckLinkCardFact]
    public void A_real_input_delivers_frames_at_cadence_with_timecode()
    {
        using var source = new DeckLinkSource("card 0", 0, VideoMode.Hd1080(FrameRate.Fps25));
        source.Start();
        Assert.Null(source.LastError);
        var frames = new List<(long Sequence, long At)>();
        var sw = Stopwatch.StartNew();
        while (frames.Count < 50 && sw.Elapsed < TimeSpan.FromSeconds(10))
        {
            if (source.Frames.TryTake() is { } f)
            {
                frames.Add((f.Sequence, Stopwatch.GetTimestamp()));
                f.Release();
            }
            else
            {
                Thread.Sleep(2);
            }
        }
        source.Stop();
        log.WriteLine($"{source.DeviceName}: {frames.Count} frames, {source.Counters.Dropped} dropped, state {source.State}, {source.LastError}");
        Assert.Equal(50, frames.Count);
        Assert.True(frames.Zip(frames.Skip(1)).All(p => p.Second.Sequence == p.First.Sequence + 1), "frames skipped");
        var intervals = frames.Zip(frames.Skip(1)).Select(p => Stopwatch.GetElapsedTime(p.First.At, p.Second.At).TotalMilliseconds).Order().ToList();
        Assert.InRange(intervals[intervals.Count / 2], 36.0, 44.0);
    }

    [DeckLinkCardFact]
    public void A_real_output_plays_frames_without_drops_in_steady_state()
    {
        var mode = new VideoMode(1920, 1080, FrameRate.Fps25, PixelFormat.V210);
        using var sink = new DeckLinkSink("card 1", 1, mode);
        sink.Start();
        Assert.Null(sink.LastError);
        var pool = new FramePool(mode, 4);
        var start = Stopwatch.GetTimestamp();
        for (int n = 0; n < 100; n++)
        {
            while (Stopwatch.GetElapsedTime(start).TotalMilliseconds < n * 40) Thread.Sleep(1);
            var frame = pool.TryRent()!;
            frame.Timecode = Timecode.FromFields(1, 0, 0, 0, FrameRate.Fps25, false).Add(n, FrameRate.Fps25);
            sink.Send(frame);
            frame.Release();
        }
        Thread.Sleep(400);
        sink.Stop();
        var stats = sink.PlayoutStats;
        log.WriteLine($"{stats}");
        Assert.Equal(100, sink.Counters.Received);
        Assert.Equal(0, sink.Counters.Dropped);
    }
}
