using LiveGrade.Color.Overlays.Clipping;
using LiveGrade.Color.Overlays.Compare;
using LiveGrade.Color.Overlays.FalseColor;
using LiveGrade.Color.Overlays.FrameLines;
using LiveGrade.Color.Overlays.Zebra;
using LiveGrade.Gpu.Scopes;
using Silk.NET.OpenGL;

namespace LiveGrade.Gpu.Overlays;

/// <summary>
/// The overlay compute passes, each the GPU form of a CPU reference renderer in LiveGrade.Color.Overlays
/// and driven by the same parameter record: false colour, zebras, clipping, frame lines (in place on an
/// RGBA32F image) and compare (A and B into an output). GL thread only; programs compile on first use.
/// </summary>
public sealed class OverlayGpuPasses
{
    private const int Group = 16;
    private uint _falseColor, _zebra, _clip, _frameLines, _compare;
    private uint _ramp;
    private long _rampCapacity;
    private FalseColorParams? _rampOf;

    public unsafe void FalseColor(GL gl, uint image, int width, int height, FalseColorParams p)
    {
        Program(gl, ref _falseColor, "overlay_false_color.comp");
        FixedShaders.EnsureBuffer(gl, ref _ramp, ref _rampCapacity, Color.Scopes.VideoLevels.Codes * 4 * sizeof(float));
        if (!ReferenceEquals(_rampOf, p))
        {
            float[] ramp = p.BuildTable().ToRgbaArray();
            fixed (float* r = ramp)
            {
                gl.NamedBufferSubData(_ramp, 0, (nuint)(ramp.Length * sizeof(float)), r);
            }
            _rampOf = p;
        }
        FixedShaders.SetWeights(gl, _falseColor, p.Matrix.Weights());
        gl.BindBufferBase(BufferTargetARB.ShaderStorageBuffer, 1, _ramp);
        InPlace(gl, _falseColor, image, width, height, "overlay_false_color.comp");
    }

    public void Zebra(GL gl, uint image, int width, int height, ZebraParams p)
    {
        Program(gl, ref _zebra, "overlay_zebra.comp");
        FixedShaders.SetWeights(gl, _zebra, p.Matrix.Weights());
        int lo2 = p.Second?.LowCode ?? 1, hi2 = p.Second?.HighCode ?? 0; // empty range when there is no zebra 2
        FixedShaders.Set(gl, _zebra, "lg_levels", p.First.LowCode, p.First.HighCode, lo2, hi2);
        FixedShaders.Set(gl, _zebra, "lg_stripes", p.Period, p.Phase);
        FixedShaders.Set(gl, _zebra, "lg_firstColour", p.FirstColour);
        FixedShaders.Set(gl, _zebra, "lg_secondColour", p.SecondColour);
        InPlace(gl, _zebra, image, width, height, "overlay_zebra.comp");
    }

    public void Clip(GL gl, uint image, int width, int height, ClipParams p)
    {
        Program(gl, ref _clip, "overlay_clip.comp");
        FixedShaders.Set(gl, _clip, "lg_limits", p.HighCode, p.LowCode);
        FixedShaders.Set(gl, _clip, "lg_highColour", p.HighColour);
        FixedShaders.Set(gl, _clip, "lg_lowColour", p.LowColour);
        InPlace(gl, _clip, image, width, height, "overlay_clip.comp");
    }

    public void FrameLines(GL gl, uint image, int width, int height, FrameLineParams p)
    {
        Program(gl, ref _frameLines, "overlay_frame_lines.comp");
        var g = FrameLineGeometry.For(width, height, p);
        uint prog = _frameLines;
        Rect(gl, prog, "lg_frame", g.Frame);
        Rect(gl, prog, "lg_action", g.ActionSafe);
        Rect(gl, prog, "lg_title", g.TitleSafe);
        Rect(gl, prog, "lg_crossH", g.CrossH);
        Rect(gl, prog, "lg_crossV", g.CrossV);
        FixedShaders.Set(gl, prog, "lg_lineWidth", p.LineWidth);
        FixedShaders.Set(gl, prog, "lg_show", p.ActionSafe ? 1 : 0, p.TitleSafe ? 1 : 0, p.CentreCross ? 1 : 0);
        FixedShaders.Set(gl, prog, "lg_keep", 1f - p.Shade);
        FixedShaders.Set(gl, prog, "lg_lineColour", p.LineColour);
        FixedShaders.Set(gl, prog, "lg_safeColour", p.SafeColour);
        FixedShaders.Set(gl, prog, "lg_crossColour", p.CrossColour);
        InPlace(gl, prog, image, width, height, "overlay_frame_lines.comp");
    }

    /// <summary>Compares images A and B (same size) into <paramref name="output"/> (same size, another texture).</summary>
    public void Compare(GL gl, uint a, uint b, uint output, int width, int height, CompareParams p)
    {
        Program(gl, ref _compare, "overlay_compare.comp");
        var (cx, cy, nx, ny, half) = p.Divider(width, height);
        FixedShaders.Set(gl, _compare, "lg_sideBySide", p.Mode == CompareMode.SideBySide ? 1 : 0);
        var (line0, line1) = p.SideBySideDivider(width);
        FixedShaders.Set(gl, _compare, "lg_sideDivider", line0, line1);
        FixedShaders.Set(gl, _compare, "lg_divider", cx, cy, nx, ny);
        FixedShaders.Set(gl, _compare, "lg_halfWidth", half);
        FixedShaders.Set(gl, _compare, "lg_lineColour", p.LineColour);
        gl.UseProgram(_compare);
        gl.BindImageTexture(0, a, 0, false, 0, BufferAccessARB.ReadOnly, InternalFormat.Rgba32f);
        gl.BindImageTexture(1, b, 0, false, 0, BufferAccessARB.ReadOnly, InternalFormat.Rgba32f);
        gl.BindImageTexture(2, output, 0, false, 0, BufferAccessARB.WriteOnly, InternalFormat.Rgba32f);
        Dispatch(gl, width, height, "overlay_compare.comp");
    }

    private static void Rect(GL gl, uint prog, string name, PixelRect r) => FixedShaders.Set(gl, prog, name, r.X, r.Y, r.Width, r.Height);

    private static void Program(GL gl, ref uint program, string file)
    {
        if (program == 0)
        {
            program = FixedShaders.Compile(gl, file);
        }
    }

    private static void InPlace(GL gl, uint program, uint image, int width, int height, string what)
    {
        gl.UseProgram(program);
        gl.BindImageTexture(0, image, 0, false, 0, BufferAccessARB.ReadWrite, InternalFormat.Rgba32f);
        Dispatch(gl, width, height, what);
    }

    private static void Dispatch(GL gl, int width, int height, string what)
    {
        gl.DispatchCompute((uint)((width + Group - 1) / Group), (uint)((height + Group - 1) / Group), 1);
        gl.MemoryBarrier(MemoryBarrierMask.ShaderImageAccessBarrierBit | MemoryBarrierMask.TextureFetchBarrierBit | MemoryBarrierMask.TextureUpdateBarrierBit);
        FixedShaders.CheckError(gl, what);
    }

    public void Delete(GL gl)
    {
        foreach (uint p in new[] { _falseColor, _zebra, _clip, _frameLines, _compare })
        {
            if (p != 0)
            {
                gl.DeleteProgram(p);
            }
        }
        if (_ramp != 0)
        {
            gl.DeleteBuffer(_ramp);
        }
        (_falseColor, _zebra, _clip, _frameLines, _compare, _ramp) = (0, 0, 0, 0, 0, 0);
        _rampOf = null;
    }
}
