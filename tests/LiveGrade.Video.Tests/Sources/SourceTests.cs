using System.Diagnostics;
using LiveGrade.Core.Diagnostics;
using LiveGrade.Core.Video;
using LiveGrade.Interop.Oiio;
using LiveGrade.Video.Sources;

namespace LiveGrade.Video.Tests.Sources;

public class SourceTests
{
    private static readonly VideoMode Small = new(192, 108, FrameRate.Fps50, PixelFormat.Rgba32F);

    /// <summary>What a test keeps of a frame (frames go back to the pool at once: it holds only six).</summary>
    private sealed record Seen(long Sequence, Timecode? Timecode, long CaptureTimestamp, float[] FirstPixels);

    private static List<Seen> Collect(IVideoSource source, int count, TimeSpan timeout)
    {
        var frames = new List<Seen>();
        var sw = Stopwatch.StartNew();
        while (frames.Count < count && sw.Elapsed < timeout)
        {
            if (source.Frames.TryTake() is { } f)
            {
                var floats = TestPatterns.Floats(f);
                frames.Add(new Seen(f.Sequence, f.Timecode, f.CaptureTimestamp, floats.ToArray()));
                f.Release();
            }
            else
            {
                Thread.Sleep(2);
            }
        }
        return frames;
    }

    [Fact]
    public void PatternSourceDeliversConsecutiveFramesWithRunningTimecode()
    {
        using var source = SourceFactory.Create("bars", Small);
        ((ClockedSource)source).StartTimecode = Timecode.FromFields(10, 0, 0, 0, Small.Rate, false);
        source.Start();
        var frames = Collect(source, 10, TimeSpan.FromSeconds(5));
        source.Stop();
        Assert.Equal(10, frames.Count);
        Assert.Equal(SourceState.Stopped, source.State);
        var start = Timecode.FromFields(10, 0, 0, 0, Small.Rate, false);
        long gaps = 0;
        for (int i = 0; i < frames.Count; i++)
        {
            // The label is the frame's slot on the source clock, whether or not earlier slots were dropped.
            Assert.Equal(start.Add(frames[i].Sequence, Small.Rate), frames[i].Timecode);
            if (i == 0) continue;
            Assert.True(frames[i].Sequence > frames[i - 1].Sequence);
            Assert.True(frames[i].CaptureTimestamp > frames[i - 1].CaptureTimestamp);
            gaps += frames[i].Sequence - frames[i - 1].Sequence - 1;
        }
        Assert.True(gaps <= source.Counters.Dropped, $"{gaps} frames missing but {source.Counters.Dropped} counted dropped");
    }

    [Fact]
    public void BarsHaveRp219Levels()
    {
        var px = new float[1920 * 1080 * 4];
        TestPatterns.Bars(px, 1920, 1080);
        float At(int x, int y, int c) => px[(y * 1920 + x) * 4 + c];
        // Pattern 1: 40% grey side panel (d = 240), then 75% white, yellow, ... blue bars of 205.7 px.
        Assert.Equal(0.4f, At(100, 300, 1));
        Assert.Equal((0.75f, 0.75f, 0.75f), (At(300, 300, 0), At(300, 300, 1), At(300, 300, 2)));
        Assert.Equal((0.75f, 0.75f, 0f), (At(550, 300, 0), At(550, 300, 1), At(550, 300, 2)));
        Assert.Equal((0f, 0f, 0.75f), (At(1600, 300, 0), At(1600, 300, 1), At(1600, 300, 2)));
        // Pattern 4: 100% white block and the -2% PLUGE step below black.
        Assert.Equal(1f, At(240 + 206 * 2, 1000, 0));
        Assert.Equal(-0.02f, At(240 + (int)(205.71 * 4.5), 1000, 0));
    }

    [Fact]
    public void SyntheticCameraCarriesTheCameraEncoding()
    {
        using var source = (SyntheticCameraSource)SourceFactory.Create("synthetic:logc3", Small, "A");
        Assert.Equal("ARRI LogC3 (EI800)", source.CameraSpace.Name);
        source.Start();
        var frames = Collect(source, 3, TimeSpan.FromSeconds(5));
        source.Stop();
        Assert.Equal(3, frames.Count);
        // The grey scale's middle step is 18% grey: LogC3 EI800 encodes it at 0.391 (ARRI white paper).
        var px = frames[0].FirstPixels;
        float max = 0;
        foreach (var v in px) max = Math.Max(max, v);
        // The brightest value is the grey scale's +10-stop step (18% x 1024 = 184.3 linear), by ARRI's LogC3 EI800
        // formula c·log10(a·x + b) + d, which runs past 1.0 (a real sensor clips there; the chart does not).
        Assert.Equal(0.247190 * Math.Log10(5.555556 * 0.18 * 1024 + 0.052272) + 0.385537, max, 3e-4);
        int y = Small.Height * 65 / 100;
        bool sawGrey = false;
        for (int x = 0; x < Small.Width; x++)
        {
            if (Math.Abs(px[(y * Small.Width + x) * 4 + 1] - 0.3910f) < 0.002f) sawGrey = true;
        }
        Assert.True(sawGrey, "no 18% grey step at LogC3 0.391 on the grey scale row");
    }

