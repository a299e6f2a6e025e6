using LiveGrade.Color.Ops;
using LiveGrade.Color.Ops.Cdl;
using LiveGrade.Core.Diagnostics;

namespace LiveGrade.Color.Looks;

/// <summary>Loads a look file by its extension into ops.</summary>
public static class LookFiles
{
    public static OpList Load(string path, string? cccId, CdlStyle cdlStyle)
    {
        if (!File.Exists(path))
        {
            throw new InputException("no such file", path);
        }
        string ext = System.IO.Path.GetExtension(path).ToLowerInvariant();
        throw new InputException($"unsupported look file type '{ext}'", path);
    }
}
