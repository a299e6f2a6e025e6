using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using LiveGrade.Color.Formats.Cdl;
using LiveGrade.Core.Diagnostics;
using LiveGrade.Core.Video;

namespace LiveGrade.Engine.Library.Exchange;

/// <summary>
/// CMX3600 EDL with ASC CDL comments. Event layout from the CMX 3600 format (event number, reel, track V,
/// transition C, source in/out, record in/out); the CDL as the ASC CDL v1.2 specification puts it in EDLs:
/// <c>*ASC_SOP (s s s)(o o o)(p p p)</c> and <c>*ASC_SAT v</c> after the event, with Avid's
/// <c>* FROM CLIP NAME:</c> as Resolve writes it. The record timecode runs from 01:00:00:00 event after event
/// (Lustre and Baselight match CDLs by record timecode). LiveGrade adds <c>* CAMERA:</c>, <c>* SCENE:</c> and
/// <c>* TAKE:</c> comments, which other readers ignore as they ignore any comment.
/// </summary>
public static class EdlWriter
{
    public static string Write(IReadOnlyList<LookRecord> looks, FrameRate fallbackRate, string title, int? significantDigits = null)
    {
        var rate = looks.Select(l => l.Look.FrameRate).FirstOrDefault(r => r is not null) ?? fallbackRate;
        bool drop = looks.Any(l => l.Look.TimecodeIn?.Contains(';') == true) && rate.SupportsDropFrame;
        var ids = ExchangeText.CorrectionIds(looks);
        var sb = new StringBuilder();
        void Line(string s) => sb.Append(s).Append("\r\n");
        Line($"TITLE: {OneLine(title)}");
        Line(drop ? "FCM: DROP FRAME" : "FCM: NON-DROP FRAME");
        Line("");
        var record = Timecode.FromFields(1, 0, 0, 0, rate, drop);
        for (int i = 0; i < looks.Count; i++)
        {
            var l = looks[i];
            var s = l.Slot;
            // Without source timecodes an event still needs a range: one frame from 00:00:00:00.
            var srcIn = l.Look.TimecodeIn is { } tin && Timecode.TryParse(tin, rate, out var a, out _) ? a : Timecode.FromFrameCount(0, rate, drop);
            var srcOut = l.Look.TimecodeOut is { } tout && Timecode.TryParse(tout, rate, out var b, out _) ? b : srcIn.Add(1, rate);
            long duration = Math.Max(1, srcOut.ToFrameCount(rate) - srcIn.ToFrameCount(rate));
            var recOut = record.Add(duration, rate);
            // CMX 3600 reels are 8 characters; longer names are kept whole (Resolve and Avid read them) rather than cut.
            string reel = Reel(s.Roll.Length > 0 ? s.Roll : s.Clip.Length > 0 ? s.Clip : ids[i]);
            Line(string.Create(CultureInfo.InvariantCulture, $"{i + 1:000}  {reel,-8} V     C        {srcIn} {srcOut} {record} {recOut}"));
            Line($"* FROM CLIP NAME: {OneLine(s.Clip.Length > 0 ? s.Clip : ids[i])}");
            Line($"* CAMERA: {OneLine(s.Camera)}");
            if (s.Scene.Length > 0)
            {
                Line($"* SCENE: {OneLine(s.Scene)}");
            }
            if (s.Take.Length > 0)
            {
                Line($"* TAKE: {OneLine(s.Take)}");
            }
            Line($"*ASC_SOP {SopText.FormatSop(l.Cdl, significantDigits)}");
            Line($"*ASC_SAT {SopText.FormatSat(l.Cdl, significantDigits)}");
            Line("");
            record = recOut;
        }
        return sb.ToString();
    }

    private static string Reel(string name) => Regex.Replace(name.Trim(), @"\s+", "_");

    private static string OneLine(string s) => s.ReplaceLineEndings(" ").Trim();
}

/// <summary>
/// Reads CMX3600 EDLs with ASC CDL comments as Resolve, Avid, Baselight, Lustre and Livegrade write them.
/// Tolerant: CRLF or LF, "*ASC_SOP" or "* ASC_SOP", spaces or none between the SOP groups, transitions other
/// than a cut (D, W, K with a duration), any other comment or line (M2, SPLIT, AUD) ignored, events without a
/// CDL skipped, ASC_SAT missing (1.0). Strict: a malformed event line, timecode or CDL number is an
/// <see cref="InputException"/> naming the file and line, and nothing is imported. <c>*ASC_CC_XML</c>
/// references into a separate .ccc cannot be resolved from the EDL alone and are refused unless the event also
/// carries *ASC_SOP.
/// </summary>
public static partial class EdlReader
{
    public static IReadOnlyList<LookDraft> Read(string path, ImportOptions options) => Parse(ExchangeText.ReadAll(path), path, options);

    private sealed class Event(int line, string reel, string srcIn, string srcOut)
    {
        public int Line { get; } = line;
        public string Reel { get; } = reel;
        public string SrcIn { get; } = srcIn;
        public string SrcOut { get; } = srcOut;
        public string? Clip { get; set; }
        public string? Camera { get; set; }
        public string? Scene { get; set; }
        public string? Take { get; set; }
        public (double[] Slope, double[] Offset, double[] Power)? Sop { get; set; }
        public double? Sat { get; set; }
        public int? CcXmlLine { get; set; }
    }

