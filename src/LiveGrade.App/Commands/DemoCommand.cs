using System.CommandLine;
using LiveGrade.Color.Charts;
using LiveGrade.Color.Ops;
using LiveGrade.Color.Ops.Cdl;
using LiveGrade.Color.Ops.Ocio;
using LiveGrade.Color.Processing;
using LiveGrade.Color.Spaces;
using LiveGrade.Interop.Oiio;

namespace LiveGrade.App.Commands;

/// <summary>
/// `livegrade demo`: until the live engine exists, renders the built-in synthetic camera chart encoded in
/// ARRI LogC3 through a default look (LogC3 to ACEScct, a CDL graded in ACEScct, the ACES 1.0 SDR video
/// output transform through OpenColorIO, Rec.1886/Rec.709 display encoding) and writes the images.
/// </summary>
public static class DemoCommand
{
    /// <summary>
    /// The demo's CDL, graded in ACEScct where 0.01 of offset is about a sixth of a stop: a touch warm
    /// (+0.07 stop red, -0.1 stop blue), a little more contrast and saturation.
    /// </summary>
    public static CdlOpData DefaultCdl() => new([1.03, 1.03, 1.03], [-0.008, -0.012, -0.018], [1.0, 1.0, 1.0], 1.08, CdlStyle.NoClamp);

    public static Command Create()
    {
        var outDir = new Option<string>("--out") { Description = "folder for the images", DefaultValueFactory = _ => "demo-output" };
        var width = new Option<int>("--width") { DefaultValueFactory = _ => 1920 };
        var height = new Option<int>("--height") { DefaultValueFactory = _ => 1080 };
        var cmd = new Command("demo", "Grade the built-in synthetic LogC3 camera chart through a default look and write the images")
        {
            outDir, width, height,
        };
        cmd.SetAction(parse => CommandRunner.Run(() =>
        {
            int w = parse.GetValue(width), h = parse.GetValue(height);
            if (w is < 16 or > 8192 || h is < 16 or > 8192)
            {
                throw new LiveGrade.Core.Diagnostics.InputException("--width and --height must be 16..8192");
            }
            string dir = Path.GetFullPath(parse.GetValue(outDir)!);
            Directory.CreateDirectory(dir);

            var logc3 = ColorSpaceRegistry.Get("ARRI LogC3 (EI800)");
            var camera = SyntheticChart.RenderEncoded(w, h, logc3);
            Write(dir, "camera_logc3.exr", camera, w, h, ImageSampleFormat.Half);
            Write(dir, "camera_logc3_unviewed.png", camera, w, h, ImageSampleFormat.UInt8);

            var look = DefaultLook(logc3);
            var graded = (float[])camera.Clone();
            new CpuProcessor(look).ApplyParallel(graded);
            Write(dir, "graded_rec709.png", graded, w, h, ImageSampleFormat.UInt8);
            Write(dir, "graded_rec709.tif", graded, w, h, ImageSampleFormat.UInt16);

            Console.Out.WriteLine($"LiveGrade demo: synthetic {w}x{h} chart in {logc3.Name}, look: CDL in ACEScct + ACES 1.0 SDR video + Rec.1886");
            Console.Out.WriteLine($"wrote {dir}/camera_logc3.exr (camera signal), camera_logc3_unviewed.png (log as seen without a LUT),");
            Console.Out.WriteLine($"      graded_rec709.png and graded_rec709.tif (the graded picture for a Rec.709 monitor)");
            return 0;
        }));
        return cmd;
    }

    /// <summary>Camera log to a Rec.709 monitor: ACEScct grade, ACES output transform, display encoding.</summary>
    public static OpList DefaultLook(ColorSpace camera)
    {
        var acescct = ColorSpaceRegistry.Get("ACEScct");
        var aces = ColorSpaceRegistry.Get(ColorSpaceRegistry.Aces2065);
        var xyz = ColorSpaceRegistry.Get(ColorSpaceRegistry.CieXyzD65);
        var rec709 = ColorSpaceRegistry.Get("Rec.1886 Rec.709 - Display");
        return new OpList()
            .AddRange(ColorSpaceRegistry.Conversion(camera, acescct).Ops)
            .Add(DefaultCdl())
            .AddRange(ColorSpaceRegistry.Conversion(acescct, aces).Ops)
            .Add(OcioOpData.Builtin("ACES-OUTPUT - ACES2065-1_to_CIE-XYZ-D65 - SDR-VIDEO_1.0"))
            .AddRange(ColorSpaceRegistry.Conversion(xyz, rec709).Ops);
    }

    private static void Write(string dir, string name, float[] px, int w, int h, ImageSampleFormat format) =>
        ImageFile.Write(Path.Combine(dir, name), new RgbaImage(w, h, px), format, withAlpha: false);
}
