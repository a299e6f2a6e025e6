using System.Globalization;
using LiveGrade.Color.Formats.Cdl;
using LiveGrade.Core.Diagnostics;
using LiveGrade.Engine.Control;

namespace LiveGrade.App.Panel;

/// <summary>
/// The panel's look shelf until the look library is part of the engine: one ASC CDL <c>.cc</c> file per saved
/// version, in <c>FOLDER/CAMERA/</c>, named <c>sc{scene}_tk{take}_{clip}.v{N}.cc</c>. The files are what a
/// colourist receives anyway (OpenColorIO and Resolve read them); the scene, take, clip, LUTs, note and time
/// travel as <c>Description</c> lines ("livegrade-scene: 12"), and <c>InputDescription</c> names the working
/// space the CDL applies in. Versions are never overwritten (a new save takes the next free number, created
/// exclusively). Thread-safe: each call works on files only.
/// </summary>
public sealed class CdlFolderLookShelf(string folder) : ILookShelf
{
    private const string Prefix = "livegrade-";

    public string Location { get; } = Path.GetFullPath(folder);

    /// <summary>$LIVEGRADE_HOME/looks, or ~/.livegrade/looks.</summary>
    public static string DefaultFolder() => Path.Combine(PanelPaths.Home(), "looks");

    public ShelfLook Save(ShelfDraft d)
    {
        var dir = Path.Combine(Location, Safe(d.Camera));
        Directory.CreateDirectory(dir);
        string stem = string.Join('_', new[] { d.Scene.Length > 0 ? "sc" + Safe(d.Scene) : "", d.Take.Length > 0 ? "tk" + Safe(d.Take) : "", Safe(d.Clip) }.Where(s => s.Length > 0));
        if (stem.Length == 0) stem = "look";
        var saved = DateTimeOffset.UtcNow;
        var lines = new List<string>
        {
            $"{Prefix}camera: {d.Camera}",
            $"{Prefix}scene: {d.Scene}",
            $"{Prefix}take: {d.Take}",
            $"{Prefix}clip: {d.Clip}",
            $"{Prefix}saved: {saved:O}",
            $"{Prefix}input-space: {d.InputSpace}",
        };
        lines.AddRange(d.Luts.Select(l => $"{Prefix}lut: {l}"));
        if (!string.IsNullOrWhiteSpace(d.Note)) lines.Add($"{Prefix}note: {d.Note.ReplaceLineEndings(" ")}");
        for (int version = 1; version < 10_000; version++)
        {
            var path = Path.Combine(dir, $"{stem}.v{version}.cc");
            var id = $"{Safe(d.Camera)}_{stem}_v{version}";
            var c = d.Cdl;
            var correction = new CdlCorrection(id, [c.Slope.R, c.Slope.G, c.Slope.B], [c.Offset.R, c.Offset.G, c.Offset.B], [c.Power.R, c.Power.G, c.Power.B], c.Sat)
            {
                Descriptions = lines,
                InputDescription = d.WorkingSpace,
                ViewingDescription = "Rec.1886 (ACES 1.0 SDR video)",
            };
            var bytes = System.Text.Encoding.UTF8.GetBytes(CdlFileWriter.Write(new CdlFile(CdlFileKind.Correction, [correction])));
            try
            {
                // CreateNew: two stations saving the same slot at once get two versions, never one overwritten.
                using (var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
                {
                    stream.Write(bytes);
                    stream.Flush(flushToDisk: true);
                }
                return new ShelfLook(path, d.Camera, d.Scene, d.Take, d.Clip, version, saved, d.Cdl, d.Luts, d.Note);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Taken: try the next version.
            }
        }
        throw new IOException($"{dir}: 10000 versions of '{stem}' already exist");
    }

    public IReadOnlyList<ShelfLook> List(string camera)
    {
        var dir = Path.Combine(Location, Safe(camera));
        if (!Directory.Exists(dir)) return [];
        var looks = new List<ShelfLook>();
        foreach (var path in Directory.EnumerateFiles(dir, "*.cc"))
        {
            try
            {
                looks.Add(Read(path, camera));
            }
            catch (Exception e) when (e is InputException or ArgumentException or FormatException)
            {
                // A file that is not one of ours (or is damaged) is left out of the list, not fatal.
            }
        }
        return [.. looks.OrderByDescending(l => l.SavedAt)];
    }

    private static ShelfLook Read(string path, string camera)
    {
        var file = CdlFileReader.Read(path);
        var c = file.Corrections[0];
        string Field(string name) => c.Descriptions.FirstOrDefault(s => s.StartsWith(Prefix + name + ": ", StringComparison.Ordinal))?[(Prefix.Length + name.Length + 2)..] ?? "";
        var luts = c.Descriptions.Where(s => s.StartsWith(Prefix + "lut: ", StringComparison.Ordinal)).Select(s => s[(Prefix.Length + 5)..]).ToList();
        var name = Path.GetFileName(path);
        int v = name.LastIndexOf(".v", StringComparison.Ordinal);
        int version = v >= 0 && int.TryParse(name[(v + 2)..^3], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 1;
        var saved = DateTimeOffset.TryParse(Field("saved"), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var t) ? t : new DateTimeOffset(File.GetLastWriteTimeUtc(path));
        var cdl = new CdlValues(new(c.Slope[0], c.Slope[1], c.Slope[2]), new(c.Offset[0], c.Offset[1], c.Offset[2]), new(c.Power[0], c.Power[1], c.Power[2]), c.Saturation);
        var note = Field("note");
        return new ShelfLook(path, camera, Field("scene"), Field("take"), Field("clip"), version, saved, cdl, luts, note.Length > 0 ? note : null);
    }

    /// <summary>A name made safe as one path component (letters, digits, '-', '_', '.'; never "." or "..").</summary>
    private static string Safe(string s)
    {
        var t = string.Concat(s.Trim().Select(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' ? ch : '-'));
        return t.Trim('.').Length == 0 ? (t.Length == 0 ? "" : "x") : t;
    }
}

/// <summary>Where the panel keeps its files: $LIVEGRADE_HOME, or ~/.livegrade.</summary>
public static class PanelPaths
{
    public static string Home()
    {
        var home = Environment.GetEnvironmentVariable("LIVEGRADE_HOME");
        return string.IsNullOrWhiteSpace(home)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".livegrade")
            : Path.GetFullPath(home);
    }

    /// <summary>The panel's layout file (window places and sizes, table columns).</summary>
    public static string IniFile() => Path.Combine(Home(), "imgui.ini");
}
