using BenchmarkDotNet.Attributes;
using LiveGrade.Color.Ops;
using LiveGrade.Color.Ops.Cdl;
using LiveGrade.Color.Processing;

namespace LiveGrade.Benchmarks;

/// <summary>ASC CDL on a whole RGBA float frame, one thread and all threads.</summary>
[MemoryDiagnoser]
public class CdlBenchmarks
{
    private float[] _frame = [];
    private CpuProcessor _processor = null!;

    [Params(1920 * 1080, 3840 * 2160)]
    public int Pixels { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(1);
        _frame = new float[Pixels * 4];
        for (int i = 0; i < _frame.Length; i++)
        {
            _frame[i] = (float)rng.NextDouble();
        }
        _processor = new CpuProcessor(new OpList().Add(new CdlOpData([1.1, 0.95, 1.02], [0.01, -0.02, 0.0], [1.1, 1.0, 0.9], 0.9)));
    }

    [Benchmark(Baseline = true)]
    public void SingleThread() => _processor.Apply(_frame);

    [Benchmark]
    public void Parallel() => _processor.ApplyParallel(_frame);
}