    [Fact]
    public void SyntheticCameraFramesAreWindowsOntoOneEncodedSceneThatTilts()
    {
        var space = LiveGrade.Color.Spaces.ColorSpaceRegistry.Get("ARRI LogC3 (EI800)");
        using var source = new SyntheticCameraSource("A", Small, space);
        var chart = LiveGrade.Color.Charts.SyntheticChart.RenderEncoded(Small.Width, Small.Height, space);
        source.Start();
        var held = new List<VideoFrame>();
        var sw = Stopwatch.StartNew();
        while (held.Count < 6 && sw.Elapsed < TimeSpan.FromSeconds(5))
        {
            if (source.Frames.TryTake() is { } f) held.Add(f);
            else Thread.Sleep(2);
        }
        Assert.Equal(6, held.Count); // the source hands out as many windows as a pool would hold frames
        source.Stop();

        int travel = Small.Height / 4;
        int rowFloats = Small.Width * 4;
        foreach (var f in held)
        {
            // Each frame is the chart's rows moved by the tilt, the wall's grey where the chart has left the window.
            int shift = source.TopRow(f.Sequence) - travel / 2;
            Assert.InRange(shift, -travel / 2, travel / 2);
            var px = TestPatterns.Floats(f);
            for (int y = 0; y < Small.Height; y++)
            {
                int chartRow = y + shift;
                if (chartRow < 0 || chartRow >= Small.Height)
                {
                    Assert.Equal(px[y * rowFloats], px[y * rowFloats + rowFloats - 4]); // a flat wall row
                    continue;
                }
                Assert.True(px.Slice(y * rowFloats, rowFloats).SequenceEqual(chart.AsSpan(chartRow * rowFloats, rowFloats)),
                    $"frame {f.Sequence} row {y} is not chart row {chartRow}");
            }
        }
        // Zero copy: two frames' pixels are the same memory, one tilt step apart.
        var (a, b) = (held[0], held[^1]);
        Assert.Equal((long)(source.TopRow(b.Sequence) - source.TopRow(a.Sequence)) * Small.RowBytes, (long)(b.Pointer - a.Pointer));
        Assert.Equal(0, source.TopRow(0) - travel / 2); // the tilt starts on the chart
        foreach (var f in held) f.Release();
    }

    [Fact]
    public void LostSignalStopsDeliveryAndComesBack()
    {
        using var source = (ClockedSource)SourceFactory.Create("ramp", Small);
        source.Start();
        Assert.NotEmpty(Collect(source, 2, TimeSpan.FromSeconds(5)));
        source.SignalLost = true;
        Thread.Sleep(100);
        while (source.Frames.TryTake() is { } f) f.Release();
        Thread.Sleep(200);
        Assert.Equal(0, source.Frames.Count);
        source.SignalLost = false;
        Assert.NotEmpty(Collect(source, 1, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public void UnknownSourcesAreOneLineInputErrors()
    {
        var e = Assert.Throws<InputException>(() => SourceFactory.Create("nonsense", Small));
        Assert.Contains("bars | ramp", e.Message);
        Assert.Throws<InputException>(() => SourceFactory.Create("synthetic:nosuchcamera", Small));
        Assert.Throws<InputException>(() => SourceFactory.Create("file:/nonexistent/shot.%04d.exr", Small));
    }

    [Fact]
    public void ImageSequencePlaysFilesInNumericOrder()
    {
        var dir = Directory.CreateTempSubdirectory("lg-seq").FullName;
        try
        {
            for (int i = 8; i <= 11; i++)
            {
                var img = RgbaImage.Create(16, 8);
                Array.Fill(img.Pixels, i / 100f);
                ImageFile.Write(Path.Combine(dir, $"shot.{i:0000}.exr"), img, ImageSampleFormat.Float);
            }
            Assert.Equal(4, ImageSequenceSource.Expand(Path.Combine(dir, "shot.####.exr")).Length);
            using var source = SourceFactory.Create($"file:{dir}/shot.%04d.exr", Small);
            Assert.Equal(16, source.Mode.Width);
            source.Start();
            var frames = Collect(source, 5, TimeSpan.FromSeconds(5));
            source.Stop();
            // Frame slot n shows file n mod 4 (a slot the clock dropped under load skips its file, in order).
            Assert.Equal(5, frames.Count);
            float[] files = [0.08f, 0.09f, 0.10f, 0.11f];
            Assert.Equal(frames.Select(f => files[f.Sequence % 4]), frames.Select(f => f.FirstPixels[0]));
            Assert.True(frames.Select(f => f.Sequence).SequenceEqual(frames.Select(f => f.Sequence).Order()), "frames out of order");
            }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void MovieFilesPlayThroughFfmpeg()
    {
        var dir = Directory.CreateTempSubdirectory("lg-mov").FullName;
        try
        {
            var movie = Path.Combine(dir, "grey.mov");
            // A mid-grey FFV1 movie: lossless, so the decoded value is exactly the encoded code.
            var ff = Process.Start(new ProcessStartInfo("ffmpeg", ["-v", "error", "-f", "lavfi", "-i", "color=c=0x808080:s=64x32:r=25:d=1", "-c:v", "ffv1", "-pix_fmt", "gbrp", movie]))!;
            ff.WaitForExit();
            Assert.Equal(0, ff.ExitCode);
            using var source = SourceFactory.Create($"file:{movie}", Small);
            Assert.Equal((64, 32), (source.Mode.Width, source.Mode.Height));
            source.Start();
            var frames = Collect(source, 30, TimeSpan.FromSeconds(10)); // 25 frames in the file: it loops
            source.Stop();
            Assert.Equal(30, frames.Count);
            // ffmpeg's swscale converts 8-bit through a 16-bit intermediate and gives 0x7fff for code 128
            // (not 128 * 257): 0.49999 instead of 0.50196, 2e-3 off. That is ffmpeg's precision, stated in README.
            Assert.Equal(128 / 255f, frames[29].FirstPixels[1], 2.5e-3f);
            }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
