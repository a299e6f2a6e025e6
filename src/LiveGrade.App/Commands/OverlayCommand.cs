using System.CommandLine;
using System.Globalization;
using LiveGrade.Color.Overlays.Clipping;
using LiveGrade.Color.Overlays.Compare;
using LiveGrade.Color.Overlays.FalseColor;
using LiveGrade.Color.Overlays.FrameLines;
using LiveGrade.Color.Overlays.Zebra;
using LiveGrade.Color.Scopes;
using LiveGrade.Color.Scopes.Rendering;
using LiveGrade.Color.Spaces;
using LiveGrade.Core.Diagnostics;
using LiveGrade.Gpu.Overlays;
using LiveGrade.Interop.Oiio;

namespace LiveGrade.App.Commands;

/// <summary>
/// `livegrade overlay IMAGE [--false-color] [--zebra N].. [--clip] [--frame-lines 2.39] [--compare B ..] -o OUT.png`:
/// the monitoring overlays on a still, in the order a monitor path applies them: compare, false colour,
/// zebras, clipping, frame lines.
/// </summary>
public static class OverlayCommand
{
    public static Command Create(string[] rawArgs)
    {
        var input = new Argument<string>("IMAGE") { Description = "image file (EXR, TIFF, DPX, PNG, ...)" };
        var output = new Option<string>("-o", "--output") { Description = "output picture; the format follows the extension", Required = true };
        var falseColor = new Option<bool>("--false-color") { Description = "false colour: the default video ramp in IRE (RED's video bands)" };
        var stops = new Option<string?>("--stops") { Description = "false colour in stops around 18% grey, through this camera space's curve (e.g. logc3)" };
        var band = new Option<string[]>("--band") { Description = "a false-colour band LO:HI:COLOUR (IRE, or stops with --stops), repeatable; replaces the ramp" };
        var zebra = new Option<string[]>("--zebra") { Description = "zebra at N IRE and above, or a band LO-HI; give twice for two levels" };
        var clip = new Option<bool>("--clip") { Description = "mark channels at or above 100% (red) and at or below 0% (blue)" };
        var clipHigh = new Option<double>("--clip-high") { Description = "clip level in IRE", DefaultValueFactory = _ => 100 };
        var clipLow = new Option<double>("--clip-low") { Description = "black level in IRE", DefaultValueFactory = _ => 0 };
        var frameLines = new Option<string?>("--frame-lines") { Description = "frame lines for an aspect ratio: 2.39, 1.85, 16:9, 4:3 ..." };
        var shade = new Option<float>("--shade") { Description = "darkening outside the frame lines, 0..1", DefaultValueFactory = _ => 0.6f };
        var safe = new Option<bool>("--safe") { Description = "action safe (93%) and title safe (90%) rectangles" };
        var cross = new Option<bool>("--cross") { Description = "centre cross" };
        var compare = new Option<string?>("--compare") { Description = "second picture B (same size) to compare with" };
        var split = new Option<double?>("--split") { Description = "compare: vertical split at this fraction of the width (A left)" };
        var wipe = new Option<string?>("--wipe") { Description = "compare: wipe ANGLE[@X,Y] (degrees of the divider's normal from +x, centre as fractions)" };
        var sideBySide = new Option<bool>("--side-by-side") { Description = "compare: both pictures at half size, A left" };
        var matrix = new Option<string>("--matrix") { Description = "luma weights: 709 or 2020", DefaultValueFactory = _ => "709" };
        var source = new ScopeSource(rawArgs);

        var cmd = new Command("overlay", "Draw false colour, zebras, clipping, frame lines or a comparison onto an image")
        {
            input, output, falseColor, stops, band, zebra, clip, clipHigh, clipLow, frameLines, shade, safe, cross,
            compare, split, wipe, sideBySide, matrix,
        };
        source.AddTo(cmd);
        cmd.SetAction(parse => CommandRunner.Run(() =>
        {
            var m = YCbCrMatrix.Parse(parse.GetValue(matrix)!) ?? throw new InputException("--matrix must be 709 or 2020");
            string? stopsSpace = parse.GetValue(stops);
            string[] bands = parse.GetValue(band) ?? [];
            FalseColorParams? fc = null;
            if (parse.GetValue(falseColor) || stopsSpace is not null || bands.Length > 0)
            {
                var unit = stopsSpace is null ? FalseColorUnit.Ire : FalseColorUnit.Stops;
                var space = stopsSpace is null ? null : ColorSpaceRegistry.Get(stopsSpace);
                if (space is { IsDisplay: true })
                {
                    throw new InputException($"--stops needs a camera or working space, not the display '{space.Name}'");
                }
                var list = bands.Length > 0 ? bands.Select(ParseBand).ToList()
                    : unit == FalseColorUnit.Ire ? FalseColorParams.DefaultIreBands : FalseColorParams.DefaultStopsBands;
                fc = new FalseColorParams(unit, list, m, space);
            }
            string[] zebras = parse.GetValue(zebra) ?? [];
            if (zebras.Length > 2)
            {
                throw new InputException("--zebra: at most two levels");
            }
            ZebraParams? zp = zebras.Length == 0 ? null
                : new ZebraParams(ZebraLevel.Parse(zebras[0]), zebras.Length > 1 ? ZebraLevel.Parse(zebras[1]) : null, m);
            ClipParams? cp = parse.GetValue(clip) ? new ClipParams { HighIre = parse.GetValue(clipHigh), LowIre = parse.GetValue(clipLow) } : null;
            float s = parse.GetValue(shade);
            if (!(s is >= 0 and <= 1))
            {
                throw new InputException("--shade must be 0..1");
            }
            double? aspect = parse.GetValue(frameLines) is { } a ? ParseAspect(a) : null;
            bool guides = aspect is not null || parse.GetValue(safe) || parse.GetValue(cross);
            CompareParams? cmp = CompareFrom(parse.GetValue(compare), parse.GetValue(split), parse.GetValue(wipe), parse.GetValue(sideBySide));
            if (fc is null && zp is null && cp is null && !guides && cmp is null)
            {
                throw new InputException("no overlay asked for: give --false-color, --zebra, --clip, --frame-lines, --safe, --cross or --compare");
            }

            string path = parse.GetValue(input)!;
            var (image, _) = source.Load(parse, path);
            int w = image.Width, h = image.Height;
            // Safe areas and the cross without frame lines: of the whole picture, with no line and no shade.
            FrameLineParams? fl = !guides ? null : new FrameLineParams(aspect ?? (double)w / h)
            {
                Shade = aspect is null ? 0 : s,
                LineWidth = aspect is null ? 0 : 2,
                ActionSafe = parse.GetValue(safe),
                TitleSafe = parse.GetValue(safe),
                CentreCross = parse.GetValue(cross),
            };
            float[] px = image.Pixels;
            using var context = source.Gpu(parse) ? ScopeSource.CreateContext() : null;
            using var gpu = context is null ? null : new GpuOverlays(context);

            if (cmp is not null)
            {
                var (other, _) = source.Load(parse, parse.GetValue(compare)!);
                if (other.Width != w || other.Height != h)
                {
                    throw new InputException($"--compare: B is {other.Width}x{other.Height}, A is {w}x{h}; they must be the same size", parse.GetValue(compare));
                }
                var result = new float[px.Length];
                if (gpu is null)
                {
                    new CompareCpuRenderer(cmp).Apply(px, other.Pixels, result, w, h);
                }
                else
                {
                    gpu.Compare(px, other.Pixels, result, w, h, cmp);
                }
                px = result;
            }
            if (fc is not null)
            {
                if (gpu is null)
                {
                    new FalseColorCpuRenderer(fc).Apply(px);
                }
                else
                {
                    gpu.FalseColor(px, w, h, fc);
                }
            }
            if (zp is not null)
            {
                if (gpu is null)
                {
                    new ZebraCpuRenderer(zp).Apply(px, w, h);
                }
                else
                {
                    gpu.Zebra(px, w, h, zp);
                }
            }
            if (cp is not null)
            {
                if (gpu is null)
                {
                    new ClipCpuRenderer(cp).Apply(px);
                }
                else
                {
                    gpu.Clip(px, w, h, cp);
                }
            }
            if (fl is not null)
            {
                if (gpu is null)
                {
                    new FrameLineCpuRenderer(fl).Apply(px, w, h);
                }
                else
                {
                    gpu.FrameLines(px, w, h, fl);
                }
            }
            string outPath = parse.GetValue(output)!;
            ImageFile.Write(outPath, new RgbaImage(w, h, px), ImageFile.DefaultFormatFor(outPath), withAlpha: false);
            return 0;
        }));
        return cmd;
    }

