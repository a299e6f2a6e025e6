using Silk.NET.OpenGL;

namespace LiveGrade.Gpu.Scopes;

/// <summary>
/// An RGBA32F texture holding one frame, for the `scope`/`overlay` verbs, tests and benchmarks (the live
/// engine passes its own frame textures to the passes instead). Created, used and deleted on the GL thread;
/// kept while the size stays the same.
/// </summary>
public sealed class GpuFrameTexture
{
    public uint Texture { get; private set; }
    public int Width { get; private set; }
    public int Height { get; private set; }

    public void Ensure(GL gl, int width, int height)
    {
        if (Texture != 0 && Width == width && Height == height)
        {
            return;
        }
        Delete(gl);
        gl.CreateTextures(TextureTarget.Texture2D, 1, out uint t);
        gl.TextureStorage2D(t, 1, SizedInternalFormat.Rgba32f, (uint)width, (uint)height);
        (Texture, Width, Height) = (t, width, height);
    }

    public unsafe void Upload(GL gl, ReadOnlySpan<float> rgba, int width, int height)
    {
        if (rgba.Length != (long)width * height * 4)
        {
            throw new ArgumentException("buffer does not match width x height RGBA");
        }
        Ensure(gl, width, height);
        fixed (float* p = rgba)
        {
            gl.TextureSubImage2D(Texture, 0, 0, 0, (uint)width, (uint)height, PixelFormat.Rgba, PixelType.Float, p);
        }
    }

    public unsafe void Download(GL gl, Span<float> rgba)
    {
        if (rgba.Length != (long)Width * Height * 4)
        {
            throw new ArgumentException("buffer does not match the texture");
        }
        gl.MemoryBarrier(MemoryBarrierMask.TextureUpdateBarrierBit);
        fixed (float* p = rgba)
        {
            gl.GetTextureImage(Texture, 0, PixelFormat.Rgba, PixelType.Float, (uint)(rgba.Length * sizeof(float)), p);
        }
    }

    public void Delete(GL gl)
    {
        if (Texture != 0)
        {
            gl.DeleteTexture(Texture);
        }
        Texture = 0;
    }
}
