using LiveGrade.Color.Formats.Cdl;
using LiveGrade.Color.Ops;
using LiveGrade.Color.Ops.Cdl;
using LiveGrade.Core.Diagnostics;

namespace LiveGrade.Color.Looks;

/// <summary>Loads a look file by its extension into ops.</summary>
public static class LookFiles
{
    /// <summary>Extensions <see cref="Load"/> understands.</summary>
    public static IReadOnlyList<string> Extensions { get; } = [".cdl", ".cc", ".ccc"];

    public static OpList Load(string path, string? cccId, CdlStyle cdlStyle)
    {
        if (!File.Exists(path))
        {
            throw new InputException("no such file", path);
        }
        string ext = Path.GetExtension(path).ToLowerInvariant();
        return ext switch
        {
            ".cdl" or ".cc" or ".ccc" => new OpList().Add(CdlFileReader.Read(path).Find(cccId).ToOpData(cdlStyle)),
            _ => throw new InputException($"unsupported look file type '{ext}' (supported: {string.Join(", ", Extensions)})", path),
        };
    }
}
