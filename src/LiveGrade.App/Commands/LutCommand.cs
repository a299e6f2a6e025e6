using System.CommandLine;
using LiveGrade.Color.Formats.Lut;
using LiveGrade.Color.Formats.Lut.Clf;
using LiveGrade.Color.Ops;
using LiveGrade.Color.Looks;
using LiveGrade.Color.Ops.Lut1D;
using LiveGrade.Color.Ops.Lut3D;
using LiveGrade.Color.Ops.Transfer;
using LiveGrade.Color.Processing;
using LiveGrade.Core.Diagnostics;

namespace LiveGrade.App.Commands;

/// <summary>
/// `livegrade lut info FILE`, `lut convert IN OUT [--size N]`, `lut bake ... -o OUT` and
/// `lut export ... -o OUT.clf` (a look's ops written as a CLF process list, without baking).
/// </summary>
public static class LutCommand
{
    public static Command Create(string[] rawArgs)
    {
        var cmd = new Command("lut", "Inspect, convert, bake and export LUT files (.cube, .3dl, .spi1d, .spi3d, .csp, .clf, .ctf)");
        cmd.Add(Info());
        cmd.Add(Convert());
        cmd.Add(Bake(rawArgs));
        cmd.Add(Export(rawArgs));
        return cmd;
    }

    private const string WritableFormats = "write .cube, .3dl, .spi1d, .spi3d, .csp or .clf";

    private static Command Export(string[] rawArgs)
    {
        var lookArgs = new LookArguments(rawArgs);
        var output = new Option<string>("-o") { Description = "output .clf", Required = true };
        var name = new Option<string?>("--name") { Description = "the ProcessList's name" };
        var cmd = new Command("export", "Write a look (--convert, --cdl, --look in order) as a CLF process list, op for op, without baking")
        {
            output, name,
        };
        lookArgs.AddTo(cmd);
        cmd.SetAction(parse => CommandRunner.Run(() =>
        {
            string outPath = parse.GetValue(output)!;
            if (LutFormats.FromExtension(outPath) != LutFormat.Clf)
            {
                throw new InputException("lut export writes .clf (use `lut bake` for other formats)", outPath);
            }
            var chain = lookArgs.Chain(parse);
            var ops = OpListOptimizer.Optimize(chain.ToOps());
            string text;
            try
            {
                text = ClfWriter.Format(ops, parse.GetValue(name), ["Exported by LiveGrade"]);
            }
            catch (NotSupportedException e)
            {
                throw new InputException(e.Message, outPath);
            }
            File.WriteAllText(outPath, text);
            Console.Error.WriteLine($"wrote {ops.Count} ops to {outPath}");
            return 0;
        }));
        return cmd;
    }

    /// <summary>Shaper range for --shaper log: 10 stops under and 8 over 18% grey.</summary>
    public const double LogShaperMin = 0.18 / 1024, LogShaperMax = 0.18 * 256;

    /// <summary>Entries of a baked shaper: the most .cube allows, so the linear-domain shaper keeps shadows.</summary>
    public const int ShaperSize = 65536;

