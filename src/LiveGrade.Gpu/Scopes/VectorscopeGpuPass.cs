using LiveGrade.Color.Scopes.Vectorscope;
using Silk.NET.OpenGL;

namespace LiveGrade.Gpu.Scopes;

/// <summary>
/// scope_vectorscope.comp: Cb/Cr counts of an RGBA32F frame texture into a shader storage buffer (cleared
/// first). GL thread only; each invocation walks a 16-pixel run of a row.
/// </summary>
public sealed class VectorscopeGpuPass
{
    private const int Run = 16, Group = 16;
    private readonly uint _program;
    private uint _counts;
    private long _capacity;

    public VectorscopeGpuPass(GL gl) => _program = FixedShaders.Compile(gl, "scope_vectorscope.comp");

    public uint CountsBuffer => _counts;

    public void Dispatch(GL gl, uint frameTexture, int width, int height, VectorscopeParams p)
    {
        FixedShaders.EnsureBuffer(gl, ref _counts, ref _capacity, (long)p.Size * p.Size * sizeof(uint));
        FixedShaders.ClearBuffer(gl, _counts);
        FixedShaders.SetWeights(gl, _program, p.Matrix.Weights());
        FixedShaders.Set(gl, _program, "lg_bins", p.Size);
        gl.UseProgram(_program);
        gl.BindImageTexture(0, frameTexture, 0, false, 0, BufferAccessARB.ReadOnly, InternalFormat.Rgba32f);
        gl.BindBufferBase(BufferTargetARB.ShaderStorageBuffer, 1, _counts);
        int runs = (width + Run - 1) / Run;
        gl.DispatchCompute((uint)((runs + Group - 1) / Group), (uint)((height + Group - 1) / Group), 1);
        gl.MemoryBarrier(MemoryBarrierMask.ShaderStorageBarrierBit | MemoryBarrierMask.BufferUpdateBarrierBit);
        FixedShaders.CheckError(gl, "scope_vectorscope.comp");
    }

    public void Read(GL gl, VectorscopeCounts into, int width, int height)
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
