using System.Text;
using System.Text.RegularExpressions;
using LiveGrade.Color.Formats.Cdl;
using LiveGrade.Color.Formats.Lut;
using LiveGrade.Color.Looks;
using LiveGrade.Color.Processing;
using LiveGrade.Core.Diagnostics;
using LiveGrade.Core.Video;

namespace LiveGrade.Engine.Library.Exchange;

/// <summary>The formats looks export to.</summary>
public enum LookExportFormat
{
    Cdl,
    Cc,
    Ccc,
    Ale,
    Edl,
    Amf,
    Clf,
    Cube,
}

public sealed record LookExportOptions
{
    /// <summary>Frame rate written to ALE and EDL when no look knows its own.</summary>
    public FrameRate FallbackRate { get; init; } = FrameRate.Fps24;

    /// <summary>Round ALE/EDL CDL numbers to this many significant digits; null writes them exactly.</summary>
    public int? SignificantDigits { get; init; }

    /// <summary>Edge of baked 3D LUTs.</summary>
    public int CubeSize { get; init; } = 33;

    public string Title { get; init; } = "LiveGrade looks";
}

/// <summary>
/// Writes looks in the dailies formats. Per-look formats (.cc, .amf, .cube, and .cdl when the target is a folder)
/// write one file per look into a folder; collection formats (.ccc, .ale, .edl, and .cdl to a file) write one
/// file for all of them. Every file is written to a temporary name and moved into place, so a reader never sees
/// half a file.
/// </summary>
public static partial class LookExporter
{
    public static LookExportFormat ParseFormat(string text) =>
        Enum.TryParse<LookExportFormat>(text, ignoreCase: true, out var f) && !int.TryParse(text, out _) ? f
            : throw new InputException($"unknown export format '{text}' (cdl, cc, ccc, ale, edl, amf, clf, cube)");

    public static string Extension(LookExportFormat format) => "." + format.ToString().ToLowerInvariant();

    /// <summary>True when the format holds any number of looks in one file.</summary>
    public static bool IsCollection(LookExportFormat format) => format is LookExportFormat.Cdl or LookExportFormat.Ccc or LookExportFormat.Ale or LookExportFormat.Edl;

    /// <summary>The text of a one-file export: a collection format, or a per-look format for exactly one look.</summary>
    public static string ToText(IReadOnlyList<LookRecord> looks, LookExportFormat format, LookExportOptions options)
    {
        if (looks.Count == 0)
        {
            throw new InputException("no looks match: nothing to export");
        }
        if (!IsCollection(format) && looks.Count != 1)
        {
            throw new InputException($"{looks.Count} looks match but a {Extension(format)} file holds one: give a folder with -o, or narrow the selection");
        }
        var ids = ExchangeText.CorrectionIds(looks);
        return format switch
        {
            LookExportFormat.Cdl => WithNewline(CdlFileWriter.Write(Collection(CdlFileKind.DecisionList, looks, ids, options))),
            LookExportFormat.Ccc => WithNewline(CdlFileWriter.Write(Collection(CdlFileKind.Collection, looks, ids, options))),
            LookExportFormat.Cc => WithNewline(CdlFileWriter.Write(new CdlFile(CdlFileKind.Correction, [ExchangeText.ToCorrection(looks[0], ids[0])]))),
            LookExportFormat.Ale => AleWriter.Write(looks, options.FallbackRate, options.SignificantDigits),
            LookExportFormat.Edl => EdlWriter.Write(looks, options.FallbackRate, options.Title, options.SignificantDigits),
            LookExportFormat.Amf => AmfWriter.Write(looks[0]),
            LookExportFormat.Cube => Bake(looks[0], options.CubeSize),
            LookExportFormat.Clf => Clf(looks[0]),
            _ => throw new ArgumentOutOfRangeException(nameof(format)),
        };
    }

