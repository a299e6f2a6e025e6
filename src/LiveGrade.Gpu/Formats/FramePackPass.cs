using LiveGrade.Core.Video;
using LiveGrade.Core.Video.Packing;
using LiveGrade.Gpu.Shaders;
using Silk.NET.OpenGL;
using PixelFormat = LiveGrade.Core.Video.PixelFormat;

namespace LiveGrade.Gpu.Formats;

/// <summary>
/// Packs an RGBA32F texture into a GL buffer in a pixel format (Shaders/pack_*.comp), writing every word of
/// every padded row (padding 0), with the same codes as <see cref="FrameConverter.Encode(ReadOnlySpan{float}, PixelFormat, Span{byte}, int, int, int, YCbCrMatrix, SignalRange, ChromaFilter)"/>
/// bit for bit. Create, dispatch and delete on the GL thread; no allocation per dispatch.
/// </summary>
public sealed class FramePackPass
{
    private const int GroupX = 64;
    private readonly uint _program;
    private readonly int _size, _rowWords, _luma, _chroma, _k, _chromaScale, _filter, _shift;
    private readonly int _wordsPerItem;

    public FramePackPass(GL gl, PixelFormat format)
    {
        Format = format;
        var (file, perItem) = FormatShaderNames.Pack(format);
        _wordsPerItem = perItem;
        _program = ComputeShaders.Compile(gl, ComputeShaders.Source(file, "LG_PACK"), file);
        _size = gl.GetUniformLocation(_program, "lg_size");
        _rowWords = gl.GetUniformLocation(_program, "lg_rowWords");
        _luma = gl.GetUniformLocation(_program, "lg_luma");
        _chroma = gl.GetUniformLocation(_program, "lg_chroma");
        _k = gl.GetUniformLocation(_program, "lg_k");
        _chromaScale = gl.GetUniformLocation(_program, "lg_chromaScale");
        _filter = gl.GetUniformLocation(_program, "lg_filter");
        _shift = gl.GetUniformLocation(_program, "lg_shift");
    }

    public PixelFormat Format { get; }

    /// <summary>
    /// Records the pack of <paramref name="source"/> (RGBA32F) into <paramref name="target"/> at
    /// <paramref name="offset"/> bytes. Ends with a barrier for buffer reads and copies that follow.
    /// </summary>
    public void Dispatch(GL gl, uint source, int width, int height, YCbCrMatrix matrix, SignalRange range,
        ChromaFilter filter, uint target, nint offset, int rowBytes)
    {
        FormatShaderNames.CheckRowBytes(Format, width, rowBytes);
        gl.UseProgram(_program);
        gl.ProgramUniform2(_program, _size, width, height);
        gl.ProgramUniform1(_program, _rowWords, rowBytes / 4);
        if (Format is not (PixelFormat.Rgba16F or PixelFormat.Rgba32F))
        {
            int bits = PixelFormats.BitDepth(Format);
            bool ycbcr = FormatShaderNames.IsYCbCr(Format);
            var luma = VideoLevels.Luma(bits, range, sdiProtected: ycbcr);
            gl.ProgramUniform4(_program, _luma, luma.Offset, luma.Scale, luma.Min, luma.Max);
            if (ycbcr)
            {
                var chroma = VideoLevels.Chroma(bits, range, sdiProtected: true);
                var k = YCbCrCoefficients.For(matrix);
                gl.ProgramUniform4(_program, _chroma, chroma.Offset, chroma.Scale, chroma.Min, chroma.Max);
                gl.ProgramUniform3(_program, _k, k.Kr, k.Kg, k.Kb);
                gl.ProgramUniform2(_program, _chromaScale, k.CbScale, k.CrScale);
                gl.ProgramUniform1(_program, _filter, filter == ChromaFilter.Filtered121 ? 1 : 0);
            }
            if (_shift >= 0)
            {
                gl.ProgramUniform1(_program, _shift, FormatShaderNames.Shift(Format));
            }
        }
        gl.BindImageTexture(0, source, 0, false, 0, BufferAccessARB.ReadOnly, InternalFormat.Rgba32f);
        gl.BindBufferRange(BufferTargetARB.ShaderStorageBuffer, 1, target, offset, (nuint)((long)rowBytes * height));
        int items = rowBytes / 4 / _wordsPerItem;
        gl.DispatchCompute((uint)((items + GroupX - 1) / GroupX), (uint)height, 1);
        gl.MemoryBarrier(MemoryBarrierMask.BufferUpdateBarrierBit | MemoryBarrierMask.ShaderStorageBarrierBit
            | MemoryBarrierMask.ClientMappedBufferBarrierBit | MemoryBarrierMask.PixelBufferBarrierBit);
    }

    public void Delete(GL gl) => gl.DeleteProgram(_program);
}
