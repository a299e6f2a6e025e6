using LiveGrade.Color.Formats.Lut.Clf;
using LiveGrade.Color.Ops.Lut1D;
using LiveGrade.Color.Ops.Lut3D;
using LiveGrade.Color.Processing;
using LiveGrade.Color.Tests.Reference;
using LiveGrade.Interop.Ocio;
using Xunit.Abstractions;

namespace LiveGrade.Color.Tests.Formats.Lut.Clf;

/// <summary>
/// Every inline CLF/CTF sample (<see cref="ClfSamples"/>: each op kind and style, bit depths, per-channel
/// parameters, half-domain LUTs) is written to a file, loaded by LiveGrade and by OpenColorIO 2.1 (a file
/// transform), and both apply it to the same 100,000 pixels.
/// Tolerance: <see cref="Tolerance.VersusOcio"/> (1e-5, absolute below 1 and relative above) for looks;
/// for LUT-only lists <see cref="LutPixels.VersusOcio"/> of the LUT's output range, as for the other formats.
/// </summary>
public class ClfVersusOcioTests(OcioBakeLut scratch, ITestOutputHelper output) : IClassFixture<OcioBakeLut>
{
    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var s in ClfSamples.All())
        {
            data.Add(s.Name);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Sample_matches_OCIO(string name)
    {
        var sample = ClfSamples.All().First(s => s.Name == name);
        var path = Path.Combine(scratch.Directory, name + sample.Extension);
        File.WriteAllText(path, sample.Text);
        var list = ClfReader.Read(path);
        Compare(path, list, name);
    }

    /// <summary>
    /// Applies the file with LiveGrade and with OCIO to the same pixels and checks the agreement. Inputs: a
    /// third in [-0.25, 1.25] (around the nominal range, where clamps act), a third in [0, 1], a third
    /// log-spaced in [1e-4, 64] (log and power curves).
    /// </summary>
    internal void Compare(string path, ClfProcessList list, string name)
    {
        var input = Pixels(RandomPixels.Count, name.Length * 7919 + 17);
        var actual = (float[])input.Clone();
        new CpuProcessor(list.ToOps(), optimize: false).Apply(actual);
        var reference = (float[])input.Clone();
        using (var ocio = OcioProcessor.FromFile(path, null, OcioInterpolation.Default))
        {
            ocio.Apply(reference, 4);
        }
        bool lutOnly = list.Nodes.All(n => n.Element is "LUT1D" or "LUT3D") && !list.Nodes.Any(n => n.Ops.Any(o => o is Lut1DOpData { HalfDomain: true }));
        double error;
        int at;
        if (lutOnly)
        {
            float min = float.PositiveInfinity, max = float.NegativeInfinity;
            foreach (var op in list.ToOps().Ops)
            {
                var (a, b) = op switch { Lut1DOpData l1 => l1.OutputRange(), Lut3DOpData l3 => l3.OutputRange(), _ => (0f, 1f) };
                (min, max) = (MathF.Min(min, a), MathF.Max(max, b));
            }
            (error, at) = LutPixels.MaxErrorOfRange(actual, reference, (min, max));
            output.WriteLine($"{name}: max error {error:E2} of the LUT range [{min}, {max}]");
            Assert.True(error <= LutPixels.VersusOcio, Message(name, input, actual, reference, error, at));
        }
        else
        {
            (error, at) = Tolerance.MaxError(actual, reference);
            output.WriteLine($"{name}: max error {error:E2}");
            Assert.True(error <= Tolerance.VersusOcio, Message(name, input, actual, reference, error, at));
        }
    }

    private static string Message(string name, float[] input, float[] actual, float[] reference, double error, int at) =>
        $"{name}: error {error:E3} at pixel {at / 4} channel {at % 4}: in ({input[at / 4 * 4]:G9}, {input[at / 4 * 4 + 1]:G9}, " +
        $"{input[at / 4 * 4 + 2]:G9}) LiveGrade {actual[at]:G9} OCIO {reference[at]:G9}";

    internal static float[] Pixels(int count, int seed)
    {
        var rng = new Random(seed);
        var data = new float[count * 4];
        for (int p = 0; p < count; p++)
        {
            for (int c = 0; c < 3; c++)
            {
                data[p * 4 + c] = (p % 3) switch
                {
                    0 => (float)(-0.25 + 1.5 * rng.NextDouble()),
                    1 => (float)rng.NextDouble(),
                    _ => (float)System.Math.Pow(10, -4 + 5.8 * rng.NextDouble()),
                };
            }
            data[p * 4 + 3] = 0.5f;
        }
        return data;
    }
}
