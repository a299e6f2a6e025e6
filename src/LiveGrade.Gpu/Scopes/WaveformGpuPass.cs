using LiveGrade.Color.Scopes;
using LiveGrade.Color.Scopes.Waveform;
using Silk.NET.OpenGL;

namespace LiveGrade.Gpu.Scopes;

/// <summary>
/// scope_waveform.comp: waveform counts of an RGBA32F frame texture into a shader storage buffer that
/// stays on the GPU (the trace pass draws from it); <see cref="Read"/> copies it out when the numbers are
/// wanted. GL thread only; one work group per waveform column.
/// </summary>
public sealed class WaveformGpuPass
{
    private readonly uint _program;
    private uint _counts;
    private long _capacity;

    public WaveformGpuPass(GL gl) => _program = FixedShaders.Compile(gl, "scope_waveform.comp");

    /// <summary>The counts buffer, laid out as <see cref="WaveformCounts.Counts"/>.</summary>
    public uint CountsBuffer => _counts;

    public void Dispatch(GL gl, uint frameTexture, int width, int height, WaveformParams p)
    {
        FixedShaders.EnsureBuffer(gl, ref _counts, ref _capacity, (long)p.Channels * p.Columns * VideoLevels.Codes * sizeof(uint));
        FixedShaders.SetWeights(gl, _program, p.Matrix.Weights());
        FixedShaders.Set(gl, _program, "lg_columns", p.Columns);
        FixedShaders.Set(gl, _program, "lg_rgb", p.Rgb ? 1 : 0);
        gl.UseProgram(_program);
        gl.BindImageTexture(0, frameTexture, 0, false, 0, BufferAccessARB.ReadOnly, InternalFormat.Rgba32f);
        gl.BindBufferBase(BufferTargetARB.ShaderStorageBuffer, 1, _counts);
        gl.DispatchCompute((uint)p.Columns, 1, 1);
        gl.MemoryBarrier(MemoryBarrierMask.ShaderStorageBarrierBit | MemoryBarrierMask.BufferUpdateBarrierBit);
        FixedShaders.CheckError(gl, "scope_waveform.comp");
    }

    public void Read(GL gl, WaveformCounts into, int width, int height)
    {
        FixedShaders.Read(gl, _counts, into.Counts);
        into.ImageWidth = width;
        into.ImageHeight = height;
    }

    public void Delete(GL gl)
    {
        gl.DeleteProgram(_program);
        if (_counts != 0)
        {
            gl.DeleteBuffer(_counts);
        }
        _counts = 0;
    }
}
