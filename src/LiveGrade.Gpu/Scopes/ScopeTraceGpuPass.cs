using LiveGrade.Color.Scopes.Rendering;
using Silk.NET.OpenGL;

namespace LiveGrade.Gpu.Scopes;

/// <summary>
/// scope_trace.comp: draws a scope picture from a counts buffer into an RGBA32F texture the size of the
/// layout, which the live engine composites into an output (or <see cref="Read"/> copies out). The
/// graticule layer is uploaded once per layout. GL thread only.
/// </summary>
public sealed class ScopeTraceGpuPass
{
    private const int Group = 16;
    private readonly uint _program;
    private readonly GpuFrameTexture _output = new();
    private readonly GpuFrameTexture _graticule = new();
    private ScopeLayout? _graticuleOf;
    private uint _thresholds;
    private long _thresholdCapacity;

    public ScopeTraceGpuPass(GL gl) => _program = FixedShaders.Compile(gl, "scope_trace.comp");

    /// <summary>The picture drawn by the last <see cref="Dispatch"/>.</summary>
    public uint OutputTexture => _output.Texture;

    public unsafe void Dispatch(GL gl, ScopeLayout layout, uint countsBuffer, ScopeTraceScale scale)
    {
        _output.Ensure(gl, layout.Width, layout.Height);
        if (!ReferenceEquals(_graticuleOf, layout))
        {
            _graticule.Upload(gl, layout.Graticule.Pixels, layout.Width, layout.Height);
            _graticuleOf = layout;
        }
        FixedShaders.EnsureBuffer(gl, ref _thresholds, ref _thresholdCapacity, scale.HistogramThresholds.Length * sizeof(uint));
        fixed (uint* t = scale.HistogramThresholds)
        {
            gl.NamedBufferSubData(_thresholds, 0, (nuint)(scale.HistogramThresholds.Length * sizeof(uint)), t);
        }

        uint p = _program;
        FixedShaders.Set(gl, p, "lg_kind", (int)layout.Kind);
        FixedShaders.Set(gl, p, "lg_plotCount", layout.Plots.Count);
        FixedShaders.Set(gl, p, "lg_binsPerPixel", layout.Plots[0].BinsPerPixel);
        FixedShaders.Set(gl, p, "lg_invLogFlat", scale.InverseLogFlat);
        FixedShaders.Set(gl, p, "lg_gain", scale.Gain);
        FixedShaders.Set(gl, p, "lg_background", ScopeLayout.Background);
        FixedShaders.Set(gl, p, "lg_histogramFill", ScopeLayout.HistogramFill);
        Span<int> plots = stackalloc int[4 * ScopeLayout.MaxPlots];
        Span<int> channelCount = stackalloc int[ScopeLayout.MaxPlots];
        Span<int> offsets = stackalloc int[ScopeLayout.MaxPlots * ScopePlot.MaxChannels];
        Span<float> colours = stackalloc float[3 * ScopeLayout.MaxPlots * ScopePlot.MaxChannels];
        for (int i = 0; i < layout.Plots.Count; i++)
        {
            var plot = layout.Plots[i];
            (plots[4 * i], plots[4 * i + 1], plots[4 * i + 2], plots[4 * i + 3]) = (plot.X, plot.Y, plot.Width, plot.Height);
            channelCount[i] = plot.Channels.Count;
            for (int c = 0; c < plot.Channels.Count; c++)
            {
                int k = i * ScopePlot.MaxChannels + c;
                offsets[k] = plot.Channels[c].CountsOffset;
                (colours[3 * k], colours[3 * k + 1], colours[3 * k + 2]) = (plot.Channels[c].Colour.R, plot.Channels[c].Colour.G, plot.Channels[c].Colour.B);
            }
        }
        fixed (int* v = plots)
        {
            gl.ProgramUniform4(p, gl.GetUniformLocation(p, "lg_plots"), (uint)ScopeLayout.MaxPlots, v);
        }
        fixed (int* v = channelCount)
        {
            gl.ProgramUniform1(p, gl.GetUniformLocation(p, "lg_channelCount"), (uint)ScopeLayout.MaxPlots, v);
        }
        fixed (int* v = offsets)
        {
            gl.ProgramUniform1(p, gl.GetUniformLocation(p, "lg_channelOffset"), (uint)offsets.Length, v);
        }
        fixed (float* v = colours)
        {
            gl.ProgramUniform3(p, gl.GetUniformLocation(p, "lg_channelColour"), (uint)(colours.Length / 3), v);
        }

        gl.UseProgram(p);
        gl.BindImageTexture(0, _output.Texture, 0, false, 0, BufferAccessARB.WriteOnly, InternalFormat.Rgba32f);
        gl.BindImageTexture(1, _graticule.Texture, 0, false, 0, BufferAccessARB.ReadOnly, InternalFormat.Rgba32f);
        gl.BindBufferBase(BufferTargetARB.ShaderStorageBuffer, 1, countsBuffer);
        gl.BindBufferBase(BufferTargetARB.ShaderStorageBuffer, 2, _thresholds);
        gl.DispatchCompute((uint)((layout.Width + Group - 1) / Group), (uint)((layout.Height + Group - 1) / Group), 1);
        gl.MemoryBarrier(MemoryBarrierMask.ShaderImageAccessBarrierBit | MemoryBarrierMask.TextureFetchBarrierBit);
        FixedShaders.CheckError(gl, "scope_trace.comp");
    }

    /// <summary>Copies the last picture out as RGBA float.</summary>
    public void Read(GL gl, Span<float> rgba) => _output.Download(gl, rgba);

    public void Delete(GL gl)
    {
        gl.DeleteProgram(_program);
        _output.Delete(gl);
        _graticule.Delete(gl);
        if (_thresholds != 0)
        {
            gl.DeleteBuffer(_thresholds);
        }
        _thresholds = 0;
    }
}
