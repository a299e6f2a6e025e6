using BenchmarkDotNet.Attributes;
using LiveGrade.Color.Ops;
using LiveGrade.Color.Ops.Cdl;
using LiveGrade.Color.Processing;
using LiveGrade.Color.Spaces;
using LiveGrade.Interop.Ocio;

namespace LiveGrade.Benchmarks;

/// <summary>
/// ASC CDL and a camera-to-ACES conversion on one 1920x1080 RGBA float frame, single-threaded, with
/// OpenColorIO's CPU processor (lossless optimisation, as the shim builds it) as the peer in the same run.
/// </summary>
[MemoryDiagnoser]
public class CdlBenchmarks
{
    private const int Pixels = 1920 * 1080;
    private float[] _source = [];
    private float[] _frame = [];
    private CpuProcessor _cdl = null!;
    private CpuProcessor _logc3 = null!;
    private OcioProcessor _ocioCdl = null!;
    private OcioProcessor _ocioLogc3 = null!;

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(1);
        _source = new float[Pixels * 4];
        _frame = new float[Pixels * 4];
        for (int i = 0; i < _source.Length; i++)
        {
            _source[i] = (float)rng.NextDouble();
        }
        double[] s = [1.1, 0.95, 1.02], o = [0.01, -0.02, 0.0], p = [1.1, 1.0, 0.9];
        _cdl = new CpuProcessor(new OpList().Add(new CdlOpData(s, o, p, 0.9, CdlStyle.NoClamp)));
        _ocioCdl = OcioProcessor.FromCdl(s, o, p, 0.9, OcioCdlStyle.NoClamp);
        _logc3 = new CpuProcessor(ColorSpaceRegistry.Conversion(ColorSpaceRegistry.Get("logc3"), ColorSpaceRegistry.Get("aces")));
        _ocioLogc3 = OcioProcessor.FromBuiltin("ARRI_ALEXA-LOGC-EI800-AWG_to_ACES2065-1");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _ocioCdl.Dispose();
        _ocioLogc3.Dispose();
    }

    // Every benchmark starts from a fresh copy of the same frame: applying a grade to its own output again
    // and again drifts the values (and the branches and cache behaviour with them). CopyOnly is that cost.
    private Span<float> Fresh()
    {
        _source.AsSpan().CopyTo(_frame);
        return _frame;
    }

    [Benchmark]
    public void CopyOnly() => Fresh();

    [Benchmark(Baseline = true)]
    public void Cdl_Ocio() => _ocioCdl.Apply(Fresh(), 4);

    [Benchmark]
    public void Cdl_LiveGrade() => _cdl.Apply(Fresh());

    [Benchmark]
    public void LogC3ToAces_Ocio() => _ocioLogc3.Apply(Fresh(), 4);

    [Benchmark]
    public void LogC3ToAces_LiveGrade() => _logc3.Apply(Fresh());
}
