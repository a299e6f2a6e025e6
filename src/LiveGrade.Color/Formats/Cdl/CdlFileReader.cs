using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using LiveGrade.Color.Ops.Cdl;
using LiveGrade.Core.Diagnostics;

namespace LiveGrade.Color.Formats.Cdl;

/// <summary>
/// Reads ASC CDL exchange files: .cdl (<c>ColorDecisionList</c>), .ccc (<c>ColorCorrectionCollection</c>) and
/// .cc (a <c>ColorCorrection</c> root). The root element decides the kind, not the file name.
/// Tolerant where files in the wild differ harmlessly: any namespace (urn:ASC:CDL:v1.01, v1.2, none),
/// <c>SATNode</c> for <c>SatNode</c>, numbers separated by whitespace or commas, unknown elements ignored,
/// a missing SOPNode or SatNode meaning identity. Strict about the numbers: exactly three finite numbers in
/// invariant culture for Slope, Offset and Power, one for Saturation, within <see cref="CdlOpData"/>'s limits.
/// Every problem is an <see cref="InputException"/> with the 1-based line of the offending element.
/// </summary>
public static class CdlFileReader
{
    /// <summary>Largest file accepted: real CDL files are kilobytes; the bound keeps a wrong file from eating memory.</summary>
    public const int MaxSize = 16 * 1024 * 1024;

    private static readonly XmlReaderSettings Settings = new()
    {
        // No DTDs and no resolver: no entity expansion, no network or file access from inside a file.
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = MaxSize,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
    };

