using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using LiveGrade.Color.Formats.Cdl;
using LiveGrade.Color.Spaces;
using LiveGrade.Core.Diagnostics;
using LiveGrade.Core.Video;

namespace LiveGrade.Engine.Library.Exchange;

/// <summary>What an import cannot read from the file itself: defaults that the command line supplies.</summary>
public sealed record ImportOptions
{
    /// <summary>Camera for every imported look; null: taken from the file (a Camera column, the roll's letters).</summary>
    public string? Camera { get; init; }

    public string Author { get; init; } = Environment.UserName;

    /// <summary>Camera encoding of the imported looks, when the file does not say.</summary>
    public string? InputSpace { get; init; }

    /// <summary>Where the imported CDLs apply, when the file does not say.</summary>
    public string? WorkingSpace { get; init; }

    /// <summary>Frame rate of the timecodes, when the file does not say (ALE has FPS; EDL and CDL do not).</summary>
    public FrameRate? FrameRate { get; init; }
}

/// <summary>Shared pieces of the exchange readers and writers.</summary>
public static partial class ExchangeText
{
    /// <summary>Largest exchange file read: ALEs and EDLs of a whole show are megabytes.</summary>
    public const int MaxFileBytes = 64 * 1024 * 1024;

    /// <summary>Reads a whole text file (UTF-8, or the encoding its BOM names), as an <see cref="InputException"/> on failure.</summary>
    public static string ReadAll(string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                throw new InputException("file not found", path);
            }
            if (info.Length > MaxFileBytes)
            {
                throw new InputException($"file is {info.Length} bytes; exchange files are at most {MaxFileBytes}", path);
            }
            return File.ReadAllText(path, Encoding.UTF8).TrimStart('\uFEFF');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"cannot read the file: {e.Message}", path, inner: e);
        }
    }

    /// <summary>Lines without their CR/LF (files from Windows and old Macs both occur).</summary>
    public static string[] Lines(string text) => text.ReplaceLineEndings("\n").Split('\n');

    /// <summary>The camera letters a roll or clip name starts with ("A001" and "A001C003_..." give "A"), or null.</summary>
    public static string? CameraFromName(string? name) =>
        name is not null && LeadingLetters().Match(name.Trim()) is { Success: true } m ? m.Value.ToUpperInvariant() : null;

    [GeneratedRegex(@"^[A-Za-z]{1,3}(?=\d|_)")]
    private static partial Regex LeadingLetters();

    /// <summary>The look's saved timecode label normalised, checked against the rate when known; null with reason when bad.</summary>
    public static string? CheckTimecode(string text, FrameRate? rate, out string? reason)
    {
        reason = null;
        var t = text.Trim();
        if (rate is { } r)
        {
            if (!Timecode.TryParse(t, r, out var tc, out var error))
            {
                reason = error;
                return null;
            }
            return tc.ToString();
        }
        if (SqlLookStore.NormalizeTimecode(t) is null)
        {
            reason = $"'{t}' is not a timecode (HH:MM:SS:FF)";
            return null;
        }
        return t.Replace('.', ';').Replace(',', ';');
    }

    /// <summary>A known colour space name for <paramref name="text"/> (a name or an alias), else null.</summary>
    public static string? KnownSpace(string? text) => text is null ? null : ColorSpaceRegistry.Find(text.Trim())?.Name;

    /// <summary>
    /// CDL ids for looks exported together: the clip name where there is one and it is unique, otherwise
    /// camera_scene_take_roll; whitespace becomes '_' (ids are URIs in the ASC schema); duplicates get _vN.
    /// </summary>
    public static IReadOnlyList<string> CorrectionIds(IReadOnlyList<LookRecord> looks)
    {
        static string Clean(string s) => Whitespace().Replace(s.Trim(), "_");
        var clipCounts = looks.Where(l => l.Slot.Clip.Length > 0).GroupBy(l => l.Slot.Clip).ToDictionary(g => g.Key, g => g.Count());
        var ids = new List<string>(looks.Count);
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var l in looks)
        {
            var s = l.Slot;
            string id = s.Clip.Length > 0 && clipCounts[s.Clip] == 1 ? Clean(s.Clip)
                : Clean(string.Join('_', new[] { s.Camera, s.Scene.Length > 0 ? "sc" + s.Scene : "", s.Take.Length > 0 ? "tk" + s.Take : "", s.Roll, s.Clip }
                    .Where(p => p.Length > 0)));
            if (!used.Add(id))
            {
                id = $"{id}_v{l.Version}";
                for (int n = 2; !used.Add(id); n++)
                {
                    id = $"{id}_{n}";
                }
            }
            ids.Add(id);
        }
        return ids;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    /// <summary>
    /// Reverses <see cref="CorrectionIds"/>' composite form "A_sc12_tk3[_A001]" (a look without a clip name) into
    /// its slot, so that LiveGrade's own CDL exports import with their keys; null for any other id.
    /// </summary>
    public static LookSlot? SlotFromCorrectionId(string? id)
    {
        if (id is null || CompositeId().Match(id) is not { Success: true } m)
        {
            return null;
        }
        return new LookSlot(m.Groups["cam"].Value, m.Groups["scene"].Value, m.Groups["take"].Value, m.Groups["roll"].Value);
    }

    [GeneratedRegex(@"^(?<cam>[^_\s]+)(?:_sc(?<scene>[^_\s]+))?(?:_tk(?<take>[^_\s]+))?(?:_(?<roll>[^_\s]+))?$")]
    private static partial Regex CompositeId();

    /// <summary>
    /// The look as an ASC ColorCorrection with an id and descriptions saying where it belongs and who made it;
    /// InputDescription names the working space (where the CDL applies, which the numbers alone do not say) and
    /// ViewingDescription the output transform or LUTs it was judged through.
    /// </summary>
    public static CdlCorrection ToCorrection(LookRecord look, string id)
    {
        var d = look.Look;
        var descriptions = new List<string> { $"LiveGrade look {look.Slot} version {look.Version}", $"saved by {d.Author} at {look.SavedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)}" };
        if (d.Note is { Length: > 0 } note)
        {
            descriptions.Add(note);
        }
        string? viewing = d.OutputTransform is { } o ? AcesTransformIds.FindOutput(o)?.Description ?? o
            : d.Luts.Count > 0 ? "through " + string.Join(", ", d.Luts.Select(l => l.FileName)) : null;
        return new CdlCorrection(id, d.Cdl.Slope, d.Cdl.Offset, d.Cdl.Power, d.Cdl.Saturation)
        {
            Descriptions = descriptions,
            InputDescription = d.WorkingSpace,
            ViewingDescription = viewing,
        };
    }
}
