using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace LiveGrade.Color.Processing.Simd;

/// <summary>
/// A small persistent set of worker threads that splits one buffer into bands of consecutive pixels
/// (whole rows, and the parts of rows at band edges) and applies a processor to them in parallel. The
/// caller works too, so N threads means N - 1 helpers. Nothing is allocated per call: the job lives in
/// this object's fields, set under a lock (one buffer at a time per set; other callers wait), the helpers
/// are woken with a semaphore and take bands from an interlocked counter, and the last one to finish
/// signals the caller. One set per thread count, created on first use and kept for the process.
/// </summary>
internal sealed unsafe class BandWorkers
{
    /// <summary>
    /// Pixels per band: 16384 RGBA float pixels are 256 KiB, which stays in L2 while the band's segments
    /// run one after the other, and a 3840x2160 frame still gives ~500 bands to balance two or more threads.
    /// </summary>
    public const int BandPixels = 16384;

    private static readonly ConcurrentDictionary<int, BandWorkers> s_sets = new();

    private readonly int _helpers;
    private readonly SemaphoreSlim _go = new(0);
    // A semaphore, not a ManualResetEventSlim: the latter allocates its lock object the first time a Wait
    // really blocks, which made the no-allocation-per-frame test fail now and then under load. Released
    // exactly once per run (by the last helper), so its count is back to 0 after each Wait.
    private readonly SemaphoreSlim _done = new(0);
    private readonly Lock _gate = new();

    // The job, valid between the Release of _go and that of _done.
    private CpuProcessor? _processor;
    private void* _data;
    private float* _source; // null: in place; else RGBA float read from here, written to _data
    private PixelBufferFormat _format;
    private long _pixels;
    private int _bands;
    private int _nextBand;
    private int _running;
    private Exception? _error;

    private BandWorkers(int threads)
    {
        _helpers = threads - 1;
        for (int i = 0; i < _helpers; i++)
        {
            new Thread(HelperLoop) { IsBackground = true, Name = $"livegrade-bands-{threads}-{i}" }.Start();
        }
    }

    /// <summary>The set with <paramref name="threads"/> threads in all (the caller included).</summary>
    public static BandWorkers For(int threads) => s_sets.GetOrAdd(threads, static t => new BandWorkers(t));

    /// <summary>Applies <paramref name="processor"/> to every band of the buffer and returns when all are done.</summary>
    public void Run(CpuProcessor processor, void* data, PixelBufferFormat format, long pixels) => Run(processor, null, data, format, pixels);

    /// <summary>
    /// As <see cref="Run(CpuProcessor, void*, PixelBufferFormat, long)"/>, reading RGBA float pixels from
    /// <paramref name="source"/> (null: in place) and writing them to <paramref name="data"/>.
    /// </summary>
    public void Run(CpuProcessor processor, float* source, void* data, PixelBufferFormat format, long pixels)
    {
        lock (_gate)
        {
            _processor = processor;
            _source = source;
            _data = data;
            _format = format;
            _pixels = pixels;
            _bands = (int)((pixels + BandPixels - 1) / BandPixels);
            _nextBand = 0;
            _error = null;
            int helpers = System.Math.Min(_helpers, _bands - 1);
            _running = helpers;
            if (helpers > 0)
            {
                _go.Release(helpers);
            }
            Work();
            if (helpers > 0)
            {
                _done.Wait();
            }
            _processor = null;
            _data = null;
            _source = null;
            if (_error is { } e)
            {
                ExceptionDispatchInfo.Throw(e);
            }
        }
    }

    private void HelperLoop()
    {
        while (true)
        {
            _go.Wait();
            Work();
            if (Interlocked.Decrement(ref _running) == 0)
            {
                _done.Release();
            }
        }
    }

    private void Work()
    {
        try
        {
            int band;
            while ((band = Interlocked.Increment(ref _nextBand) - 1) < _bands)
            {
                long start = (long)band * BandPixels;
                int n = (int)System.Math.Min(BandPixels, _pixels - start);
                if (_source is null)
                {
                    _processor!.ApplyRange(_data, _format, start, n);
                }
                else
                {
                    _processor!.ApplyRangeRgba(_source + start * 4, (float*)_data + start * 4, n);
                }
            }
        }
        catch (Exception e)
        {
            // Stop handing out bands; the caller rethrows the first error.
            Interlocked.CompareExchange(ref _error, e, null);
            Interlocked.Exchange(ref _nextBand, int.MaxValue / 2);
        }
    }
}
