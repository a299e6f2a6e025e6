using System.CommandLine;
using System.Diagnostics;
using LiveGrade.Color.Looks;
using LiveGrade.Color.Ops;
using LiveGrade.Color.Ops.Lut3D;
using LiveGrade.Gpu.Context;
using LiveGrade.Gpu.Processing;
using LiveGrade.Color.Ops.Cdl;
using LiveGrade.Color.Processing;
using LiveGrade.Core.Diagnostics;
using LiveGrade.Interop.Oiio;

namespace LiveGrade.App.Commands;

/// <summary>
/// `livegrade apply [--convert SRC:DST] [--cdl "10 numbers"] [--look FILE]... [--cccid ID] IN OUT`:
/// applies the steps, in the order given on the command line, to an image file.
/// </summary>
public static class ApplyCommand
{
    private static readonly string[] StepOptions = ["--convert", "--cdl", "--look"];

    public static Command Create(string[] rawArgs)
    {
        var input = new Argument<string>("IN") { Description = "input image (EXR, TIFF, DPX, PNG, ...)" };
        var output = new Argument<string>("OUT") { Description = "output image; the format follows the extension" };
        var convert = new Option<string[]>("--convert") { Description = "convert SRC:DST between named colour spaces (see `livegrade spaces`)", AllowMultipleArgumentsPerToken = false };
        var cdl = new Option<string[]>("--cdl") { Description = "ASC CDL as \"sR sG sB oR oG oB pR pG pB sat\"" };
        var look = new Option<string[]>("--look") { Description = "a look file: .cdl, .cc, .ccc, .cube, .3dl, .spi1d, .spi3d, .csp" };
        var interp = new Option<string>("--interp")
        {
            Description = "3D LUT interpolation: tetrahedral (default) or trilinear",
            DefaultValueFactory = _ => "tetrahedral",
        };
        interp.AcceptOnlyFromAmong("tetrahedral", "trilinear");
        var cccid = new Option<string?>("--cccid") { Description = "which correction of a .ccc/.cdl to use (id or index)" };
        var style = new Option<string>("--cdl-style")
        {
            Description = "CDL clamping: noclamp (OpenColorIO's default for CDL files) or asc (ASC v1.2, clamps to 0..1)",
            DefaultValueFactory = _ => "noclamp",
        };
        style.AcceptOnlyFromAmong("noclamp", "asc");
        var depth = new Option<string?>("--depth") { Description = "output sample format: uint8, uint10, uint16, half, float (default: by extension)" };
        depth.AcceptOnlyFromAmong("uint8", "uint10", "uint16", "half", "float");
        var verbose = new Option<bool>("--verbose") { Description = "print the ops applied and the time taken" };
        var gpu = new Option<bool>("--gpu") { Description = "run the look on the GPU (headless OpenGL 4.5 through EGL)" };

        var cmd = new Command("apply", "Apply colour conversions, CDLs and looks, in the order given, to an image file")
        {
            input, output, convert, cdl, look, cccid, style, interp, depth, verbose, gpu,
        };
        cmd.SetAction(parse => CommandRunner.Run(() =>
        {
            var cdlStyle = parse.GetValue(style) == "asc" ? CdlStyle.AscV12 : CdlStyle.NoClamp;
            var interpolation = parse.GetValue(interp) == "trilinear" ? Lut3DInterpolation.Trilinear : Lut3DInterpolation.Tetrahedral;
            var chain = new LookChain(OrderedSteps(rawArgs, parse.GetValue(cccid), cdlStyle, interpolation));
            string inPath = parse.GetValue(input)!, outPath = parse.GetValue(output)!;
            var format = parse.GetValue(depth) is { } d ? ParseDepth(d) : ImageFile.DefaultFormatFor(outPath);

            var image = ImageFile.Read(inPath);
            var ops = chain.ToOps();
            var sw = Stopwatch.StartNew();
            string where;
            if (parse.GetValue(gpu))
            {
                where = GpuApply(ops, image);
            }
            else
            {
                new CpuProcessor(ops).ApplyParallel(image.Pixels);
                where = "CPU";
            }
            sw.Stop();
            ImageFile.Write(outPath, image, format);
            if (parse.GetValue(verbose))
            {
                var optimized = OpListOptimizer.Optimize(ops);
                Console.Error.WriteLine($"ops: {(optimized.Count == 0 ? "(identity)" : optimized.ToString())}");
                Console.Error.WriteLine($"{image.Width}x{image.Height} on {where}: {sw.Elapsed.TotalMilliseconds:F1} ms");
            }
            return 0;
        }));
        return cmd;
    }

    /// <summary>
    /// The steps in command-line order. System.CommandLine groups values per option, which loses the
    /// interleaving of --convert, --cdl and --look, so the order is read from the raw arguments.
    /// </summary>
    private static IEnumerable<LookStep> OrderedSteps(string[] args, string? cccId, CdlStyle cdlStyle, Lut3DInterpolation interpolation)
    {
        var steps = new List<LookStep>();
        for (int i = 0; i < args.Length; i++)
        {
            string a = args[i];
            string? name = StepOptions.FirstOrDefault(o => a == o || a.StartsWith(o + "=", StringComparison.Ordinal));
            if (name is null)
            {
                continue;
            }
            string? value = a.Length > name.Length ? a[(name.Length + 1)..] : (i + 1 < args.Length ? args[++i] : null);
            if (value is null)
            {
                throw new InputException($"{name} needs a value");
            }
            steps.Add(name switch
            {
                "--convert" => ConvertStep.Parse(value),
                "--cdl" => CdlStep.Parse(value, cdlStyle),
                _ => new LookFileStep(value, cccId, cdlStyle, interpolation),
            });
        }
        return steps;
    }

    private static string GpuApply(OpList ops, RgbaImage image)
    {
        HeadlessGlContext context;
        try
        {
            context = HeadlessGlContext.Create();
        }
        catch (GpuUnavailableException e)
        {
            throw new InputException($"--gpu: no GPU context: {e.Message}");
        }
        using (context)
        {
            GpuLookProcessor processor;
            try
            {
                processor = new GpuLookProcessor(context, ops);
            }
            catch (NotSupportedException e)
            {
                throw new InputException($"--gpu: {e.Message}");
            }
            using (processor)
            {
                processor.Apply(image.Pixels, image.Width, image.Height);
            }
            return $"GPU ({context.Renderer})";
        }
    }

    private static ImageSampleFormat ParseDepth(string d) => d switch
    {
        "uint8" => ImageSampleFormat.UInt8,
        "uint10" => ImageSampleFormat.UInt10,
        "uint16" => ImageSampleFormat.UInt16,
        "half" => ImageSampleFormat.Half,
        _ => ImageSampleFormat.Float,
    };
}
