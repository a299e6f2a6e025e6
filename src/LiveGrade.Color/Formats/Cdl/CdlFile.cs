using System.Globalization;
using LiveGrade.Core.Diagnostics;

namespace LiveGrade.Color.Formats.Cdl;

/// <summary>The three ASC CDL exchange files, named by their root element.</summary>
public enum CdlFileKind
{
    /// <summary><c>.cdl</c>: <c>ColorDecisionList</c> of <c>ColorDecision</c>s, each holding one ColorCorrection.</summary>
    DecisionList,

    /// <summary><c>.ccc</c>: <c>ColorCorrectionCollection</c> of ColorCorrections.</summary>
    Collection,

    /// <summary><c>.cc</c>: a single <c>ColorCorrection</c> as the root.</summary>
    Correction,
}

/// <summary>
/// The contents of a .cdl, .cc or .ccc file: its corrections in file order plus the file-level descriptions.
/// Corrections are never empty; a <see cref="CdlFileKind.Correction"/> file holds exactly one and has no
/// file-level text (a .cc has nowhere to put it). Ids, where present, are unique.
/// </summary>
public sealed class CdlFile
{
    public CdlFile(CdlFileKind kind, IReadOnlyList<CdlCorrection> corrections, string? fileName = null)
    {
        if (corrections.Count == 0)
        {
            throw new ArgumentException("a CDL file needs at least one correction", nameof(corrections));
        }
        if (kind == CdlFileKind.Correction && corrections.Count != 1)
        {
            throw new ArgumentException($"a .cc file holds exactly one correction, not {corrections.Count}", nameof(corrections));
        }
        var duplicate = corrections.Where(c => c.Id is not null).GroupBy(c => c.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"correction id '{duplicate.Key}' appears more than once", nameof(corrections));
        }
        Kind = kind;
        Corrections = [.. corrections];
        FileName = fileName;
    }

    public CdlFileKind Kind { get; }

    public IReadOnlyList<CdlCorrection> Corrections { get; }

    /// <summary>Where the file was read from, for error messages; null for files built in memory.</summary>
    public string? FileName { get; }

    /// <summary>File-level <c>Description</c> elements, trimmed, in file order (.cdl and .ccc only).</summary>
    public IReadOnlyList<string> Descriptions { get; init; } = [];

    /// <summary>File-level <c>InputDescription</c> (.cdl and .ccc only).</summary>
    public string? InputDescription { get; init; }

    /// <summary>File-level <c>ViewingDescription</c> (.cdl and .ccc only).</summary>
    public string? ViewingDescription { get; init; }

    /// <summary>
    /// Selects a correction as OpenColorIO's FileTransform does with its cccid: null or empty gives the first;
    /// otherwise the correction with that id, else, when the text is an integer, the correction at that 0-based
    /// index. Anything else is an <see cref="InputException"/> naming the ids the file has.
    /// </summary>
    public CdlCorrection Find(string? cccId)
    {
        if (string.IsNullOrEmpty(cccId))
        {
            return Corrections[0];
        }
        if (Corrections.FirstOrDefault(c => c.Id == cccId) is { } byId)
        {
            return byId;
        }
        if (int.TryParse(cccId, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int index))
        {
            if (index < 0 || index >= Corrections.Count)
            {
                throw new InputException(
                    $"correction index {index} is outside 0..{Corrections.Count - 1} and no correction has that id", FileName);
            }
            return Corrections[index];
        }
        var ids = Corrections.Where(c => c.Id is not null).Select(c => $"'{c.Id}'").ToList();
        throw new InputException($"no correction with id '{cccId}'; " +
            (ids.Count > 0 ? $"ids in the file: {string.Join(", ", ids)}" : "the file has no ids") +
            $" (or give an index 0..{Corrections.Count - 1})", FileName);
    }
}
