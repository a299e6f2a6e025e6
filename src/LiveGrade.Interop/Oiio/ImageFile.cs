using LiveGrade.Core.Diagnostics;

namespace LiveGrade.Interop.Oiio;

/// <summary>Sample formats an image can be written in (values match lg_oiio.h).</summary>
public enum ImageSampleFormat
{
    UInt8 = 0,
    UInt10 = 1,
    UInt16 = 2,
    Half = 3,
    Float = 4,
}

/// <summary>A whole image held as packed float RGBA (4 floats a pixel, rows top to bottom).</summary>
public sealed class RgbaImage(int width, int height, float[] pixels, ImageSampleFormat? fileFormat = null)
{
    public int Width { get; } = width;
    public int Height { get; } = height;
    public float[] Pixels { get; } = pixels.Length == (long)width * height * 4
        ? pixels : throw new ArgumentException("pixel buffer does not match the size");

    /// <summary>The sample format of the file the image was read from, when known.</summary>
    public ImageSampleFormat? FileFormat { get; } = fileFormat;

    public static RgbaImage Create(int width, int height) => new(width, height, new float[checked(width * height * 4)]);
}

/// <summary>
/// Reads and writes image files (OpenEXR, TIFF, DPX, PNG and whatever else OpenImageIO handles)
/// through native/oiio. Errors are <see cref="InputException"/>s naming the file.
/// </summary>
public static class ImageFile
{
    public static string LibraryVersion => System.Runtime.InteropServices.Marshal.PtrToStringUTF8(OiioNative.LgOiio_Version()) ?? "";

    /// <summary>The most pixels <see cref="Read"/> takes by default (2^28: a 4 GB float picture).</summary>
    public const long DefaultMaxPixels = 1L << 28;

    /// <summary>
    /// Reads the image as RGBA float. One larger than <paramref name="maxPixels"/> is refused from its header,
    /// before any pixel is read or memory taken for it.
    /// </summary>
    public static unsafe RgbaImage Read(string path, long maxPixels = DefaultMaxPixels)
    {
        if (!File.Exists(path))
        {
            throw new InputException("no such file", path);
        }
        if (OiioNative.LgOiio_Open(path, out var input) != 0)
        {
            throw new InputException($"cannot read image: {OiioNative.LastError()}", path);
        }
        using (input)
        {
            if (OiioNative.LgOiio_Spec(input, out int w, out int h, out _, out int format, out _) != 0)
            {
                throw new InputException($"cannot read image header: {OiioNative.LastError()}", path);
            }
            if (w <= 0 || h <= 0 || (long)w * h > Math.Min(maxPixels, DefaultMaxPixels))
            {
                throw new InputException($"unsupported image size {w}x{h} (at most {Math.Min(maxPixels, DefaultMaxPixels)} pixels here)", path);
            }
            var pixels = new float[(long)w * h * 4];
            fixed (float* p = pixels)
            {
                if (OiioNative.LgOiio_ReadRgba(input, p, pixels.Length) != 0)
                {
                    throw new InputException($"cannot read pixels: {OiioNative.LastError()}", path);
                }
            }
            return new RgbaImage(w, h, pixels, format >= 0 ? (ImageSampleFormat)format : null);
        }
    }

    /// <summary>Writes RGBA (or RGB, dropping alpha, when <paramref name="withAlpha"/> is false).</summary>
    public static unsafe void Write(string path, RgbaImage image, ImageSampleFormat format, bool withAlpha = true)
    {
        float[] data = image.Pixels;
        int channels = 4;
        if (!withAlpha)
        {
            channels = 3;
            data = new float[(long)image.Width * image.Height * 3];
            for (long i = 0, n = (long)image.Width * image.Height; i < n; i++)
            {
                data[i * 3] = image.Pixels[i * 4];
                data[i * 3 + 1] = image.Pixels[i * 4 + 1];
                data[i * 3 + 2] = image.Pixels[i * 4 + 2];
            }
        }
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null && !Directory.Exists(dir))
        {
            throw new InputException("output folder does not exist", path);
        }
        fixed (float* p = data)
        {
            if (OiioNative.LgOiio_Write(path, p, image.Width, image.Height, channels, (int)format) != 0)
            {
                throw new InputException($"cannot write image: {OiioNative.LastError()}", path);
            }
        }
    }

    /// <summary>The natural sample format for a file extension: float EXR, 16-bit TIFF/PNG, 10-bit DPX.</summary>
    public static ImageSampleFormat DefaultFormatFor(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".exr" => ImageSampleFormat.Float,
        ".dpx" => ImageSampleFormat.UInt10,
        ".png" => ImageSampleFormat.UInt16,
        ".tif" or ".tiff" => ImageSampleFormat.UInt16,
        ".jpg" or ".jpeg" => ImageSampleFormat.UInt8,
        _ => ImageSampleFormat.Float,
    };
}
