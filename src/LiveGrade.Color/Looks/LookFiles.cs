using LiveGrade.Color.Formats.Cdl;
using LiveGrade.Color.Formats.Lut;
using LiveGrade.Color.Ops;
using LiveGrade.Color.Ops.Cdl;
using LiveGrade.Color.Ops.Lut3D;
using LiveGrade.Core.Diagnostics;

namespace LiveGrade.Color.Looks;

/// <summary>Loads a look file by its extension into ops: ASC CDL files and every LUT format LiveGrade reads.</summary>
public static class LookFiles
{
    /// <summary>Extensions <see cref="Load"/> understands.</summary>
    public static IReadOnlyList<string> Extensions { get; } = [".cdl", ".cc", ".ccc", ".cube", ".spi1d", ".spi3d", ".3dl", ".csp", ".clf", ".ctf"];

    /// <param name="interpolation">For 3D LUTs; null keeps the default (tetrahedral).</param>
    public static OpList Load(string path, string? cccId, CdlStyle cdlStyle, Lut3DInterpolation? interpolation = null)
    {
        if (!File.Exists(path))
        {
            throw new InputException("no such file", path);
        }
        string ext = Path.GetExtension(path).ToLowerInvariant();
        if (ext is ".cdl" or ".cc" or ".ccc")
        {
            return new OpList().Add(CdlFileReader.Read(path).Find(cccId).ToOpData(cdlStyle));
        }
        if (LutFormats.FromExtension(path) is not null)
        {
            return LutFormats.ReadOps(path, interpolation);
        }
        throw new InputException($"unsupported look file type '{ext}' (supported: {string.Join(", ", Extensions)})", path);
    }
}
