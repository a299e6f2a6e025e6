using System.CommandLine;
using System.Diagnostics;
using LiveGrade.Core.Diagnostics;
using LiveGrade.Core.Video;
using LiveGrade.Interop.Oiio;
using LiveGrade.Video;

namespace LiveGrade.App.Commands;

/// <summary>
/// `livegrade record SOURCE -o OUT --frames N [--format exr|dpx|tiff|png]`: writes frames from any source
/// as an image sequence (OUT a folder; files named frame.000000.ext). Frames are taken as they arrive;
/// frames the writer could not keep up with are counted as dropped and reported.
/// </summary>
public static class RecordCommand
{
    public static Command Create()
    {
        var source = new Argument<string>("source") { Description = $"what to record: {SourceFactory.Syntax}" };
        var output = new Option<string>("-o") { Description = "folder for the image sequence", Required = true };
        var frames = new Option<int>("--frames") { Description = "how many frames", DefaultValueFactory = _ => 25 };
        var format = new Option<string>("--format") { Description = "exr (half), dpx (10-bit), tiff (16-bit) or png (8-bit)", DefaultValueFactory = _ => "exr" };
        var size = new Option<string>("--size") { Description = "size of generated sources WxH", DefaultValueFactory = _ => "1920x1080" };
        var rate = new Option<string>("--rate") { Description = "rate of generated sources", DefaultValueFactory = _ => "25" };
        var cmd = new Command("record", "Write frames from any source to an image sequence") { source, output, frames, format, size, rate };
        cmd.SetAction(parse => CommandRunner.Run(() =>
        {
            var n = parse.GetValue(frames);
            if (n is < 1 or > 1_000_000) throw new InputException("--frames must be 1..1000000");
            var (ext, sample) = parse.GetValue(format) switch
            {
                "exr" => ("exr", ImageSampleFormat.Half),
                "dpx" => ("dpx", ImageSampleFormat.UInt10),
                "tiff" => ("tif", ImageSampleFormat.UInt16),
                "png" => ("png", ImageSampleFormat.UInt8),
                var f => throw new InputException($"--format '{f}' is not exr, dpx, tiff or png"),
            };
            var sz = parse.GetValue(size)!.Split('x');
            if (sz.Length != 2 || !int.TryParse(sz[0], out var w) || !int.TryParse(sz[1], out var h) || w is < 16 or > 8192 || h is < 16 or > 8192)
            {
                throw new InputException($"--size '{parse.GetValue(size)}' is not WxH (16..8192)");
            }
            if (!FrameRate.TryParse(parse.GetValue(rate)!, out var fps)) throw new InputException($"--rate '{parse.GetValue(rate)}' is not a frame rate");
            var dir = Path.GetFullPath(parse.GetValue(output)!);
            Directory.CreateDirectory(dir);
            using var src = SourceFactory.Create(parse.GetValue(source)!, new VideoMode(w, h, fps, PixelFormat.Rgba32F));
            src.Start();
            var written = 0;
            var sw = Stopwatch.StartNew();
            var decoder = new LiveGrade.Core.Video.Packing.FrameDecoder(); // packed sources (sdp:, decklink:) decode as the engine does
            while (written < n)
            {
                if (src.State == SourceState.Failed) throw new InputException($"source failed: {src.LastError}");
                if (sw.Elapsed > TimeSpan.FromSeconds(10) && written == 0) throw new InputException("no frame from the source in 10 s");
                if (!src.Frames.WaitForFrame(100)) continue;
                var frame = src.Frames.TryTake();
                if (frame is null) continue;
                int fw = frame.Width, fh = frame.Height; // a stream or a card brings its own size
                var pixels = new float[fw * fh * 4]; // one picture per written file: the writer's cost dwarfs it
                try
                {
                    decoder.Decode(frame, pixels);
                }
                catch (NotSupportedException e)
                {
                    throw new InputException($"cannot record {PixelFormats.Name(frame.Format)} frames: {e.Message}");
                }
                finally
                {
                    frame.Release();
                }
                ImageFile.Write(Path.Combine(dir, $"frame.{written:000000}.{ext}"), new RgbaImage(fw, fh, pixels), sample, withAlpha: false);
                written++;
            }
            src.Stop();
            Console.Out.WriteLine($"recorded {written} frames of {src.Name} to {dir}/frame.%06d.{ext} ({src.Counters.Dropped} dropped while writing)");
            return 0;
        }));
        return cmd;
    }
}