    /// <summary>Reads a file; its path is the File of any <see cref="InputException"/>.</summary>
    public static CdlFile Read(string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                throw new InputException("file not found", path);
            }
            if (info.Length > MaxSize)
            {
                throw new InputException($"file is {info.Length} bytes; CDL files are at most {MaxSize}", path);
            }
            // From a stream, so that the XML declaration's encoding (or a BOM) decides how bytes become text.
            using var stream = File.OpenRead(path);
            using var xml = XmlReader.Create(stream, Settings);
            return Load(xml, path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"cannot read the file: {e.Message}", path, inner: e);
        }
    }

    /// <summary>Parses file text held in memory; <paramref name="fileName"/> only names it in errors.</summary>
    public static CdlFile Parse(string text, string? fileName = null)
    {
        if (text.Length > MaxSize)
        {
            throw new InputException($"text is {text.Length} characters; CDL files are at most {MaxSize}", fileName);
        }
        // A BOM that survived decoding is not XML; drop it rather than fail on line 1.
        using var xml = XmlReader.Create(new StringReader(text.TrimStart('\uFEFF')), Settings);
        return Load(xml, fileName);
    }

    private static CdlFile Load(XmlReader xml, string? fileName)
    {
        try
        {
            return FromRoot(XDocument.Load(xml, LoadOptions.SetLineInfo).Root!, fileName);
        }
        catch (XmlException e)
        {
            // A few errors come without a position (.NET reports a prohibited DTD on line 0): leave the line out.
            throw new InputException($"malformed XML: {e.Message.TrimEnd('.')}", fileName,
                e.LineNumber > 0 ? e.LineNumber : null, e);
        }
        catch (InputException e) when (fileName is not null && e.File is null)
        {
            throw e.WithFile(fileName);
        }
    }

    private static CdlFile FromRoot(XElement root, string? fileName)
    {
        var (kind, elements) = root.Name.LocalName switch
        {
            "ColorDecisionList" => (CdlFileKind.DecisionList, Children(root, "ColorDecision")
                .SelectMany(d => d.Elements().Where(e => e.Name.LocalName is "ColorCorrection" or "ColorCorrectionRef"))),
            "ColorCorrectionCollection" => (CdlFileKind.Collection, Children(root, "ColorCorrection")),
            "ColorCorrection" => (CdlFileKind.Correction, new[] { root }),
            var other => throw Error(root,
                $"root element is <{other}>; an ASC CDL file has ColorDecisionList, ColorCorrectionCollection or ColorCorrection"),
        };

        var corrections = new List<CdlCorrection>();
        var lineOfId = new Dictionary<string, int?>(StringComparer.Ordinal);
        var refs = new List<XElement>();
        foreach (var e in elements)
        {
            if (e.Name.LocalName == "ColorCorrectionRef")
            {
                refs.Add(e);
                continue;
            }
            var correction = ReadCorrection(e);
            if (correction.Id is { } id && !lineOfId.TryAdd(id, LineOf(e)))
            {
                throw Error(e, $"ColorCorrection id '{id}' is used twice (first at line {lineOfId[id]})");
            }
            corrections.Add(correction);
        }
        // A ColorDecision may point at a ColorCorrection defined elsewhere in the file instead of holding one.
        // That correction is already in the list; one that is not in this file cannot be applied, so say so.
        foreach (var r in refs)
        {
            string target = r.Attribute("ref")?.Value ?? throw Error(r, "ColorCorrectionRef has no ref attribute");
            if (!lineOfId.ContainsKey(target))
            {
                throw Error(r, $"ColorCorrectionRef '{target}' names no ColorCorrection in this file " +
                    "(references into other files are not supported)");
            }
        }
        if (corrections.Count == 0)
        {
            throw Error(root, $"{root.Name.LocalName} holds no ColorCorrection");
        }

        bool hasFileText = kind != CdlFileKind.Correction;
        return new CdlFile(kind, corrections, fileName)
        {
            Descriptions = hasFileText ? Texts(root, "Description") : [],
            InputDescription = hasFileText ? Text(root, "InputDescription") : null,
            ViewingDescription = hasFileText ? Text(root, "ViewingDescription") : null,
        };
    }

    private static CdlCorrection ReadCorrection(XElement cc)
    {
        if (cc.Elements().FirstOrDefault(e => e.Name.LocalName is "ASC_SOP" or "ASC_SAT") is { } alias)
        {
            // ALE/EDL column names used as elements. OpenColorIO ignores them and applies identity, which would
            // silently drop the grade here too: refuse, so that the DIT fixes the file before dailies see it.
            throw Error(alias, $"<{alias.Name.LocalName}> is not an ASC CDL element (use SOPNode and SatNode)");
        }
        var sop = Single(cc, "SOPNode");
        var sat = Single(cc, "SatNode", "SATNode");

        double[] slope = [1, 1, 1], offset = [0, 0, 0], power = [1, 1, 1];
        double saturation = 1;
        if (sop is not null)
        {
            var (slopeElement, offsetElement, powerElement) =
                (Required(sop, "Slope"), Required(sop, "Offset"), Required(sop, "Power"));
            slope = Numbers(slopeElement, 3);
            offset = Numbers(offsetElement, 3);
            power = Numbers(powerElement, 3);
            // CdlOpData owns the limits. Checking one group at a time, the others at identity, pins an error
            // on the element that holds the bad value.
            CheckLimits(slopeElement, () => new CdlOpData(slope, [0, 0, 0], [1, 1, 1], 1));
            CheckLimits(offsetElement, () => new CdlOpData([1, 1, 1], offset, [1, 1, 1], 1));
            CheckLimits(powerElement, () => new CdlOpData([1, 1, 1], [0, 0, 0], power, 1));
        }
        if (sat is not null)
        {
            var saturationElement = Required(sat, "Saturation");
            saturation = Numbers(saturationElement, 1)[0];
            CheckLimits(saturationElement, () => new CdlOpData([1, 1, 1], [0, 0, 0], [1, 1, 1], saturation));
        }

        return new CdlCorrection(cc.Attribute("id")?.Value, slope, offset, power, saturation)
        {
            Descriptions = Texts(cc, "Description"),
            InputDescription = Text(cc, "InputDescription"),
            ViewingDescription = Text(cc, "ViewingDescription"),
            SopDescriptions = sop is null ? [] : Texts(sop, "Description"),
            SatDescriptions = sat is null ? [] : Texts(sat, "Description"),
        };
    }

    private static double[] Numbers(XElement e, int count)
    {
        string name = e.Name.LocalName;
        // The ASC schema separates with spaces; commas appear in hand-written and some tools' files.
        var tokens = e.Value.Split([' ', '\t', '\r', '\n', ','], StringSplitOptions.RemoveEmptyEntries);
        if (tokens.Length != count)
        {
            throw Error(e, $"{name} needs {count} number{(count == 1 ? "" : "s")}, found {tokens.Length}");
        }
        var values = new double[count];
        for (int i = 0; i < count; i++)
        {
            if (!double.TryParse(tokens[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]))
            {
                throw Error(e, $"{name} value '{tokens[i]}' is not a number");
            }
            if (!double.IsFinite(values[i]))
            {
                throw Error(e, $"{name} value '{tokens[i]}' is not a finite number");
            }
        }
        return values;
    }

    private static void CheckLimits(XElement e, Action check)
    {
        try
        {
            check();
        }
        catch (ArgumentException x)
        {
            throw Error(e, x.Message);
        }
    }

    private static IEnumerable<XElement> Children(XElement parent, params string[] names) =>
        parent.Elements().Where(e => names.Contains(e.Name.LocalName));

    /// <summary>The one child with one of these names, or null; a second one is an error.</summary>
    private static XElement? Single(XElement parent, params string[] names)
    {
        var found = Children(parent, names).Take(2).ToList();
        return found.Count < 2 ? found.FirstOrDefault()
            : throw Error(found[1], $"{parent.Name.LocalName} has more than one {found[1].Name.LocalName}");
    }

    private static XElement Required(XElement parent, string name) =>
        Single(parent, name) ?? throw Error(parent, $"{parent.Name.LocalName} has no {name}");

    private static List<string> Texts(XElement parent, string name) =>
        [.. Children(parent, name).Select(e => e.Value.Trim())];

    private static string? Text(XElement parent, string name) => Children(parent, name).FirstOrDefault()?.Value.Trim();

    private static int? LineOf(XElement e) => ((IXmlLineInfo)e).HasLineInfo() ? ((IXmlLineInfo)e).LineNumber : null;

    private static InputException Error(XElement e, string reason) => new(reason, line: LineOf(e));
}
