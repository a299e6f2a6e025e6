using System.CommandLine;
using LiveGrade.Color.Formats.Lut;
using LiveGrade.Color.Ops.Lut1D;
using LiveGrade.Color.Ops.Lut3D;
using LiveGrade.Color.Processing;
using LiveGrade.Core.Diagnostics;

namespace LiveGrade.App.Commands;

/// <summary>`livegrade lut info FILE` and `livegrade lut convert IN OUT [--size N]`.</summary>
public static class LutCommand
{
    public static Command Create()
    {
        var cmd = new Command("lut", "Inspect and convert LUT files (.cube, .3dl, .spi1d, .spi3d, .csp)");
        cmd.Add(Info());
        cmd.Add(Convert());
        return cmd;
    }

    private static Command Info()
    {
        var file = new Argument<string>("FILE");
        var cmd = new Command("info", "Format, sizes, domain, title, and whether the LUT is 1D, 3D or both") { file };
        cmd.SetAction(parse => CommandRunner.Run(() =>
        {
            string path = parse.GetValue(file)!;
            var lut = LutFormats.Read(path);
            var format = LutFormats.FromExtension(path);
            Console.Out.WriteLine($"file:   {path}");
            Console.Out.WriteLine($"format: {format}");
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
            var lut = LutFormats.Read(inPath);
            if (LutFormats.FromExtension(outPath) is not { } format || !LutFormats.CanWrite(format))
            {
                throw new InputException("cannot write this LUT format (write .cube, .3dl, .spi1d or .spi3d)", outPath);
            }
            if (parse.GetValue(size) is { } n)
            {
                if (n is < 2 or > Lut3DOpData.MaxSize)
                {
                    throw new InputException($"--size must be 2..{Lut3DOpData.MaxSize}, got {n}");
                }
                lut = Resample(lut, n);
            }
            LutFormats.Write(lut, outPath);
            return 0;
        }));
        return cmd;
    }

    /// <summary>Evaluates the whole LUT (shaper and cube) on a new n^3 lattice over [0, 1].</summary>
    private static LutFile Resample(LutFile lut, int n)
    {
        var processor = new CpuProcessor(lut.ToOps());
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
            table[p * 3] = rgba[p * 4];
            table[p * 3 + 1] = rgba[p * 4 + 1];
            table[p * 3 + 2] = rgba[p * 4 + 2];
        }
        return new LutFile(null, new Lut3DOpData(n, table), lut.Title);
    }

    private static string Join(IReadOnlyList<double> v) => string.Join(" ", v.Select(x => x.ToString("G6", System.Globalization.CultureInfo.InvariantCulture)));
}