    public static IReadOnlyList<LookDraft> Parse(string text, string? fileName, ImportOptions options)
    {
        var lines = ExchangeText.Lines(text);
        InputException Error(int index, string reason) => new(reason, fileName, index + 1);
        var events = new List<Event>();
        Event? current = null;
        bool sawTitle = false;
        for (int i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0)
            {
                continue;
            }
            if (line.StartsWith("TITLE:", StringComparison.OrdinalIgnoreCase))
            {
                sawTitle = true;
                continue;
            }
            if (line.StartsWith("FCM:", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            if (line.StartsWith('*'))
            {
                var comment = line[1..].TrimStart();
                if (current is null)
                {
                    if (comment.StartsWith("ASC_", StringComparison.OrdinalIgnoreCase))
                    {
                        throw Error(i, $"{comment.Split(' ')[0]} before the first event");
                    }
                    continue;
                }
                ReadComment(current, comment, i, Error);
                continue;
            }
            if (char.IsDigit(line[0]))
            {
                var m = EventLine().Match(line);
                if (!m.Success)
                {
                    throw Error(i, $"not a CMX3600 event line: '{line}'");
                }
                var tcs = new[] { m.Groups["si"].Value, m.Groups["so"].Value, m.Groups["ri"].Value, m.Groups["ro"].Value };
                foreach (var tc in tcs)
                {
                    if (ExchangeText.CheckTimecode(tc, options.FrameRate, out var why) is null)
                    {
                        throw Error(i, why!);
                    }
                }
                current = new Event(i, m.Groups["reel"].Value, tcs[0], tcs[1]);
                events.Add(current);
                continue;
            }
            if (!sawTitle && events.Count == 0 && !line.Contains(':'))
            {
                throw Error(i, "not an EDL: expected TITLE:, FCM: or an event line");
            }
            // Anything else (M2 speed changes, SPLIT:, AUD, >>> SOURCE lines) carries no CDL.
        }

        var drafts = new List<LookDraft>();
        foreach (var e in events)
        {
            if (e.Sop is null)
            {
                if (e.CcXmlLine is { } ccLine)
                {
                    throw Error(ccLine, "*ASC_CC_XML points into a .ccc that the EDL does not carry; import that .ccc instead");
                }
                continue;
            }
            string clip = e.Clip ?? "";
            string? camera = options.Camera ?? e.Camera ?? ExchangeText.CameraFromName(e.Reel) ?? ExchangeText.CameraFromName(clip)
                ?? throw Error(e.Line, "cannot tell this event's camera (no * CAMERA: comment, reel or clip name starting with letters): give --camera");
            try
            {
                var sop = e.Sop.Value;
                drafts.Add(new LookDraft(new LookSlot(camera, e.Scene, e.Take, e.Reel, clip),
                    new CdlCorrection(null, sop.Slope, sop.Offset, sop.Power, e.Sat ?? 1))
                {
                    TimecodeIn = e.SrcIn,
                    TimecodeOut = e.SrcOut,
                    FrameRate = options.FrameRate,
                    Author = options.Author,
                    InputSpace = options.InputSpace,
                    WorkingSpace = options.WorkingSpace,
                    Note = $"imported from {Path.GetFileName(fileName ?? "EDL")}",
                });
            }
            catch (ArgumentException x)
            {
                throw Error(e.Line, x.Message);
            }
        }
        return drafts;
    }

    private static void ReadComment(Event e, string comment, int i, Func<int, string, InputException> error)
    {
        string? After(string key)
        {
            if (!comment.StartsWith(key, StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }
            var rest = comment[key.Length..];
            return rest.Length == 0 || rest[0] is ' ' or '\t' or ':' ? rest.TrimStart(':', ' ', '\t').Trim() : null;
        }
        if (After("ASC_SOP") is { } sop)
        {
            if (e.Sop is not null)
            {
                throw error(i, "a second *ASC_SOP for the same event");
            }
            e.Sop = SopText.ParseSop(sop, out var reason) ?? throw error(i, reason!);
        }
        else if (After("ASC_SAT") is { } sat)
        {
            if (e.Sat is not null)
            {
                throw error(i, "a second *ASC_SAT for the same event");
            }
            e.Sat = SopText.ParseSat(sat, out var reason) ?? throw error(i, reason!);
        }
        else if (After("ASC_CC_XML") is not null)
        {
            e.CcXmlLine = i;
        }
        else if (After("FROM CLIP NAME") is { } clip)
        {
            e.Clip = clip;
        }
        else if (After("CAMERA") is { Length: > 0 } camera)
        {
            e.Camera = camera;
        }
        else if (After("SCENE") is { } scene)
        {
            e.Scene = scene;
        }
        else if (After("TAKE") is { } take)
        {
            e.Take = take;
        }
    }

    // Event number, reel, track (V, A, A2, B, AA/V...), transition (C, D, W001, K B, with an optional duration),
    // then four timecodes. Drop-frame labels use ';'.
    [GeneratedRegex(@"^(?<num>\d{1,6})\s+(?<reel>\S+)\s+(?<track>\S+)\s+(?<tr>C|D|W\d*|K\s*B?|KB|KO)(?:\s+(?<dur>\d{1,4}))?\s+" +
        @"(?<si>\d\d:\d\d:\d\d[:;.]\d\d)\s+(?<so>\d\d:\d\d:\d\d[:;.]\d\d)\s+(?<ri>\d\d:\d\d:\d\d[:;.]\d\d)\s+(?<ro>\d\d:\d\d:\d\d[:;.]\d\d)$",
        RegexOptions.IgnoreCase)]
    private static partial Regex EventLine();
}
