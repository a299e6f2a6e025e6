using LiveGrade.Color.Scopes;
using LiveGrade.Color.Scopes.Histogram;
using Silk.NET.OpenGL;

namespace LiveGrade.Gpu.Scopes;

/// <summary>
/// scope_histogram.comp: Y', R', G', B' counts of an RGBA32F frame texture into a shader storage buffer
/// (cleared first). GL thread only; each work group counts <see cref="RowsPerGroup"/> rows in shared memory.
/// </summary>
public sealed class HistogramGpuPass
{
    /// <summary>Rows per work group: 1080 rows make 135 groups, enough to fill a GPU, few enough flushes.</summary>
    public const int RowsPerGroup = 8;

    private readonly uint _program;
    private uint _counts;
    private long _capacity;

    public HistogramGpuPass(GL gl) => _program = FixedShaders.Compile(gl, "scope_histogram.comp");

    public uint CountsBuffer => _counts;

    public void Dispatch(GL gl, uint frameTexture, int width, int height, YCbCrMatrix matrix)
    {
        FixedShaders.EnsureBuffer(gl, ref _counts, ref _capacity, HistogramCounts.Channels * VideoLevels.Codes * sizeof(uint));
        FixedShaders.ClearBuffer(gl, _counts);
        FixedShaders.SetWeights(gl, _program, matrix.Weights());
        FixedShaders.Set(gl, _program, "lg_rowsPerGroup", RowsPerGroup);
        gl.UseProgram(_program);
        gl.BindImageTexture(0, frameTexture, 0, false, 0, BufferAccessARB.ReadOnly, InternalFormat.Rgba32f);
        gl.BindBufferBase(BufferTargetARB.ShaderStorageBuffer, 1, _counts);
        gl.DispatchCompute((uint)((height + RowsPerGroup - 1) / RowsPerGroup), 1, 1);
        gl.MemoryBarrier(MemoryBarrierMask.ShaderStorageBarrierBit | MemoryBarrierMask.BufferUpdateBarrierBit);
        FixedShaders.CheckError(gl, "scope_histogram.comp");
    }

    public void Read(GL gl, HistogramCounts into, int width, int height)
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
