using BenchmarkDotNet.Attributes;
using LiveGrade.Color.Formats.Lut;
using LiveGrade.Color.Ops;
using LiveGrade.Color.Ops.Cdl;
using LiveGrade.Color.Ops.Lut3D;
using LiveGrade.Color.Processing;
using LiveGrade.Interop.Ocio;

namespace LiveGrade.Benchmarks;

/// <summary>
/// A 33^3 3D LUT (tetrahedral) and CDL+LUT fused into one processor, on one 1920x1080 RGBA float frame,
/// single-threaded, with OpenColorIO's CPU processor reading the same .cube as the baseline peer in the
/// same run. OCIO's CDL+LUT peer is its CDL processor then its LUT processor (two passes), since the shim
/// builds one processor per file or CDL.
/// </summary>
[MemoryDiagnoser]
public class LutBenchmarks
{
    private const int Pixels = 1920 * 1080;
    private const int CubeSize = 33;
    private float[] _source = [];
    private float[] _frame = [];
    private string _dir = "";
    private CpuProcessor _lut = null!;
    private CpuProcessor _cdlLut = null!;
    private OcioProcessor _ocioLut = null!;
    private OcioProcessor _ocioCdl = null!;

    [GlobalSetup]
    public void Setup()
    {
        // Uniform random pixels so lookups scatter over the cube as on real pictures.
        var rng = new Random(1);
        _source = new float[Pixels * 4];
        for (int i = 0; i < _source.Length; i++)
        {
            _source[i] = (i & 3) == 3 ? 1f : (float)rng.NextDouble();
        }
        _frame = new float[_source.Length];

        _dir = Path.Combine(Path.GetTempPath(), "livegrade-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dir);
        string cube = Path.Combine(_dir, "bench33.cube");
        // The same smooth, non-linear grade as benchmarks/make-cube.py, so results compare with the script's.
        var lut3D = Lut3DOpData.FromFunction(CubeSize, (r, g, b) =>
            (Math.Pow(0.8 * r + 0.15 * g + 0.05 * b, 0.8), 0.5 + 0.5 * Math.Sin(2.5 * g - 0.3 * b), b * b * 0.9 + 0.05 * r));
        LutFormats.Write(new LutFile(null, lut3D, "bench"), cube);

        var lutOps = LutFormats.Read(cube).ToOps(Lut3DInterpolation.Tetrahedral);
        double[] s = [1.1, 0.95, 1.02], o = [0.01, -0.02, 0.0], p = [1.1, 1.0, 0.9];
        _lut = new CpuProcessor(lutOps);
        _cdlLut = new CpuProcessor(new OpList().Add(new CdlOpData(s, o, p, 0.9, CdlStyle.NoClamp)).AddRange(lutOps.Ops));
        _ocioLut = OcioProcessor.FromFile(cube, null, OcioInterpolation.Tetrahedral);
        _ocioCdl = OcioProcessor.FromCdl(s, o, p, 0.9, OcioCdlStyle.NoClamp);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _ocioLut.Dispose();
        _ocioCdl.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>
    /// Every benchmark below starts from a fresh copy of the source (the processors work in place, and a
    /// LUT applied to its own output pulls pixels toward a few attractors, flattering cache hit rates);
    /// this is that copy's cost, to subtract.
    /// </summary>
    [Benchmark]
    public void CopyOnly() => _source.CopyTo(_frame, 0);

    [Benchmark(Baseline = true)]
    public void Lut3D_Ocio()
    {
        _source.CopyTo(_frame, 0);
        _ocioLut.Apply(_frame, 4);
    }

    [Benchmark]
    public void Lut3D_LiveGrade()
    {
        _source.CopyTo(_frame, 0);
        _lut.Apply(_frame);
    }

    [Benchmark]
    public void CdlLut_Ocio()
    {
        _source.CopyTo(_frame, 0);
        _ocioCdl.Apply(_frame, 4);
        _ocioLut.Apply(_frame, 4);
    }

    [Benchmark]
    public void CdlLut_LiveGrade()
    {
        _source.CopyTo(_frame, 0);
        _cdlLut.Apply(_frame);
    }
}