    /// <summary>"2.39", "2.39:1", "16:9", "1.85".</summary>
    public static double ParseAspect(string text)
    {
        var parts = text.Split(':');
        static double Num(string s, string whole) =>
            double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v) && v > 0
                ? v : throw new InputException($"--frame-lines: '{whole}' is not an aspect ratio (2.39, 1.85, 16:9, 4:3)");
        double aspect = parts.Length switch
        {
            1 => Num(parts[0], text),
            2 => Num(parts[0], text) / Num(parts[1], text),
            _ => throw new InputException($"--frame-lines: '{text}' is not an aspect ratio (2.39, 1.85, 16:9, 4:3)"),
        };
        return aspect is >= 0.1 and <= 10 ? aspect : throw new InputException($"--frame-lines: aspect {aspect:G4} is outside 0.1..10");
    }

    /// <summary>"LO:HI:COLOUR" with LO or HI possibly empty for open ends, COLOUR a name or #rrggbb.</summary>
    public static FalseColorBand ParseBand(string text)
    {
        var parts = text.Split(':');
        if (parts.Length != 3)
        {
            throw new InputException($"--band: '{text}' is not LO:HI:COLOUR");
        }
        double Bound(string s, double open) => s.Trim().Length == 0 ? open
            : double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v)
                ? v : throw new InputException($"--band: '{s}' in '{text}' is not a number");
        double lo = Bound(parts[0], double.NegativeInfinity), hi = Bound(parts[1], double.PositiveInfinity);
        if (!(lo < hi))
        {
            throw new InputException($"--band: '{text}' needs LO below HI");
        }
        var colour = Rgb.Parse(parts[2]) ?? throw new InputException($"--band: '{parts[2]}' is not a colour (a name or #rrggbb)");
        return new FalseColorBand(lo, hi, colour, parts[2].Trim());
    }

    private static CompareParams? CompareFrom(string? other, double? split, string? wipe, bool sideBySide)
    {
        int modes = (split is null ? 0 : 1) + (wipe is null ? 0 : 1) + (sideBySide ? 1 : 0);
        if (other is null)
        {
            return modes == 0 ? null : throw new InputException("--split, --wipe and --side-by-side need --compare B");
        }
        if (modes > 1)
        {
            throw new InputException("give one of --split, --wipe, --side-by-side");
        }
        if (sideBySide)
        {
            return new CompareParams(CompareMode.SideBySide);
        }
        if (wipe is not null)
        {
            // ANGLE or ANGLE@X,Y
            var at = wipe.Split('@');
            double angle = double.TryParse(at[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double a) && double.IsFinite(a)
                ? a : throw new InputException($"--wipe: '{wipe}' is not ANGLE[@X,Y]");
            double x = 0.5, y = 0.5;
            if (at.Length == 2)
            {
                var xy = at[1].Split(',');
                if (xy.Length != 2 || !double.TryParse(xy[0], NumberStyles.Float, CultureInfo.InvariantCulture, out x)
                    || !double.TryParse(xy[1], NumberStyles.Float, CultureInfo.InvariantCulture, out y) || x is < 0 or > 1 || y is < 0 or > 1)
                {
                    throw new InputException($"--wipe: '{wipe}' is not ANGLE@X,Y with X and Y in 0..1");
                }
            }
            return new CompareParams(CompareMode.Wipe) { AngleDegrees = angle, PositionX = x, PositionY = y };
        }
        double p = split ?? 0.5;
        return p is >= 0 and <= 1 ? new CompareParams(CompareMode.Split) { PositionX = p } : throw new InputException("--split must be 0..1");
    }
}
