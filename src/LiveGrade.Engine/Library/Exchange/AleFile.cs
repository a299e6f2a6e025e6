using System.Globalization;
using System.Text;
using LiveGrade.Color.Formats.Cdl;
using LiveGrade.Core.Diagnostics;
using LiveGrade.Core.Video;

namespace LiveGrade.Engine.Library.Exchange;

/// <summary>
/// Avid Log Exchange with ASC CDL columns. Layout from Avid's ALE specification (Media Composer "Avid Log
/// Exchange" file format: sections Heading, Column, Data; tab-separated; FIELD_DELIM TABS, VIDEO_FORMAT,
/// AUDIO_FORMAT, FPS in the heading) and the ASC CDL v1.2 specification's ALE columns ASC_SOP
/// "(s s s)(o o o)(p p p)" and ASC_SAT, as DaVinci Resolve and Pomfort Silverstack write them for dailies.
/// Clips are matched by Name (the camera clip name), Tape/Camroll, Start and End; Scene and Take ride along.
/// </summary>
public static class AleWriter
{
    /// <summary>The columns written, in order. Camera is Avid's own "Camera" column.</summary>
    public static readonly string[] Columns = ["Name", "Tape", "Camroll", "Camera", "Scene", "Take", "Start", "End", "ASC_SOP", "ASC_SAT"];

    /// <param name="fallbackRate">FPS written when no look knows its rate (Avid requires the FPS line).</param>
    public static string Write(IReadOnlyList<LookRecord> looks, FrameRate fallbackRate, int? significantDigits = null)
    {
        var rate = looks.Select(l => l.Look.FrameRate).FirstOrDefault(r => r is not null) ?? fallbackRate;
        var ids = ExchangeText.CorrectionIds(looks);
        var sb = new StringBuilder();
        // CRLF: Avid's own ALEs and Resolve's use it; every reader accepts it.
        void Line(params string[] cells) => sb.Append(string.Join('\t', cells)).Append("\r\n");
        Line("Heading");
        Line("FIELD_DELIM", "TABS");
        Line("VIDEO_FORMAT", "1080");
        Line("AUDIO_FORMAT", "48khz");
        Line("FPS", rate.ToString());
        Line();
        Line("Column");
        Line(Columns);
        Line();
        Line("Data");
        for (int i = 0; i < looks.Count; i++)
        {
            var l = looks[i];
            var s = l.Slot;
            Line(Cell(s.Clip.Length > 0 ? s.Clip : ids[i]), Cell(s.Roll), Cell(s.Roll), Cell(s.Camera), Cell(s.Scene), Cell(s.Take),
                l.Look.TimecodeIn ?? "", l.Look.TimecodeOut ?? "",
                SopText.FormatSop(l.Cdl, significantDigits), SopText.FormatSat(l.Cdl, significantDigits));
        }
        return sb.ToString();
    }

    // A tab or line break inside a value would shift every later column; ALE has no quoting, so replace them.
    private static string Cell(string value) => value.Replace('\t', ' ').Replace('\r', ' ').Replace('\n', ' ');
}

/// <summary>
/// Reads ALEs with ASC_SOP/ASC_SAT as Resolve, Silverstack, Avid and Livegrade write them. Tolerant of what varies
/// between them: CRLF or LF, blank lines or none between sections, heading lines in any order or missing, extra
/// and unknown columns in any order, case of column names, the name column as Name, Clip Name or Source File,
/// the roll as Tape, Camroll, Camera Roll, Reel or Reel Name, the camera as Camera or Camera #, rows shorter
/// than the column line, rows without a CDL (skipped), ASC_SAT missing (1.0). Strict about numbers and
/// timecodes: any bad one is an <see cref="InputException"/> naming the file and line, and nothing is imported.
/// </summary>
public static class AleReader
{
    private static readonly string[] NameColumns = ["Name", "Clip Name", "Clip", "Source File", "Source File Name"];
    private static readonly string[] RollColumns = ["Camroll", "Camera Roll", "Tape", "Reel", "Reel Name", "Tape Name"];
    private static readonly string[] CameraColumns = ["Camera", "Camera #", "Cam", "Camera Index"];

    public static IReadOnlyList<LookDraft> Read(string path, ImportOptions options) => Parse(ExchangeText.ReadAll(path), path, options);

