using System.CommandLine;
using System.Globalization;
using LiveGrade.Color.Scopes;
using LiveGrade.Color.Scopes.Histogram;
using LiveGrade.Color.Scopes.Rendering;
using LiveGrade.Color.Scopes.Vectorscope;
using LiveGrade.Color.Scopes.Waveform;
using LiveGrade.Core.Diagnostics;
using LiveGrade.Gpu.Scopes;
using LiveGrade.Interop.Oiio;

namespace LiveGrade.App.Commands;

/// <summary>
/// `livegrade scope IMAGE --type waveform|parade|vectorscope|histogram [--look ..] -o OUT.png [--csv OUT.csv]`:
/// draws a scope of a still (after the look, or where --tap says) and writes the numbers behind it.
/// </summary>
public static class ScopeCommand
{
    public static Command Create(string[] rawArgs)
    {
        var input = new Argument<string>("IMAGE") { Description = "image file (EXR, TIFF, DPX, PNG, ...); R'G'B' 0..1 = black..100% white" };
        var type = new Option<string>("--type") { Description = "waveform, parade, vectorscope or histogram", Required = true };
        type.AcceptOnlyFromAmong("waveform", "parade", "vectorscope", "histogram");
        var mode = new Option<string>("--mode") { Description = "waveform and histogram: luma or rgb", DefaultValueFactory = _ => "luma" };
        mode.AcceptOnlyFromAmong("luma", "rgb");
        var output = new Option<string>("-o", "--output") { Description = "the scope picture (PNG, TIFF, ...)", Required = true };
        var csv = new Option<string?>("--csv") { Description = "also write the counts and luma statistics as CSV" };
        var matrix = new Option<string>("--matrix") { Description = "Y'CbCr weights: 709 or 2020", DefaultValueFactory = _ => "709" };
        var signal = new Option<string>("--signal") { Description = "graticule: sdr (IRE or codes), pq or hlg (nits)", DefaultValueFactory = _ => "sdr" };
        signal.AcceptOnlyFromAmong("sdr", "pq", "hlg");
        var units = new Option<string>("--units") { Description = "SDR graticule units: ire or code (10-bit)", DefaultValueFactory = _ => "ire" };
        units.AcceptOnlyFromAmong("ire", "code");
        var targets = new Option<string>("--targets") { Description = "vectorscope targets: 75, 100 or both", DefaultValueFactory = _ => "both" };
        targets.AcceptOnlyFromAmong("75", "100", "both");
        var columns = new Option<int?>("--columns") { Description = "waveform columns (default: the width divided down to at most 1024, 320 per parade panel)" };
        var bins = new Option<int>("--bins") { Description = "vectorscope bins per axis: 256, 512 or 1024", DefaultValueFactory = _ => 512 };
        var gain = new Option<float>("--gain") { Description = "trace brightness multiplier", DefaultValueFactory = _ => 1f };
        var source = new ScopeSource(rawArgs);

        var cmd = new Command("scope", "Draw a waveform, RGB parade, vectorscope or histogram of an image, and its numbers")
        {
            input, type, mode, output, csv, matrix, signal, units, targets, columns, bins, gain,
        };
        source.AddTo(cmd);
        cmd.SetAction(parse => CommandRunner.Run(() =>
        {
            var m = YCbCrMatrix.Parse(parse.GetValue(matrix)!) ?? throw new InputException("--matrix must be 709 or 2020");
            float g = parse.GetValue(gain);
            if (!(g is > 0 and <= 100))
            {
                throw new InputException("--gain must be above 0 and at most 100");
            }
            string t = parse.GetValue(type)!;
            bool rgb = parse.GetValue(mode) == "rgb";
            var request = new ScopeRequest
            {
                Type = t switch { "parade" => ScopeType.Parade, "vectorscope" => ScopeType.Vectorscope, "histogram" => ScopeType.Histogram, _ => ScopeType.Waveform },
                WaveformMode = rgb ? WaveformMode.RgbOverlay : WaveformMode.Luma,
                HistogramLuma = !rgb,
                Matrix = m,
                Signal = parse.GetValue(signal) switch { "pq" => ScopeSignal.Pq, "hlg" => ScopeSignal.Hlg, _ => ScopeSignal.Sdr },
                Units = parse.GetValue(units) == "code" ? GraticuleUnits.Code10 : GraticuleUnits.Ire,
                Targets75 = parse.GetValue(targets) != "100",
                Targets100 = parse.GetValue(targets) != "75",
                Gain = g,
            };
            int binCount = parse.GetValue(bins);
            if (binCount is not (256 or 512 or 1024))
            {
                throw new InputException("--bins must be 256, 512 or 1024");
            }

            string path = parse.GetValue(input)!;
            var (image, tap) = source.Load(parse, path);
            request = request with { Tap = tap };
            using var gpu = source.Gpu(parse) ? new GpuRun() : null;
            gpu?.Scopes.Upload(image.Pixels, image.Width, image.Height);

            // Luma statistics always come from the histogram (ffmpeg signalstats definitions).
            var histogram = new HistogramCounts(m);
            if (gpu is null)
            {
                HistogramCpuAnalyzer.Analyze(image.Pixels, image.Width, image.Height, histogram);
            }
            else
            {
                gpu.Scopes.Histogram(histogram);
            }
            var stats = LumaStatistics.From(histogram);

            ScopeLayout layout;
            ScopeTraceScale scale;
            uint[] counts;
            Action<TextWriter> writeCsv;
            switch (request.Type)
            {
                case ScopeType.Vectorscope:
                {
                    var c = new VectorscopeCounts(new VectorscopeParams(binCount, m));
                    if (gpu is null)
                    {
                        VectorscopeCpuAnalyzer.Analyze(image.Pixels, image.Width, image.Height, c);
                    }
                    else
                    {
                        gpu.Scopes.Vectorscope(c);
                    }
                    (layout, scale, counts) = (VectorscopeRenderer.Layout(c.Params, request), VectorscopeRenderer.Scale(c, g), c.Counts);
                    writeCsv = w => ScopeCsvWriter.WriteVectorscope(w, c);
                    break;
                }
                case ScopeType.Histogram:
                    (layout, scale, counts) = (HistogramRenderer.Layout(request), HistogramRenderer.Scale(histogram, g), histogram.Counts);
                    writeCsv = w => ScopeCsvWriter.WriteHistogram(w, histogram, request.Signal, request.Units);
                    break;
                default:
                {
                    bool parade = request.Type == ScopeType.Parade;
                    int cols = parse.GetValue(columns) ?? WaveformParams.ColumnsFor(image.Width, parade ? 320 : 1024);
                    if (cols < 1 || cols > System.Math.Min(image.Width, WaveformParams.MaxColumns))
                    {
                        throw new InputException($"--columns must be 1..{System.Math.Min(image.Width, WaveformParams.MaxColumns)}");
                    }
                    var c = new WaveformCounts(new WaveformParams(cols, parade || rgb, m));
                    if (gpu is null)
                    {
                        WaveformCpuAnalyzer.Analyze(image.Pixels, image.Width, image.Height, c);
                    }
                    else
                    {
                        gpu.Scopes.Waveform(c);
                    }
                    (layout, scale, counts) = (WaveformRenderer.Layout(c.Params, request), WaveformRenderer.Scale(c, g), c.Counts);
                    writeCsv = w => ScopeCsvWriter.WriteWaveform(w, c, request.Signal, request.Units);
                    break;
                }
            }

            var picture = new float[layout.Width * layout.Height * 4];
            if (gpu is null)
            {
                ScopeCompositor.Compose(layout, counts, scale, picture);
            }
            else
            {
                gpu.Scopes.Render(layout, scale, picture); // draws from the counts still on the GPU
            }
            string outPath = parse.GetValue(output)!;
            ImageFile.Write(outPath, new RgbaImage(layout.Width, layout.Height, picture), ImageSampleFormat.UInt8, withAlpha: false);

            if (parse.GetValue(csv) is { } csvPath)
            {
                try
                {
                    using var w = new StreamWriter(csvPath);
                    string what = string.Create(CultureInfo.InvariantCulture,
                        $"{t}{(rgb ? " rgb" : "")}, {Path.GetFileName(path)} {image.Width}x{image.Height}, {m.Name}, {GraticuleStyle.TapName(tap).ToLowerInvariant()}");
                    ScopeCsvWriter.WriteHeader(w, what, stats);
                    writeCsv(w);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    throw new InputException($"cannot write CSV: {e.Message}", csvPath);
                }
            }
            Console.Out.WriteLine($"luma (10-bit codes): {stats}");
            return 0;
        }));
        return cmd;
    }

    /// <summary>A GL context with the scope passes, for --gpu.</summary>
    private sealed class GpuRun : IDisposable
    {
        private readonly Gpu.Context.HeadlessGlContext _context = ScopeSource.CreateContext();

        public GpuRun() => Scopes = new GpuScopes(_context);

        public GpuScopes Scopes { get; }

        public void Dispose()
        {
            Scopes.Dispose();
            _context.Dispose();
        }
    }
}
