using LiveGrade.Color.Scopes;
using LiveGrade.Color.Scopes.Histogram;
using LiveGrade.Color.Scopes.Rendering;
using LiveGrade.Color.Scopes.Vectorscope;
using LiveGrade.Color.Scopes.Waveform;
using LiveGrade.Gpu.Context;
using Silk.NET.OpenGL;

namespace LiveGrade.Gpu.Scopes;

/// <summary>
/// The scopes on the GPU for callers off the GL thread (the `scope` verb, tests, benchmarks): uploads a
/// frame, runs a scope pass, reads the counts back, draws the picture. The live engine uses the passes
/// directly on its GL thread with its own frame textures. All GL work runs on the context's GL thread.
/// </summary>
public sealed class GpuScopes : IDisposable
{
    private readonly HeadlessGlContext _context;
    private readonly GpuFrameTexture _frame = new();
    private WaveformGpuPass? _waveform;
    private VectorscopeGpuPass? _vectorscope;
    private HistogramGpuPass? _histogram;
    private ScopeTraceGpuPass? _trace;

    public GpuScopes(HeadlessGlContext context) => _context = context;

    /// <summary>Uploads the frame the next analyses read (RGBA float, rows top to bottom).</summary>
    public void Upload(float[] rgba, int width, int height) => _context.Invoke(gl => _frame.Upload(gl, rgba, width, height));

    /// <summary>The frame texture (GL thread users may run other passes on it).</summary>
    public uint FrameTexture => _frame.Texture;

    public void Waveform(WaveformCounts into) => _context.Invoke(gl =>
    {
        _waveform ??= new WaveformGpuPass(gl);
        _waveform.Dispatch(gl, _frame.Texture, _frame.Width, _frame.Height, into.Params);
        _waveform.Read(gl, into, _frame.Width, _frame.Height);
    });

    public void Vectorscope(VectorscopeCounts into) => _context.Invoke(gl =>
    {
        _vectorscope ??= new VectorscopeGpuPass(gl);
        _vectorscope.Dispatch(gl, _frame.Texture, _frame.Width, _frame.Height, into.Params);
        _vectorscope.Read(gl, into, _frame.Width, _frame.Height);
    });

    public void Histogram(HistogramCounts into) => _context.Invoke(gl =>
    {
        _histogram ??= new HistogramGpuPass(gl);
        _histogram.Dispatch(gl, _frame.Texture, _frame.Width, _frame.Height, into.Matrix);
        _histogram.Read(gl, into, _frame.Width, _frame.Height);
    });

    /// <summary>
    /// Draws the picture of the scope last run of the layout's kind from the counts still on the GPU, and
    /// copies it into <paramref name="rgba"/> (layout width x height RGBA float).
    /// </summary>
    public void Render(ScopeLayout layout, ScopeTraceScale scale, float[] rgba) => _context.Invoke(gl =>
    {
        uint counts = layout.Kind switch
        {
            ScopePlotKind.Waveform => _waveform?.CountsBuffer ?? 0,
            ScopePlotKind.Vectorscope => _vectorscope?.CountsBuffer ?? 0,
            _ => _histogram?.CountsBuffer ?? 0,
        };
        if (counts == 0)
        {
            throw new InvalidOperationException($"no {layout.Kind} counts on the GPU yet");
        }
        _trace ??= new ScopeTraceGpuPass(gl);
        _trace.Dispatch(gl, layout, counts, scale);
        _trace.Read(gl, rgba);
    });

    /// <summary>
    /// Runs <paramref name="work"/> on the GL thread with the passes created (benchmarks time dispatches
    /// there without readbacks).
    /// </summary>
    public T OnGlThread<T>(Func<GL, GpuScopePasses, T> work) => _context.Invoke(gl =>
    {
        _waveform ??= new WaveformGpuPass(gl);
        _vectorscope ??= new VectorscopeGpuPass(gl);
        _histogram ??= new HistogramGpuPass(gl);
        _trace ??= new ScopeTraceGpuPass(gl);
        return work(gl, new GpuScopePasses(_frame, _waveform, _vectorscope, _histogram, _trace));
    });

    public void Dispose() => _context.Invoke(gl =>
    {
        _waveform?.Delete(gl);
        _vectorscope?.Delete(gl);
        _histogram?.Delete(gl);
        _trace?.Delete(gl);
        _frame.Delete(gl);
        (_waveform, _vectorscope, _histogram, _trace) = (null, null, null, null);
    });
}

/// <summary>The passes of a <see cref="GpuScopes"/>, for work on the GL thread.</summary>
public sealed record GpuScopePasses(GpuFrameTexture Frame, WaveformGpuPass Waveform, VectorscopeGpuPass Vectorscope,
    HistogramGpuPass Histogram, ScopeTraceGpuPass Trace);
