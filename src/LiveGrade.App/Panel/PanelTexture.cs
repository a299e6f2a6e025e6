using Silk.NET.OpenGL;

namespace LiveGrade.App.Panel;

/// <summary>
/// A GL texture (RGBA8) that shows one <see cref="PictureMailbox"/> in the panel, refreshed when the mailbox has a
/// newer picture. Created, updated and deleted on the panel thread, with the panel's GL context current. The
/// upload leaves the pixel-store and binding state as it found them (ImGui's renderer binds its own).
/// </summary>
public sealed class PanelTexture : IDisposable
{
    private readonly GL _gl;
    private readonly PictureMailbox _source;
    private long _seen = -1;

    public PanelTexture(GL gl, PictureMailbox source)
    {
        _gl = gl;
        _source = source;
        Name = gl.GenTexture();
        gl.GetInteger(GetPName.TextureBinding2D, out int previous);
        gl.BindTexture(TextureTarget.Texture2D, Name);
        gl.TexParameter(TextureTarget.Texture2D, TextureParameterName.TextureMinFilter, (int)TextureMinFilter.Linear);
        gl.TexParameter(TextureTarget.Texture2D, TextureParameterName.TextureMagFilter, (int)TextureMagFilter.Linear);
        gl.TexParameter(TextureTarget.Texture2D, TextureParameterName.TextureWrapS, (int)TextureWrapMode.ClampToEdge);
        gl.TexParameter(TextureTarget.Texture2D, TextureParameterName.TextureWrapT, (int)TextureWrapMode.ClampToEdge);
        unsafe
        {
            gl.TexImage2D(TextureTarget.Texture2D, 0, InternalFormat.Rgba8, (uint)source.Width, (uint)source.Height, 0,
                PixelFormat.Rgba, PixelType.UnsignedByte, null);
        }
        gl.BindTexture(TextureTarget.Texture2D, (uint)previous);
    }

    /// <summary>The GL texture name (what ImGui draws).</summary>
    public uint Name { get; }

    /// <summary>True once a picture has been uploaded.</summary>
    public bool HasPicture => _seen >= 0;

    public int Width => _source.Width;
    public int Height => _source.Height;

    /// <summary>Uploads the mailbox's picture when it is newer than the one shown; returns true when it did.</summary>
    public unsafe bool Refresh()
    {
        var pixels = _source.TakeIfNewer(ref _seen);
        if (pixels.IsEmpty) return false;
        _gl.GetInteger(GetPName.TextureBinding2D, out int previous);
        _gl.GetInteger(GetPName.UnpackAlignment, out int alignment);
        _gl.GetInteger(GetPName.UnpackRowLength, out int rowLength);
        _gl.PixelStore(PixelStoreParameter.UnpackAlignment, 4);
        _gl.PixelStore(PixelStoreParameter.UnpackRowLength, 0);
        _gl.BindTexture(TextureTarget.Texture2D, Name);
        fixed (byte* p = pixels)
        {
            _gl.TexSubImage2D(TextureTarget.Texture2D, 0, 0, 0, (uint)_source.Width, (uint)_source.Height, PixelFormat.Rgba, PixelType.UnsignedByte, p);
        }
        _gl.BindTexture(TextureTarget.Texture2D, (uint)previous);
        _gl.PixelStore(PixelStoreParameter.UnpackAlignment, alignment);
        _gl.PixelStore(PixelStoreParameter.UnpackRowLength, rowLength);
        return true;
    }

    public void Dispose() => _gl.DeleteTexture(Name);
}
