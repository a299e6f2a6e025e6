using LiveGrade.Core.Video;
using LiveGrade.Core.Video.Packing;
using LiveGrade.Gpu.Context;
using LiveGrade.Gpu.Formats;
using Silk.NET.OpenGL;
using GlPixelFormat = Silk.NET.OpenGL.PixelFormat;
using PixelFormat = LiveGrade.Core.Video.PixelFormat;

namespace LiveGrade.Gpu.Tests.Formats;

/// <summary>Test driver: runs one unpack or pack pass synchronously (plain buffer upload and readback).</summary>
public static class GpuFrameCodec
{
    public static unsafe float[] Unpack(IGlContext context, PixelFormat format, byte[] frame, int rowBytes, int width, int height,
        YCbCrMatrix matrix = YCbCrMatrix.Rec709, SignalRange range = SignalRange.Narrow)
    {
        return context.Invoke(gl =>
        {
            var pass = new FrameUnpackPass(gl, format);
            gl.CreateBuffers(1, out uint buffer);
            fixed (byte* p = frame)
            {
                gl.NamedBufferStorage(buffer, (nuint)frame.Length, p, BufferStorageMask.None);
            }
            gl.CreateTextures(TextureTarget.Texture2D, 1, out uint texture);
            gl.TextureStorage2D(texture, 1, SizedInternalFormat.Rgba32f, (uint)width, (uint)height);
            pass.Dispatch(gl, buffer, 0, rowBytes, width, height, matrix, range, texture);
            var rgba = new float[4 * width * height];
            fixed (float* p = rgba)
            {
                gl.GetTextureImage(texture, 0, GlPixelFormat.Rgba, PixelType.Float, (uint)(rgba.Length * 4), p);
            }
            Check(gl);
            gl.DeleteTexture(texture);
            gl.DeleteBuffer(buffer);
            pass.Delete(gl);
            return rgba;
        });
    }

    public static unsafe byte[] Pack(IGlContext context, PixelFormat format, float[] rgba, int width, int height,
        YCbCrMatrix matrix = YCbCrMatrix.Rec709, SignalRange range = SignalRange.Narrow, ChromaFilter filter = ChromaFilter.Cosited)
    {
        int rowBytes = PixelFormats.RowBytes(format, width);
        return context.Invoke(gl =>
        {
            var pass = new FramePackPass(gl, format);
            gl.CreateTextures(TextureTarget.Texture2D, 1, out uint texture);
            gl.TextureStorage2D(texture, 1, SizedInternalFormat.Rgba32f, (uint)width, (uint)height);
            fixed (float* p = rgba)
            {
                gl.TextureSubImage2D(texture, 0, 0, 0, (uint)width, (uint)height, GlPixelFormat.Rgba, PixelType.Float, p);
            }
            var frame = new byte[rowBytes * height];
            new Random(1).NextBytes(frame); // garbage, so a word the shader fails to write shows
            gl.CreateBuffers(1, out uint buffer);
            fixed (byte* p = frame)
            {
                gl.NamedBufferStorage(buffer, (nuint)frame.Length, p, BufferStorageMask.None);
            }
            pass.Dispatch(gl, texture, width, height, matrix, range, filter, buffer, 0, rowBytes);
            fixed (byte* p = frame)
            {
                gl.GetNamedBufferSubData(buffer, 0, (nuint)frame.Length, p);
            }
            Check(gl);
            gl.DeleteTexture(texture);
            gl.DeleteBuffer(buffer);
            pass.Delete(gl);
            return frame;
        });
    }

    private static void Check(GL gl)
    {
        var err = gl.GetError();
        if (err != GLEnum.NoError)
        {
            throw new InvalidOperationException($"GL error {err}");
        }
    }
}
