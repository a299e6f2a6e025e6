using BenchmarkDotNet.Attributes;
using LiveGrade.Color.Ops;
using LiveGrade.Color.Ops.Cdl;
using LiveGrade.Color.Ops.Lut3D;
using LiveGrade.Color.Processing;
using LiveGrade.Color.Processing.Simd;

namespace LiveGrade.Benchmarks;

/// <summary>
/// The fused CPU kernel per instruction set (scalar renderers, Vector128, Vector256, Vector512), on
/// 1920x1080 and 3840x2160 RGBA float frames, with 33^3 and 65^3 tetrahedral LUTs: the CDL alone, the LUT
/// alone, and CDL + LUT fused into one pass. Single thread, so the figures are per core; each call starts
/// from a fresh copy of the source (see LutBenchmarks for why), whose cost CopyOnly gives.
/// Run short: dotnet run -c Release --project benchmarks/LiveGrade.Benchmarks -- --filter '*SimdBenchmarks*' --job short
/// An instruction set this CPU lacks is skipped (its rows read NA).
/// </summary>
[MemoryDiagnoser]
public class SimdBenchmarks
{
    private float[] _source = [];
    private float[] _frame = [];
    private CpuProcessor _cdl = null!;
    private CpuProcessor _lut = null!;
    private CpuProcessor _cdlLut = null!;

    [Params(SimdIsa.Scalar, SimdIsa.V128, SimdIsa.V256, SimdIsa.V512)]
    public SimdIsa Isa { get; set; }

    [Params("1920x1080", "3840x2160")]
    public string Size { get; set; } = "1920x1080";

    [Params(33, 65)]
    public int Cube { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        if (!SimdIsaSupport.IsSupported(Isa))
        {
            throw new NotSupportedException($"{Isa} is not available on this CPU");
        }
        var parts = Size.Split('x');
        int pixels = int.Parse(parts[0]) * int.Parse(parts[1]);
        var rng = new Random(1);
        _source = new float[pixels * 4];
        for (int i = 0; i < _source.Length; i++)
        {
            _source[i] = (i & 3) == 3 ? 1f : (float)rng.NextDouble();
        }
        _frame = new float[_source.Length];
        // The same grade as benchmarks/make-cube.py and LutBenchmarks.
        var lut = Lut3DOpData.FromFunction(Cube, (r, g, b) =>
            (Math.Pow(0.8 * r + 0.15 * g + 0.05 * b, 0.8), 0.5 + 0.5 * Math.Sin(2.5 * g - 0.3 * b), b * b * 0.9 + 0.05 * r));
        var cdl = new CdlOpData([1.1, 0.95, 1.02], [0.01, -0.02, 0.0], [1.1, 1.0, 0.9], 0.9, CdlStyle.NoClamp);
        _cdl = new CpuProcessor(new OpList().Add(cdl), isa: Isa);
        _lut = new CpuProcessor(new OpList().Add(lut), isa: Isa);
        _cdlLut = new CpuProcessor(new OpList().Add(cdl).Add(lut), isa: Isa);
    }

    [Benchmark]
    public void CopyOnly() => _source.CopyTo(_frame, 0);

    [Benchmark]
    public void Cdl()
    {
        _source.CopyTo(_frame, 0);
        _cdl.Apply(_frame);
    }

    [Benchmark]
    public void Lut3DTetrahedral()
    {
        _source.CopyTo(_frame, 0);
        _lut.Apply(_frame);
    }

    [Benchmark]
    public void CdlLutFused()
    {
        _source.CopyTo(_frame, 0);
        _cdlLut.Apply(_frame);
    }
}