    private static Command Bake(string[] rawArgs)
    {
        var lookArgs = new LookArguments(rawArgs);
        var size = new Option<int>("--size") { Description = "3D LUT edge: 17, 33 or 65 (2..129 accepted)", DefaultValueFactory = _ => 33 };
        var shaper = new Option<string>("--shaper")
        {
            Description = "linear: the input is code values in 0..1 (log or display); log: scene-linear input, " +
                "a log2 shaper over 0.18*2^-10..0.18*2^8; pq: HDR linear input (1.0 = 100 cd/m², up to 10,000), a PQ shaper",
            DefaultValueFactory = _ => "linear",
        };
        shaper.AcceptOnlyFromAmong("linear", "log", "pq");
        var output = new Option<string>("-o") { Description = "output LUT; the format follows the extension", Required = true };
        var cmd = new Command("bake", "Bake a look (--convert, --cdl, --look in order) into a 3D LUT, with a 1D shaper for linear or HDR input")
        {
            size, shaper, output,
        };
        lookArgs.AddTo(cmd);
        cmd.SetAction(parse => CommandRunner.Run(() =>
        {
            int n = parse.GetValue(size);
            if (n is < 2 or > Lut3DOpData.MaxSize)
            {
                throw new InputException($"--size must be 2..{Lut3DOpData.MaxSize}, got {n}");
            }
            string outPath = parse.GetValue(output)!;
            if (LutFormats.FromExtension(outPath) is not { } format || !LutFormats.CanWrite(format))
            {
                throw new InputException($"cannot write this LUT format ({WritableFormats})", outPath);
            }
            string shaperKind = parse.GetValue(shaper)!;
            if (shaperKind != "linear" && format is not (LutFormat.Cube or LutFormat.Clf or LutFormat.Csp))
            {
                throw new InputException($"a {shaperKind} shaper needs a format with a 1D shaper: write .cube, .clf or .csp", outPath);
            }
            var processor = new CpuProcessor(lookArgs.Chain(parse).ToOps());
            var (shaperLut, shaperInverse) = shaperKind switch
            {
                "log" => (Lut1DOpData.FromFunction(ShaperSize, (_, x) => LogShape(x), 0, LogShaperMax), (Func<double, double>)LogUnshape),
                "pq" => (Lut1DOpData.FromFunction(ShaperSize, (_, x) => PqCurve.Instance.Encode(x), 0, 100), PqCurve.Instance.Decode),
                _ => ((Lut1DOpData?)null, (Func<double, double>)(u => u)),
            };
            var (cube, nonFinite) = BakeCube(processor, n, shaperInverse);
            if (nonFinite > 0)
            {
                Console.Error.WriteLine($"warning: the look gives NaN or infinity at {nonFinite} of {n * n * n} lattice points " +
                    "(extreme corners of the input range); stored as 0 (NaN) or ±65504");
            }
            var lut = new LutFile(shaperLut, cube, "LiveGrade bake");
            try
            {
                LutFormats.Write(lut, outPath);
            }
            catch (NotSupportedException e)
            {
                throw new InputException(e.Message, outPath);
            }
            Console.Error.WriteLine($"baked {n}^3{(shaperLut is null ? "" : $" with a {ShaperSize}-entry {shaperKind} shaper")} to {outPath}");
            return 0;
        }));
        return cmd;
    }

    private static double LogShape(double x) =>
        System.Math.Clamp((System.Math.Log2(System.Math.Max(x, LogShaperMin)) - System.Math.Log2(LogShaperMin))
            / (System.Math.Log2(LogShaperMax) - System.Math.Log2(LogShaperMin)), 0, 1);

    private static double LogUnshape(double u) =>
        LogShaperMin * System.Math.Pow(2, u * (System.Math.Log2(LogShaperMax) - System.Math.Log2(LogShaperMin)));

    /// <summary>
    /// Samples the look at the n^3 lattice (through the inverse shaper) with <see cref="LookBaker"/>, with a
    /// progress bar for large bakes when standard error is a terminal.
    /// </summary>
    private static (Lut3DOpData Cube, int NonFinite) BakeCube(CpuProcessor processor, int n, Func<double, double> unshape)
    {
        if (n >= 65 && !Console.IsErrorRedirected)
        {
            (Lut3DOpData, int) result = default;
            Spectre.Console.AnsiConsole.Progress().Start(ctx =>
            {
                var task = ctx.AddTask($"baking {n}^3", maxValue: n);
                result = LookBaker.BakeCube(processor, n, unshape, () => task.Increment(1));
            });
            return result;
        }
        return LookBaker.BakeCube(processor, n, unshape);
    }

    private static Command Info()
    {
        var file = new Argument<string>("FILE");
        var cmd = new Command("info", "Format, sizes, domain, title, and whether the LUT is 1D, 3D or both") { file };
        cmd.SetAction(parse => CommandRunner.Run(() =>
        {
            string path = parse.GetValue(file)!;
            var format = LutFormats.FromExtension(path);
            LutFile? lutOrNull;
            if (format is LutFormat.Clf or LutFormat.Ctf)
            {
                var list = ClfReader.Read(path);
                Console.Out.WriteLine($"file:   {path}");
                Console.Out.WriteLine($"format: {format} (version {list.Version ?? "not given"})");
                if (list.Id is not null)
                {
                    Console.Out.WriteLine($"id:     {list.Id}");
                }
                if (list.Name is not null)
                {
                    Console.Out.WriteLine($"name:   {list.Name}");
                }
                foreach (var node in list.Nodes)
                {
                    Console.Out.WriteLine($"node:   line {node.Line} <{node.Element}> {ClfBitDepths.ToText(node.InBitDepth)} -> " +
                        $"{ClfBitDepths.ToText(node.OutBitDepth)}: {string.Join("; ", node.Ops)}");
                }
                lutOrNull = list.ToLutFile();
                if (lutOrNull is null)
                {
                    Console.Out.WriteLine("kind:   look (more than a LUT)");
                    return 0;
                }
            }
            else
            {
                lutOrNull = LutFormats.Read(path);
                Console.Out.WriteLine($"file:   {path}");
                Console.Out.WriteLine($"format: {format}");
            }
            var lut = lutOrNull;
            Console.Out.WriteLine($"kind:   {(lut.HasShaper ? "1D shaper + 3D" : lut.Lut3D is not null ? "3D" : "1D")}");
            if (lut.Title is not null)
            {
                Console.Out.WriteLine($"title:  {lut.Title}");
            }
            if (lut.Lut1D is { } l1)
            {
                Console.Out.WriteLine($"1D:     {l1.Size} entries, domain [{Join(l1.DomainMin)}] .. [{Join(l1.DomainMax)}]");
            }
            if (lut.Lut3D is { } l3)
            {
                Console.Out.WriteLine($"3D:     {l3.Size}^3, domain [{Join(l3.DomainMin)}] .. [{Join(l3.DomainMax)}]");
            }
            var (min, max) = lut.OutputRange();
            Console.Out.WriteLine($"output: {min:G6} .. {max:G6}");
            return 0;
        }));
        return cmd;
    }

