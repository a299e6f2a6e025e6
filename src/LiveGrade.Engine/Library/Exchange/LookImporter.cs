using LiveGrade.Color.Formats.Cdl;
using LiveGrade.Core.Diagnostics;

namespace LiveGrade.Engine.Library.Exchange;

/// <summary>
/// Reads looks from the exchange files other tools write: ALE (.ale), CMX3600 EDL (.edl), ASC CDL (.cdl, .cc,
/// .ccc) and AMF (.amf). The whole file is read and checked before anything is returned, so a malformed file
/// imports nothing; its error names the file and line.
/// </summary>
public static class LookImporter
{
    public static IReadOnlyList<string> Extensions { get; } = [".ale", ".edl", ".cdl", ".cc", ".ccc", ".amf"];

    public static IReadOnlyList<LookDraft> Read(string path, ImportOptions options)
    {
        string ext = Path.GetExtension(path).ToLowerInvariant();
        return ext switch
        {
            ".ale" => AleReader.Read(path, options),
            ".edl" => EdlReader.Read(path, options),
            ".cdl" or ".cc" or ".ccc" => FromCdl(CdlFileReader.Read(path), path, options),
            ".amf" => AmfReader.Read(path, options),
            _ => throw new InputException($"cannot import '{ext}' files (import {string.Join(", ", Extensions)})", path),
        };
    }

    /// <summary>One look per ColorCorrection: its id is the clip name, and a known space in its InputDescription the working space.</summary>
    public static IReadOnlyList<LookDraft> FromCdl(CdlFile file, string? path, ImportOptions options)
    {
        var drafts = new List<LookDraft>();
        foreach (var c in file.Corrections)
        {
            // LiveGrade's own ids for looks without a clip name carry the slot ("A_sc12_tk3").
            if (c.Id is { } id && id.Contains("_sc", StringComparison.Ordinal) && SafeSlot(id, path) is { } own)
            {
                LookSlot slot;
                try
                {
                    slot = options.Camera is null ? own : new LookSlot(options.Camera, own.Scene, own.Take, own.Roll);
                }
                catch (ArgumentException e)
                {
                    throw new InputException(e.Message, path);
                }
                drafts.Add(Draft(slot, c, file, path, options));
                continue;
            }
            string clip = c.Id ?? "";
            string camera = options.Camera ?? ExchangeText.CameraFromName(clip)
                ?? throw new InputException($"cannot tell the camera of correction '{c.Id ?? "(no id)"}' (its id does not start with camera letters): give --camera", path);
            try
            {
                drafts.Add(Draft(new LookSlot(camera, clip: clip), c, file, path, options));
            }
            catch (ArgumentException e)
            {
                throw new InputException(e.Message, path);
            }
        }
        return drafts;
    }

    private static LookSlot? SafeSlot(string id, string? path)
    {
        try
        {
            return ExchangeText.SlotFromCorrectionId(id);
        }
        catch (ArgumentException e)
        {
            throw new InputException($"correction '{id}': {e.Message}", path);
        }
    }

    private static LookDraft Draft(LookSlot slot, CdlCorrection c, CdlFile file, string? path, ImportOptions options) => new(slot, c)
    {
        Author = options.Author,
        InputSpace = options.InputSpace,
        WorkingSpace = ExchangeText.KnownSpace(c.InputDescription) ?? ExchangeText.KnownSpace(file.InputDescription) ?? options.WorkingSpace,
        FrameRate = options.FrameRate,
        Note = $"imported from {Path.GetFileName(path ?? "CDL")}",
    };
}
