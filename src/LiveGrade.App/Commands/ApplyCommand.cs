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
    public static Command Create(string[] rawArgs)
    {
        var input = new Argument<string>("IN") { Description = "input image (EXR, TIFF, DPX, PNG, ...)" };
        var output = new Argument<string>("OUT") { Description = "output image; the format follows the extension" };
        var lookArgs = new LookArguments(rawArgs);
        var depth = new Option<string?>("--depth") { Description = "output sample format: uint8, uint10, uint16, half, float (default: by extension)" };
        depth.AcceptOnlyFromAmong("uint8", "uint10", "uint16", "half", "float");
        var verbose = new Option<bool>("--verbose") { Description = "print the ops applied and the time taken" };
        var gpu = new Option<bool>("--gpu") { Description = "run the look on the GPU (headless OpenGL 4.5 through EGL)" };

        var cmd = new Command("apply", "Apply colour conversions, CDLs and looks, in the order given, to an image file")
        {
            input, output, depth, verbose, gpu,
        };
        lookArgs.AddTo(cmd);
        cmd.SetAction(parse => CommandRunner.Run(() =>
        {
            var chain = lookArgs.Chain(parse);
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