    private static Command Convert()
    {
        var input = new Argument<string>("IN");
        var output = new Argument<string>("OUT") { Description = "the format follows the extension" };
        var size = new Option<int?>("--size") { Description = "resample the 3D LUT to this edge length (2..129)" };
        var cmd = new Command("convert", "Convert a LUT to another format, optionally resampling its 3D part") { input, output, size };
        cmd.SetAction(parse => CommandRunner.Run(() =>
        {
            string inPath = parse.GetValue(input)!, outPath = parse.GetValue(output)!;
            if (LutFormats.FromExtension(outPath) is not { } format || !LutFormats.CanWrite(format))
            {
                throw new InputException($"cannot write this LUT format ({WritableFormats})", outPath);
            }
            int? n = parse.GetValue(size);
            if (n is < 2 or > Lut3DOpData.MaxSize)
            {
                throw new InputException($"--size must be 2..{Lut3DOpData.MaxSize}, got {n}");
            }
            LutFile lut;
            if (LutFormats.FromExtension(inPath) is LutFormat.Clf or LutFormat.Ctf)
            {
                // A process list that is only a LUT converts as one; any other look needs --size to be sampled.
                var list = ClfReader.Read(inPath);
                lut = list.ToLutFile() is { } only && n is null ? only
                    : n is { } edge ? Resample(list.ToOps(), edge, list.Title)
                    : throw new InputException("this process list holds more than a LUT: give --size N to sample it into a 3D LUT over 0..1", inPath);
            }
            else
            {
                lut = LutFormats.Read(inPath);
                if (n is { } edge)
                {
                    lut = Resample(lut.ToOps(), edge, lut.Title);
                }
            }
            try
            {
                LutFormats.Write(lut, outPath);
            }
            catch (NotSupportedException e)
            {
                throw new InputException(e.Message, outPath);
            }
            return 0;
        }));
        return cmd;
    }

    /// <summary>Evaluates a whole LUT (shaper and cube) or look on a new n^3 lattice over [0, 1].</summary>
    private static LutFile Resample(OpList ops, int n, string? title)
    {
        var processor = new CpuProcessor(ops);
        var rgba = new float[n * n * n * 4];
        for (int b = 0, i = 0; b < n; b++)
        {
            for (int g = 0; g < n; g++)
            {
                for (int r = 0; r < n; r++, i += 4)
                {
                    rgba[i] = (float)r / (n - 1);
                    rgba[i + 1] = (float)g / (n - 1);
                    rgba[i + 2] = (float)b / (n - 1);
                    rgba[i + 3] = 1f;
                }
            }
        }
        processor.Apply(rgba);
        var table = new float[n * n * n * 3];
        for (int p = 0; p < n * n * n; p++)
        {
            for (int c = 0; c < 3; c++)
            {
                // As in a bake: NaN is stored as 0 and infinities as ±65504 (LUT files hold finite numbers).
                float v = rgba[p * 4 + c];
                table[p * 3 + c] = float.IsFinite(v) ? v : float.IsNaN(v) ? 0f : float.IsPositive(v) ? 65504f : -65504f;
            }
        }
        return new LutFile(null, new Lut3DOpData(n, table), title);
    }

    private static string Join(IReadOnlyList<double> v) => string.Join(" ", v.Select(x => x.ToString("G6", System.Globalization.CultureInfo.InvariantCulture)));
}
