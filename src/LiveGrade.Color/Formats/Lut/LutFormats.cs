using LiveGrade.Color.Formats.Lut.Clf;
using LiveGrade.Color.Ops;
using LiveGrade.Color.Ops.Lut3D;
using LiveGrade.Core.Diagnostics;

namespace LiveGrade.Color.Formats.Lut;

/// <summary>The LUT file formats LiveGrade reads (and, where noted, writes).</summary>
public enum LutFormat
{
    /// <summary>.cube, Resolve and IRIDAS/Adobe variants (read and write).</summary>
    Cube,

    /// <summary>.spi1d, Sony Pictures Imageworks 1D (read and write).</summary>
    Spi1D,

    /// <summary>.spi3d, Sony Pictures Imageworks 3D (read and write).</summary>
    Spi3D,

    /// <summary>.3dl, Autodesk Flame and Lustre integer 3D LUT (read and write).</summary>
    Autodesk3Dl,

    /// <summary>.csp, Rising Sun cinespace 1D/3D with preluts (read and write).</summary>
    Csp,

    /// <summary>.clf, Academy/ASC Common LUT Format v3 (read and write; any process list is a look, LUT-only lists are LUTs).</summary>
    Clf,

    /// <summary>.ctf, Autodesk Color Transform Format, where CLF-compatible (read only).</summary>
    Ctf,
}

/// <summary>
/// Entry point for LUT files: picks the reader or writer by extension. Every reader works on text in
/// memory with bounded sizes and reports malformed input as an <see cref="InputException"/> naming the
/// file and the 1-based line.
/// </summary>
public static class LutFormats
{
    /// <summary>Largest LUT file read: 256 MiB.</summary>
    public const long MaxFileBytes = LutText.MaxFileBytes;

    /// <summary>The format for a file name's extension, or null when it is not a LUT extension.</summary>
    public static LutFormat? FromExtension(string fileName) =>
        Path.GetExtension(fileName).ToLowerInvariant() switch
        {
            ".cube" => LutFormat.Cube,
            ".spi1d" => LutFormat.Spi1D,
            ".spi3d" => LutFormat.Spi3D,
            ".3dl" => LutFormat.Autodesk3Dl,
            ".csp" => LutFormat.Csp,
            ".clf" => LutFormat.Clf,
            ".ctf" => LutFormat.Ctf,
            _ => null,
        };

    public static bool CanWrite(LutFormat format) => format != LutFormat.Ctf;

    /// <summary>Reads a LUT file from disk (size checked before reading).</summary>
    public static LutFile Read(string path)
    {
        var format = FromExtension(path)
            ?? throw new InputException($"unknown LUT extension '{Path.GetExtension(path)}' (expected .cube, .spi1d, .spi3d, .3dl, .csp, .clf or .ctf)", path);
        string text;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                throw new InputException("file not found", path);
            }
            if (info.Length > MaxFileBytes)
            {
                throw new InputException($"file is larger than {MaxFileBytes / (1024 * 1024)} MiB, which no LUT needs", path);
            }
            text = File.ReadAllText(path);
        }
        catch (IOException e)
        {
            throw new InputException($"cannot read: {e.Message}", path, inner: e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new InputException($"cannot read: {e.Message}", path, inner: e);
        }
        return Parse(text, format, path);
    }

    /// <summary>
    /// Reads any LUT file as ops, in application order: a CLF/CTF process list with all its nodes (it may
    /// hold more than a LUT), every other format as its shaper and cube. <paramref name="interpolation"/>,
    /// when given, overrides the 3D LUTs' interpolation.
    /// </summary>
    public static OpList ReadOps(string path, Lut3DInterpolation? interpolation = null)
    {
        if (FromExtension(path) is LutFormat.Clf or LutFormat.Ctf)
        {
            return ClfReader.Read(path).ToOps(interpolation);
        }
        return Read(path).ToOps(interpolation);
    }

    /// <summary>Parses LUT text, choosing the format from <paramref name="fileName"/>'s extension.</summary>
    public static LutFile Parse(string text, string fileName)
    {
        var format = FromExtension(fileName)
            ?? throw new InputException($"unknown LUT extension '{Path.GetExtension(fileName)}'", fileName);
        return Parse(text, format, fileName);
    }

    public static LutFile Parse(string text, LutFormat format, string? fileName) => format switch
    {
        LutFormat.Cube => CubeReader.Parse(text, fileName),
        LutFormat.Spi1D => Spi1DReader.Parse(text, fileName),
        LutFormat.Spi3D => Spi3DReader.Parse(text, fileName),
        LutFormat.Autodesk3Dl => Autodesk3DlReader.Parse(text, fileName),
        LutFormat.Csp => CspReader.Parse(text, fileName),
        LutFormat.Clf or LutFormat.Ctf => ClfReader.Parse(text, fileName).ToLutFile()
            ?? throw new InputException("this process list holds more than a LUT (matrices, logs, CDLs, ...): " +
                "use it as a look (--look), or resample it with `lut convert --size N`", fileName),
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    /// <summary>
    /// The file text of <paramref name="lut"/> in <paramref name="format"/>. Throws
    /// <see cref="NotSupportedException"/> when the format cannot hold the LUT (for example a shaper in a
    /// .spi3d, or a per-channel domain in a Resolve-style .cube).
    /// </summary>
    public static string Format(LutFile lut, LutFormat format) => format switch
    {
        LutFormat.Cube => CubeWriter.Format(lut),
        LutFormat.Spi1D => Spi1DWriter.Format(lut),
        LutFormat.Spi3D => Spi3DWriter.Format(lut),
        LutFormat.Autodesk3Dl => Autodesk3DlWriter.Format(lut),
        LutFormat.Csp => CspWriter.Format(lut),
        LutFormat.Clf => ClfWriter.Format(lut),
        _ => throw new NotSupportedException($"LiveGrade does not write {format} files"),
    };

    /// <summary>Writes <paramref name="lut"/> to <paramref name="path"/> in the format of its extension.</summary>
    public static void Write(LutFile lut, string path)
    {
        var format = FromExtension(path)
            ?? throw new ArgumentException($"unknown LUT extension '{Path.GetExtension(path)}'", nameof(path));
        File.WriteAllText(path, Format(lut, format));
    }
}
