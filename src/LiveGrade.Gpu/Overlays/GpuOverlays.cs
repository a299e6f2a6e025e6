using LiveGrade.Color.Overlays.Clipping;
using LiveGrade.Color.Overlays.Compare;
using LiveGrade.Color.Overlays.FalseColor;
using LiveGrade.Color.Overlays.FrameLines;
using LiveGrade.Color.Overlays.Zebra;
using LiveGrade.Gpu.Context;
using LiveGrade.Gpu.Scopes;

namespace LiveGrade.Gpu.Overlays;

/// <summary>
/// The overlays on the GPU for callers off the GL thread (the `overlay` verb and tests): upload, run the
/// pass, read back. The live engine calls <see cref="OverlayGpuPasses"/> on its GL thread instead.
/// </summary>
public sealed class GpuOverlays(HeadlessGlContext context) : IDisposable
{
    private readonly OverlayGpuPasses _passes = new();
    private readonly GpuFrameTexture _a = new(), _b = new(), _out = new();

    public void FalseColor(float[] rgba, int width, int height, FalseColorParams p) =>
        InPlace(rgba, width, height, (gl, t) => _passes.FalseColor(gl, t, width, height, p));

    public void Zebra(float[] rgba, int width, int height, ZebraParams p) =>
        InPlace(rgba, width, height, (gl, t) => _passes.Zebra(gl, t, width, height, p));

    public void Clip(float[] rgba, int width, int height, ClipParams p) =>
        InPlace(rgba, width, height, (gl, t) => _passes.Clip(gl, t, width, height, p));

    public void FrameLines(float[] rgba, int width, int height, FrameLineParams p) =>
        InPlace(rgba, width, height, (gl, t) => _passes.FrameLines(gl, t, width, height, p));

    public void Compare(float[] a, float[] b, float[] output, int width, int height, CompareParams p) => context.Invoke(gl =>
    {
        _a.Upload(gl, a, width, height);
        _b.Upload(gl, b, width, height);
        _out.Ensure(gl, width, height);
        _passes.Compare(gl, _a.Texture, _b.Texture, _out.Texture, width, height, p);
        _out.Download(gl, output);
    });

    private void InPlace(float[] rgba, int width, int height, Action<Silk.NET.OpenGL.GL, uint> pass) => context.Invoke(gl =>
    {
        _a.Upload(gl, rgba, width, height);
        pass(gl, _a.Texture);
        _a.Download(gl, rgba);
    });

    public void Dispose() => context.Invoke(gl =>
    {
        _passes.Delete(gl);
        _a.Delete(gl);
        _b.Delete(gl);
        _out.Delete(gl);
    });
}
