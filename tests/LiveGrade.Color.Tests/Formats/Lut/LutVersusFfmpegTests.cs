using System.Runtime.InteropServices;
using LiveGrade.Color.Formats.Lut;
using LiveGrade.Color.Ops.Lut3D;
using LiveGrade.Color.Processing;
using LiveGrade.Color.Tests.Reference;
using Xunit.Abstractions;

namespace LiveGrade.Color.Tests.Formats.Lut;

/// <summary>
/// LUTs LiveGrade writes, applied by ffmpeg's lut3d filter (interp=tetrahedral) to a float frame
/// (rawvideo gbrpf32le through a temp file, so no conversion touches the values), give the same pixels as
/// LiveGrade's tetrahedral apply of the same file.
///
/// Tolerance: <see cref="LutPixels.VersusOcio"/>, 1e-5 of the LUT's output range. ffmpeg computes the index
/// as x * (N-1) / (max - min) and blends the same four corners with the same weights as OCIO and LiveGrade
/// (vf_lut3d.c interp_tetrahedral, or its AVX2 version with fused multiply-adds): the results differ by a few
/// float ulps of the output, far below 1e-6 of the range; a wrong axis order, tetrahedron or scale shows up
/// at 1e-3 or more.
///
/// What ffmpeg 5.1 reads differently, by design of its parsers, is checked as such: it ignores
/// DOMAIN_MIN (the index is x / (max - min), not (x - min) / (max - min)), so only cubes with a minimum of 0
/// match; and it reads .3dl only as a 17-point lattice of integers divided by 4096, where Autodesk's 12-bit
/// full scale is 4095, so its outputs are LiveGrade's times 4095/4096.
/// </summary>
public class LutVersusFfmpegTests(OcioBakeLut scratch, ITestOutputHelper output) : IClassFixture<OcioBakeLut>
{
    private const int Width = 256, Height = 128;

    private static (double, double, double) Look(double r, double g, double b)
    {
        double y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
        double s(double v) => System.Math.Pow(System.Math.Max(y + 1.3 * (v - y), 0), 0.8) * 1.05 - 0.02;
        return (System.Math.Clamp(s(r) + 0.03 * b, 0, 1), System.Math.Clamp(s(g), 0, 1), System.Math.Clamp(s(b) - 0.02 * r, 0, 1));
    }

    public static TheoryData<string> Cases() => ["cube33", "cube65", "cube17_domain_0_to_2", "cube33_titled", "3dl17_flame12"];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Ffmpeg_lut3d_gives_the_same_pixels(string name)
    {
        var (lut, extension, ffmpegScale) = name switch
        {
            "cube33" => (new LutFile(null, Lut3DOpData.FromFunction(33, Look)), ".cube", 1.0),
            "cube65" => (new LutFile(null, Lut3DOpData.FromFunction(65, Look)), ".cube", 1.0),
            "cube17_domain_0_to_2" => (new LutFile(null, Lut3DOpData.FromFunction(17, Look, 0, 2)), ".cube", 1.0),
            "cube33_titled" => (new LutFile(null, Lut3DOpData.FromFunction(33, Look), "LiveGrade look"), ".cube", 1.0),
            _ => (new LutFile(null, Lut3DOpData.FromFunction(17, Look)), ".3dl", 4095.0 / 4096.0),
        };
        var path = Path.Combine(scratch.Directory, name + extension);
        LutFormats.Write(lut, path);
        var back = LutFormats.Read(path);
        var (min, max) = (back.Lut3D!.DomainMin, back.Lut3D.DomainMax);

        // A quarter ramps (smooth gradients through every cell), the rest uniform random in and around the domain.
        var rgba = Frame(min[0], max[0]);
        var expected = (float[])rgba.Clone();
        new CpuProcessor(back.ToOps(Lut3DInterpolation.Tetrahedral)).Apply(expected);
        var actual = Ffmpeg(rgba, path);
        for (int i = 0; i < expected.Length; i++)
        {
            if (i % 4 != 3)
            {
                expected[i] = (float)(expected[i] * ffmpegScale);
            }
        }
        var (error, at) = LutPixels.MaxErrorOfRange(actual, expected, back.OutputRange());
        output.WriteLine($"{name}{extension}: ffmpeg lut3d vs LiveGrade max error {error:E2} of range");
        Assert.True(error <= LutPixels.VersusOcio, $"{name}: {error:E3} of range at pixel {at / 4} channel {at % 4}: " +
            $"in {rgba[at / 4 * 4]:G9} {rgba[at / 4 * 4 + 1]:G9} {rgba[at / 4 * 4 + 2]:G9}, ffmpeg {actual[at]:G9} LiveGrade {expected[at]:G9}");
    }

    private static float[] Frame(double min, double max)
    {
        var rng = new Random(42);
        var rgba = new float[Width * Height * 4];
        for (int p = 0; p < Width * Height; p++)
        {
            int x = p % Width, y = p / Width;
            for (int c = 0; c < 3; c++)
            {
                double u = y < Height / 4
                    ? (c == 0 ? x / (Width - 1.0) : c == 1 ? y / (Height / 4 - 1.0) : (x + y) % Width / (Width - 1.0))
                    : -0.1 + 1.2 * rng.NextDouble();
                rgba[p * 4 + c] = (float)(min + (max - min) * u);
            }
            rgba[p * 4 + 3] = 1f;
        }
        return rgba;
    }

    /// <summary>Runs ffmpeg's lut3d on the frame as gbrpf32le (planes G, B, R) and returns RGBA with alpha 1.</summary>
    private float[] Ffmpeg(float[] rgba, string lutPath)
    {
        int n = Width * Height;
        var planes = new float[3 * n];
        for (int p = 0; p < n; p++)
        {
            planes[p] = rgba[p * 4 + 1];          // G
            planes[n + p] = rgba[p * 4 + 2];      // B
            planes[2 * n + p] = rgba[p * 4];      // R
        }
        string inPath = Path.Combine(scratch.Directory, Guid.NewGuid().ToString("N") + ".in.raw");
        string outPath = Path.Combine(scratch.Directory, Guid.NewGuid().ToString("N") + ".out.raw");
        File.WriteAllBytes(inPath, MemoryMarshal.AsBytes(planes.AsSpan()).ToArray());
        // lut3d's file option is parsed by the filter-graph syntax: quote the path.
        OcioBakeLut.Run("ffmpeg", ["-hide_banner", "-loglevel", "error", "-nostdin", "-f", "rawvideo", "-pix_fmt", "gbrpf32le",
            "-s", $"{Width}x{Height}", "-i", inPath, "-vf", $"lut3d=file='{lutPath}':interp=tetrahedral",
            "-f", "rawvideo", "-pix_fmt", "gbrpf32le", "-y", outPath]);
        var result = MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(outPath)).ToArray();
        Assert.Equal(3 * n, result.Length);
        var back = new float[4 * n];
        for (int p = 0; p < n; p++)
        {
            back[p * 4] = result[2 * n + p];
            back[p * 4 + 1] = result[p];
            back[p * 4 + 2] = result[n + p];
            back[p * 4 + 3] = 1f;
        }
        output.WriteLine($"ffmpeg lut3d ran on {Width}x{Height} gbrpf32le");
        return back;
    }
}
