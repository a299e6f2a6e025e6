using System.Security.Cryptography;
using LiveGrade.Color.Formats.Cdl;
using LiveGrade.Color.Ops.Cdl;
using LiveGrade.Core.Video;

namespace LiveGrade.Engine.Library;

/// <summary>
/// Where a look belongs on the shoot: one camera, and the scene, take, camera roll (reel) and clip it was made for.
/// Camera is required; the others may be empty ("" rather than null, so that equality and SQL keys stay simple).
/// Saving a look for the same slot again makes a new version of it; nothing is ever overwritten.
/// </summary>
public sealed record LookSlot
{
    public LookSlot(string camera, string? scene = null, string? take = null, string? roll = null, string? clip = null)
    {
        Camera = Clean(camera, nameof(camera));
        if (Camera.Length == 0)
        {
            throw new ArgumentException("a look needs a camera name", nameof(camera));
        }
        Scene = Clean(scene, nameof(scene));
        Take = Clean(take, nameof(take));
        Roll = Clean(roll, nameof(roll));
        Clip = Clean(clip, nameof(clip));
    }

    /// <summary>Longest key accepted: clip names of every camera fit; the limit keeps garbage out of the store.</summary>
    public const int MaxKeyLength = 256;

    /// <summary>Camera name as the DIT labels it ("A", "B", "Steadicam").</summary>
    public string Camera { get; }

    public string Scene { get; }

    public string Take { get; }

    /// <summary>Camera roll / reel / tape name (e.g. "A001"), the ALE Camroll and the EDL reel.</summary>
    public string Roll { get; }

    /// <summary>Clip name as the camera wrote it (e.g. "A001C003_230512_R1AB"), the ALE Name.</summary>
    public string Clip { get; }

    /// <summary>A readable one-line name: "A sc12 tk3 A001 A001C003".</summary>
    public override string ToString() =>
        string.Join(' ', new[] { Camera, Scene.Length > 0 ? "sc" + Scene : "", Take.Length > 0 ? "tk" + Take : "", Roll, Clip }
            .Where(s => s.Length > 0));

    private static string Clean(string? value, string name)
    {
        var v = (value ?? "").Trim();
        if (v.Length > MaxKeyLength)
        {
            throw new ArgumentException($"{name} is longer than {MaxKeyLength} characters", name);
        }
        if (v.Any(char.IsControl))
        {
            throw new ArgumentException($"{name} contains control characters", name);
        }
        return v;
    }
}

/// <summary>
/// A LUT a look sits with, held by content so that an export is unambiguous even after the file on disk changed:
/// the file name it had (which decides its format), where it came from, and its bytes with their SHA-256.
/// </summary>
public sealed record LookLut
{
    public LookLut(string fileName, byte[] content, string? sourcePath = null)
    {
        if (string.IsNullOrWhiteSpace(fileName) || fileName.IndexOfAny(['/', '\\']) >= 0)
        {
            throw new ArgumentException("a LUT needs a plain file name (no folders)", nameof(fileName));
        }
        FileName = fileName;
        Content = content;
        SourcePath = sourcePath;
        Sha256 = Convert.ToHexStringLower(SHA256.HashData(content));
    }

    /// <summary>Reads a LUT file from disk (the caller has checked it parses).</summary>
    public static LookLut FromFile(string path) => new(Path.GetFileName(path), File.ReadAllBytes(path), Path.GetFullPath(path));

    public string FileName { get; }

    /// <summary>The file's bytes exactly as read.</summary>
    public byte[] Content { get; }

    /// <summary>Full path the LUT was read from, for people; null when unknown.</summary>
    public string? SourcePath { get; }

    /// <summary>Lower-case hex SHA-256 of <see cref="Content"/>.</summary>
    public string Sha256 { get; }
}

/// <summary>
/// What a station asks the library to save: the slot, the CDL and everything needed to reproduce the picture.
/// The pipeline it describes is: signal in <see cref="InputSpace"/> -> <see cref="WorkingSpace"/> -> CDL ->
/// <see cref="Luts"/> in order -> <see cref="OutputTransform"/> (see <see cref="LookPipeline"/>).
/// </summary>
public sealed record LookDraft(LookSlot Slot, CdlCorrection Cdl)
{
    /// <summary>How the CDL treats values outside 0..1 (OpenColorIO applies CDL files without clamping).</summary>
    public CdlStyle CdlStyle { get; init; } = CdlStyle.NoClamp;

    /// <summary>The camera's encoding (a <c>livegrade spaces</c> name, e.g. "ARRI LogC3 (EI800)"); null when unknown.</summary>
    public string? InputSpace { get; init; }

    /// <summary>
    /// Where the CDL was made: the camera log space itself or "ACEScct" (a <c>livegrade spaces</c> name); null
    /// when unknown (a CDL file from another tool rarely says).
    /// </summary>
    public string? WorkingSpace { get; init; }

    /// <summary>LUTs applied after the CDL, in order (a show LUT, a film emulation).</summary>
    public IReadOnlyList<LookLut> Luts { get; init; } = [];

    /// <summary>The output transform the look was judged through (<see cref="AcesOutputTransforms"/>), or null.</summary>
    public string? OutputTransform { get; init; }

    /// <summary>Source timecode of the first frame, "HH:MM:SS:FF" (";" for drop-frame), or null.</summary>
    public string? TimecodeIn { get; init; }

    /// <summary>Source timecode after the last frame (exclusive, as ALE End and EDL source out), or null.</summary>
    public string? TimecodeOut { get; init; }

    /// <summary>Frame rate of the timecodes; null when unknown.</summary>
    public FrameRate? FrameRate { get; init; }

    /// <summary>A PNG still of the graded frame, or null.</summary>
    public byte[]? Thumbnail { get; init; }

    /// <summary>Who saved it (the DIT's name, or the station); required.</summary>
    public string Author { get; init; } = Environment.UserName;

    /// <summary>Free text: what the look is for, what changed.</summary>
    public string? Note { get; init; }
}

/// <summary>A saved version of a look: the draft as stored, its row id, version number and save time.</summary>
public sealed record LookRecord
{
    public required long Id { get; init; }

    /// <summary>1 for the first save of a slot, then 2, 3, ...</summary>
    public required int Version { get; init; }

    /// <summary>When the save was committed (UTC, millisecond precision as stored).</summary>
    public required DateTimeOffset SavedAt { get; init; }

    public required LookDraft Look { get; init; }

    /// <summary>True when a thumbnail is stored (read it with <see cref="ILookStore.ReadThumbnail"/>).</summary>
    public bool HasThumbnail { get; init; }

    public LookSlot Slot => Look.Slot;

    public CdlCorrection Cdl => Look.Cdl;

    public override string ToString() => $"{Slot} v{Version} ({Look.Author}, {SavedAt:yyyy-MM-dd HH:mm:ss}Z)";
}

/// <summary>
/// A search: every non-null key must match (case-insensitively, whole value). <see cref="Timecode"/> finds looks
/// whose [in, out) range holds that source timecode. By default only the newest version of each slot is returned.
/// </summary>
public sealed record LookQuery
{
    public string? Camera { get; init; }
    public string? Scene { get; init; }
    public string? Take { get; init; }
    public string? Roll { get; init; }
    public string? Clip { get; init; }
    public string? Author { get; init; }

    /// <summary>A source timecode "HH:MM:SS:FF" inside the look's [in, out) range.</summary>
    public string? Timecode { get; init; }

    /// <summary>Every version rather than the newest of each slot.</summary>
    public bool AllVersions { get; init; }

    public static LookQuery Everything { get; } = new();
}
