using LiveGrade.Core.Video;
using LiveGrade.Core.Video.Packing;
using LiveGrade.Gpu.Shaders;
using Silk.NET.OpenGL;
using PixelFormat = LiveGrade.Core.Video.PixelFormat;

namespace LiveGrade.Gpu.Formats;

/// <summary>
/// Unpacks a packed frame held in a GL buffer (32-bit words, the frame's own row stride) into an RGBA32F
/// texture: the shader for the format (Shaders/unpack_*.comp), with the range and YCbCr matrix as uniforms
/// computed by LiveGrade.Core's <see cref="VideoLevels"/> and <see cref="YCbCrCoefficients"/>, so the result
/// equals <see cref="FrameConverter.Decode(PixelFormat, ReadOnlySpan{byte}, int, int, int, YCbCrMatrix, SignalRange, Span{float})"/>
/// bit for bit. Create, dispatch and delete on the GL thread; no allocation per dispatch.
/// </summary>
public sealed class FrameUnpackPass
{
    private const int GroupX = 64;
    private readonly uint _program;
    private readonly int _size, _rowWords, _luma, _chroma, _toRgb, _shift;
    private readonly int _pixelsPerItem;

    public FrameUnpackPass(GL gl, PixelFormat format)
    {
        Format = format;
        var (file, perItem) = FormatShaderNames.Unpack(format);
        _pixelsPerItem = perItem;
        _program = ComputeShaders.Compile(gl, ComputeShaders.Source(file, "LG_UNPACK"), file);
        _size = gl.GetUniformLocation(_program, "lg_size");
        _rowWords = gl.GetUniformLocation(_program, "lg_rowWords");
        _luma = gl.GetUniformLocation(_program, "lg_luma");
        _chroma = gl.GetUniformLocation(_program, "lg_chroma");
        _toRgb = gl.GetUniformLocation(_program, "lg_toRgb");
        _shift = gl.GetUniformLocation(_program, "lg_shift");
    }

    public PixelFormat Format { get; }

    /// <summary>
    /// Records the unpack of the frame at <paramref name="offset"/> bytes into <paramref name="source"/>
    /// (offset a multiple of the SSBO offset alignment) into <paramref name="target"/> (RGBA32F, at least
    /// width x height). Ends with the barrier that makes the texture visible to later image and texture reads.
    /// </summary>
    public void Dispatch(GL gl, uint source, nint offset, int rowBytes, int width, int height,
        YCbCrMatrix matrix, SignalRange range, uint target)
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
            gl.ProgramUniform2(_program, _luma, luma.Offset, luma.InverseScale);
            if (ycbcr)
            {
                var chroma = VideoLevels.Chroma(bits, range, sdiProtected: true);
                var k = YCbCrCoefficients.For(matrix);
                gl.ProgramUniform2(_program, _chroma, chroma.Offset, chroma.InverseScale);
                gl.ProgramUniform4(_program, _toRgb, k.CrToR, k.CbToG, k.CrToG, k.CbToB);
            }
            if (_shift >= 0)
            {
                gl.ProgramUniform1(_program, _shift, FormatShaderNames.Shift(Format));
            }
        }
        gl.BindBufferRange(BufferTargetARB.ShaderStorageBuffer, 0, source, offset, (nuint)((long)rowBytes * height));
        gl.BindImageTexture(0, target, 0, false, 0, BufferAccessARB.WriteOnly, InternalFormat.Rgba32f);
        int items = (width + _pixelsPerItem - 1) / _pixelsPerItem;
        gl.DispatchCompute((uint)((items + GroupX - 1) / GroupX), (uint)height, 1);
        gl.MemoryBarrier(MemoryBarrierMask.ShaderImageAccessBarrierBit | MemoryBarrierMask.TextureFetchBarrierBit
            | MemoryBarrierMask.TextureUpdateBarrierBit);
    }

    public void Delete(GL gl) => gl.DeleteProgram(_program);
}