    /// <summary>
    /// Writes to <paramref name="output"/>: an existing folder (or a path ending in a separator) gets one file per
    /// look for per-look formats and .cdl, or one file named after the format for .ccc/.ale/.edl; any other path is
    /// the one file. Returns the paths written.
    /// </summary>
    public static IReadOnlyList<string> ToPath(IReadOnlyList<LookRecord> looks, LookExportFormat format, string output, LookExportOptions options)
    {
        if (looks.Count == 0)
        {
            throw new InputException("no looks match: nothing to export");
        }
        // Every file is made in memory first, so that a look that cannot be exported (an AMF without a working
        // space) stops the export before anything is written.
        var files = new List<(string Path, byte[] Bytes)>();
        var utf8 = new UTF8Encoding(false);
        bool folder = Directory.Exists(output) || output.EndsWith('/') || output.EndsWith(Path.DirectorySeparatorChar);
        if (!folder)
        {
            files.Add((output, utf8.GetBytes(ToText(looks, format, options))));
            if (format == LookExportFormat.Amf)
            {
                string dir = Path.GetDirectoryName(Path.GetFullPath(output))!;
                files.AddRange(looks[0].Look.Luts.Select(l => (Path.Combine(dir, l.FileName), l.Content)));
            }
        }
        else if (format is LookExportFormat.Ccc or LookExportFormat.Ale or LookExportFormat.Edl)
        {
            files.Add((Path.Combine(output, "looks" + Extension(format)), utf8.GetBytes(ToText(looks, format, options))));
        }
        else
        {
            var ids = ExchangeText.CorrectionIds(looks);
            for (int i = 0; i < looks.Count; i++)
            {
                string path = Path.Combine(output, SafeFileName(ids[i]) + Extension(format));
                string text = format switch
                {
                    LookExportFormat.Amf => AmfWriter.Write(looks[i], [.. looks[i].Look.Luts.Select(LutFileName)]),
                    LookExportFormat.Cdl => WithNewline(CdlFileWriter.Write(Collection(CdlFileKind.DecisionList, [looks[i]], [ids[i]], options))),
                    LookExportFormat.Cc => WithNewline(CdlFileWriter.Write(new CdlFile(CdlFileKind.Correction, [ExchangeText.ToCorrection(looks[i], ids[i])]))),
                    LookExportFormat.Cube => Bake(looks[i], options.CubeSize),
                    LookExportFormat.Clf => Clf(looks[i]),
                    _ => throw new ArgumentOutOfRangeException(nameof(format)),
                };
                files.Add((path, utf8.GetBytes(text)));
                if (format == LookExportFormat.Amf)
                {
                    files.AddRange(looks[i].Look.Luts.Select(l => (Path.Combine(output, LutFileName(l)), l.Content)));
                }
            }
            Directory.CreateDirectory(output);
        }
        foreach (var (path, bytes) in files)
        {
            WriteAtomically(path, bytes);
        }
        return [.. files.Select(f => f.Path)];
    }

    private static string WithNewline(string text) => text.EndsWith('\n') ? text : text + "\n";

    /// <summary>
    /// The whole look as an Academy/ASC Common LUT Format v3 file, op for op (input transform, CDL in its
    /// working space, the look's LUTs, output transform), as `livegrade lut export` writes a chain: exact where
    /// the baked .cube is sampled. Ops CLF has no node for are written as the CLF writer's half-domain LUT1Ds.
    /// </summary>
    private static string Clf(LookRecord look) =>
        LiveGrade.Color.Formats.Lut.Clf.ClfWriter.Format(LookPipeline.Build(look.Look), $"LiveGrade {look.Slot} v{look.Version}",
            [$"camera {look.Slot.Camera}, saved by {look.Look.Author}"]);

    /// <summary>
    /// The look as a 3D LUT over its input (the camera signal's code values 0..1): the whole pipeline of
    /// <see cref="LookPipeline"/>, sampled by the same <see cref="LookBaker"/> as `livegrade lut bake`.
    /// </summary>
    public static string Bake(LookRecord look, int size)
    {
        var (cube, _) = LookBaker.BakeCube(new CpuProcessor(LookPipeline.Build(look.Look)), size, u => u);
        return LutFormats.Format(new LutFile(null, cube, $"LiveGrade {look.Slot} v{look.Version}"), LutFormat.Cube);
    }

    private static CdlFile Collection(CdlFileKind kind, IReadOnlyList<LookRecord> looks, IReadOnlyList<string> ids, LookExportOptions options) =>
        new(kind, [.. looks.Select((l, i) => ExchangeText.ToCorrection(l, ids[i]))])
        {
            Descriptions = [options.Title],
            // The file-level InputDescription applies to every correction: only when they all agree.
            InputDescription = looks.Select(l => l.Look.WorkingSpace).Distinct().Count() == 1 ? looks[0].Look.WorkingSpace : null,
        };

    /// <summary>A LUT's name beside an AMF: its name with the start of its hash, so two LUTs of one name cannot collide.</summary>
    private static string LutFileName(LookLut lut) =>
        SafeFileName(Path.GetFileNameWithoutExtension(lut.FileName)) + "_" + lut.Sha256[..8] + Path.GetExtension(lut.FileName).ToLowerInvariant();

    private static string SafeFileName(string name) => Unsafe().Replace(name, "_");

    [GeneratedRegex(@"[^A-Za-z0-9._\-]")]
    private static partial Regex Unsafe();

    private static void WriteAtomically(string path, byte[] bytes)
    {
        string tmp = path + ".tmp-" + Environment.ProcessId;
        try
        {
            File.WriteAllBytes(tmp, bytes);
            File.Move(tmp, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            try
            {
                File.Delete(tmp);
            }
            catch (IOException)
            {
            }
            throw new InputException($"cannot write: {e.Message}", path, inner: e);
        }
    }
}