    public static IReadOnlyList<LookDraft> Parse(string text, string? fileName, ImportOptions options)
    {
        var lines = ExchangeText.Lines(text);
        InputException Error(int index, string reason) => new(reason, fileName, index + 1);

        int i = 0;
        string Section(int at) => lines[at].Trim();
        while (i < lines.Length && Section(i).Length == 0)
        {
            i++;
        }
        if (i == lines.Length || !Section(i).Equals("Heading", StringComparison.OrdinalIgnoreCase))
        {
            throw Error(Math.Min(i, lines.Length - 1), "not an ALE: the first line must be 'Heading'");
        }
        var heading = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (i++; i < lines.Length && !Section(i).Equals("Column", StringComparison.OrdinalIgnoreCase); i++)
        {
            var cells = lines[i].Split('\t');
            if (cells[0].Trim().Length > 0)
            {
                heading[cells[0].Trim()] = cells.Length > 1 ? cells[1].Trim() : "";
            }
        }
        if (i == lines.Length)
        {
            throw Error(lines.Length - 1, "ALE has no 'Column' section");
        }
        if (heading.TryGetValue("FIELD_DELIM", out var delim) && !delim.Equals("TABS", StringComparison.OrdinalIgnoreCase))
        {
            throw Error(i, $"FIELD_DELIM is '{delim}'; only TABS is defined for ALE");
        }
        FrameRate? rate = options.FrameRate;
        if (heading.TryGetValue("FPS", out var fps) && fps.Length > 0)
        {
            rate = FrameRate.TryParse(fps, out var r) ? r
                : throw Error(Array.FindIndex(lines, l => l.TrimStart().StartsWith("FPS", StringComparison.OrdinalIgnoreCase)), $"FPS '{fps}' is not a frame rate");
        }

        // The column line is the next non-empty one.
        for (i++; i < lines.Length && Section(i).Length == 0; i++)
        {
        }
        if (i == lines.Length)
        {
            throw Error(lines.Length - 1, "ALE 'Column' section has no column names");
        }
        int columnLine = i;
        var columns = lines[i].Split('\t').Select(c => c.Trim()).ToArray();
        int Find(params string[] names)
        {
            foreach (var n in names)
            {
                int k = Array.FindIndex(columns, c => c.Equals(n, StringComparison.OrdinalIgnoreCase));
                if (k >= 0)
                {
                    return k;
                }
            }
            return -1;
        }
        int sop = Find("ASC_SOP"), sat = Find("ASC_SAT"), name = Find(NameColumns), roll = Find(RollColumns), camera = Find(CameraColumns),
            scene = Find("Scene"), take = Find("Take"), start = Find("Start"), end = Find("End");
        if (sop < 0)
        {
            throw Error(columnLine, "ALE has no ASC_SOP column, so no CDLs to import");
        }
        if (name < 0 && roll < 0)
        {
            throw Error(columnLine, "ALE has neither a Name nor a Tape/Camroll column: the looks could not be matched to clips");
        }
        for (i++; i < lines.Length && !Section(i).Equals("Data", StringComparison.OrdinalIgnoreCase); i++)
        {
            if (Section(i).Length > 0)
            {
                throw Error(i, "expected 'Data' after the column names");
            }
        }
        if (i == lines.Length)
        {
            throw Error(lines.Length - 1, "ALE has no 'Data' section");
        }

        var drafts = new List<LookDraft>();
        for (i++; i < lines.Length; i++)
        {
            if (Section(i).Length == 0)
            {
                continue;
            }
            var cells = lines[i].Split('\t');
            if (cells.Length > columns.Length && cells.Skip(columns.Length).Any(c => c.Trim().Length > 0))
            {
                throw Error(i, $"row has {cells.Length} fields but the ALE has {columns.Length} columns");
            }
            string Cell(int k) => k >= 0 && k < cells.Length ? cells[k].Trim() : "";
            if (Cell(sop).Length == 0)
            {
                continue; // a clip without a grade
            }
            var sopValues = SopText.ParseSop(Cell(sop), out var reason) ?? throw Error(i, reason!);
            double saturation = 1;
            if (Cell(sat).Length > 0)
            {
                saturation = SopText.ParseSat(Cell(sat), out reason) ?? throw Error(i, reason!);
            }
            string? TimecodeCell(int k, string what)
            {
                if (Cell(k).Length == 0)
                {
                    return null;
                }
                return ExchangeText.CheckTimecode(Cell(k), rate, out var why) ?? throw Error(i, $"{what}: {why}");
            }
            string? tcIn = TimecodeCell(start, "Start"), tcOut = TimecodeCell(end, "End");
            string clip = Cell(name);
            if (name >= 0 && columns[name].StartsWith("Source File", StringComparison.OrdinalIgnoreCase))
            {
                clip = Path.GetFileNameWithoutExtension(clip.Replace('\\', '/').Split('/').Last());
            }
            string? cam = options.Camera ?? (Cell(camera).Length > 0 ? Cell(camera) : null)
                ?? ExchangeText.CameraFromName(Cell(roll)) ?? ExchangeText.CameraFromName(clip)
                ?? throw Error(i, "cannot tell this clip's camera (no Camera column, roll or clip name starting with letters): give --camera");
            try
            {
                var slot = new LookSlot(cam, Cell(scene), Cell(take), Cell(roll), clip);
                drafts.Add(new LookDraft(slot, new CdlCorrection(null, sopValues.Slope, sopValues.Offset, sopValues.Power, saturation))
                {
                    TimecodeIn = tcIn,
                    TimecodeOut = tcIn is null ? null : tcOut,
                    FrameRate = rate,
                    Author = options.Author,
                    InputSpace = options.InputSpace,
                    WorkingSpace = options.WorkingSpace,
                    Note = $"imported from {Path.GetFileName(fileName ?? "ALE")}",
                });
            }
            catch (ArgumentException e)
            {
                throw Error(i, e.Message);
            }
        }
        return drafts;
    }
}
