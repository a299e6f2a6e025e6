using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using LiveGrade.Color.Formats.Cdl;
using LiveGrade.Color.Spaces;
using LiveGrade.Core.Diagnostics;

namespace LiveGrade.Engine.Library.Exchange;

/// <summary>
/// ACES Metadata File (AMF) v2.0 for one look (an AMF describes one clip's pipeline). Element order and types
/// follow the published schema (acesMetadataFile.xsd, namespace urn:ampas:aces:amf:v2.0, with the CDL elements
/// from the ASC CDL v1.01 schema it imports), which the tests validate against:
/// amfInfo, clipId, then pipeline = pipelineInfo, inputTransform, lookTransform*, outputTransform.
/// The CDL is a lookTransform with its cdlWorkingSpace (toCdlWorkingSpace / fromCdlWorkingSpace transform IDs,
/// e.g. ACES to ACEScct and back) and SOPNode/SatNode; each LUT the look sits with follows as a lookTransform
/// naming the file (written beside the AMF) with its SHA-256. Transforms are marked applied="false": the camera
/// files carry the untouched log signal. IDs come from <see cref="AcesTransformIds"/> (ACES 1.3, as rendered).
/// </summary>
public static class AmfWriter
{
    public static readonly XNamespace Aces = "urn:ampas:aces:amf:v2.0";
    public static readonly XNamespace Cdl = "urn:ASC:CDL:v1.01";
    public const string Sha256Algorithm = "http://www.w3.org/2001/04/xmlenc#sha256";

    /// <summary>The AMF text; throws <see cref="InputException"/> when the look lacks what an AMF needs.</summary>
    /// <param name="lutFileNames">The names the look's LUTs are written under beside the AMF (same order).</param>
    public static string Write(LookRecord look, IReadOnlyList<string>? lutFileNames = null)
    {
        var d = look.Look;
        var slot = look.Slot;
        var working = d.WorkingSpace is null ? null : ColorSpaceRegistry.Get(d.WorkingSpace);
        if (working is null)
        {
            throw new InputException($"look {slot} v{look.Version} has no working space: an AMF must say where its CDL applies (save it with --working)");
        }
        string toWorking = AcesTransformIds.FromAces(working)
            ?? throw new InputException($"look {slot}: no ACES 1.x transform ID takes ACES2065-1 to '{working.Name}'; AMF CDLs are exchanged in ACEScct");
        string fromWorking = AcesTransformIds.ToAces(working)!;
        string time = look.SavedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
        XElement DateTime() => new(Aces + "dateTime", new XElement(Aces + "creationDateTime", time), new XElement(Aces + "modificationDateTime", time));
        XElement Id(string name, string id) => new(Aces + name, new XElement(Aces + "transformId", id));

        var pipeline = new XElement(Aces + "pipeline",
            new XElement(Aces + "pipelineInfo",
                new XElement(Aces + "description", $"LiveGrade look {slot} version {look.Version}"),
                DateTime(),
                new XElement(Aces + "uuid", Uuid(look, "pipeline")),
                new XElement(Aces + "systemVersion",
                    new XElement(Aces + "majorVersion", AcesTransformIds.SystemVersion.Major),
                    new XElement(Aces + "minorVersion", AcesTransformIds.SystemVersion.Minor),
                    new XElement(Aces + "patchVersion", AcesTransformIds.SystemVersion.Patch))));

        if (d.InputSpace is { } inputName)
        {
            var input = ColorSpaceRegistry.Get(inputName);
            string id = AcesTransformIds.ToAces(input)
                ?? throw new InputException($"look {slot}: no ACES 1.x transform ID for the input space '{input.Name}'");
            pipeline.Add(new XElement(Aces + "inputTransform", new XAttribute("applied", "false"),
                new XElement(Aces + "description", $"{input.Name} to ACES2065-1"),
                new XElement(Aces + "transformId", id)));
        }

        var c = d.Cdl;
        pipeline.Add(new XElement(Aces + "lookTransform", new XAttribute("applied", "false"),
            new XElement(Aces + "description", $"ASC CDL graded in {working.Name} on set ({d.CdlStyle} style), by {d.Author}"),
            new XElement(Aces + "cdlWorkingSpace", Id("toCdlWorkingSpace", toWorking), Id("fromCdlWorkingSpace", fromWorking)),
            new XElement(Cdl + "SOPNode",
                new XElement(Cdl + "Slope", Numbers(c.Slope)),
                new XElement(Cdl + "Offset", Numbers(c.Offset)),
                new XElement(Cdl + "Power", Numbers(c.Power))),
            new XElement(Cdl + "SatNode", new XElement(Cdl + "Saturation", CdlFileWriter.FormatNumber(c.Saturation)))));

        for (int i = 0; i < d.Luts.Count; i++)
        {
            var lut = d.Luts[i];
            pipeline.Add(new XElement(Aces + "lookTransform", new XAttribute("applied", "false"),
                new XElement(Aces + "description", $"LUT {lut.FileName} applied in {working.Name} after the CDL"),
                new XElement(Aces + "hash", new XAttribute("algorithm", Sha256Algorithm), Convert.ToBase64String(Convert.FromHexString(lut.Sha256))),
                new XElement(Aces + "file", Uri.EscapeDataString(lutFileNames?[i] ?? lut.FileName))));
        }

        if (d.OutputTransform is { } outName)
        {
            var output = AcesTransformIds.FindOutput(outName) ?? throw new InputException($"look {slot}: unknown output transform '{outName}'");
            var element = new XElement(Aces + "outputTransform", new XAttribute("applied", "false"), new XElement(Aces + "description", output.Description));
            if (output.AcesIds.Count == 1)
            {
                element.Add(new XElement(Aces + "transformId", AcesTransformIds.Prefix + output.AcesIds[0]));
            }
            else
            {
                element.Add(Id("referenceRenderingTransform", AcesTransformIds.Prefix + output.AcesIds[0]),
                    Id("outputDeviceTransform", AcesTransformIds.Prefix + output.AcesIds[1]));
            }
            pipeline.Add(element);
        }

        var root = new XElement(Aces + "acesMetadataFile", new XAttribute("version", "2.0"),
            new XAttribute(XNamespace.Xmlns + "aces", Aces), new XAttribute(XNamespace.Xmlns + "cdl", Cdl),
            new XElement(Aces + "amfInfo",
                new XElement(Aces + "description", $"LiveGrade look {slot} version {look.Version}, saved by {d.Author}" +
                    (d.Note is { Length: > 0 } n ? $": {n}" : "")),
                DateTime(),
                new XElement(Aces + "uuid", Uuid(look, "amf"))));
        if (slot.Clip.Length > 0)
        {
            root.Add(new XElement(Aces + "clipId", new XElement(Aces + "clipName", slot.Clip), new XElement(Aces + "uuid", Uuid(look, "clip"))));
        }
        root.Add(pipeline);

        var sb = new StringBuilder();
        using (var w = XmlWriter.Create(new StringWriterUtf8(sb), new XmlWriterSettings { Indent = true, IndentChars = "    ", NewLineChars = "\n" }))
        {
            new XDocument(new XDeclaration("1.0", "UTF-8", null), root).Save(w);
        }
        return sb.ToString() + "\n";
    }

    private static string Numbers(IReadOnlyList<double> v) => string.Join(' ', v.Select(CdlFileWriter.FormatNumber));

    /// <summary>
    /// A stable urn:uuid for a look version (the same AMF exported twice is the same file): a version-4-shaped
    /// UUID from SHA-256 of the slot, version and purpose. Random-looking, unique per look version and purpose.
    /// </summary>
    private static string Uuid(LookRecord look, string purpose)
    {
        var s = look.Slot;
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes($"{s.Camera}\n{s.Scene}\n{s.Take}\n{s.Roll}\n{s.Clip}\n{look.Version}\n{look.SavedAt.ToUnixTimeMilliseconds()}\n{purpose}"))[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return "urn:uuid:" + new Guid(bytes, bigEndian: true).ToString("D");
    }

    private sealed class StringWriterUtf8(StringBuilder sb) : StringWriter(sb, CultureInfo.InvariantCulture)
    {
        public override Encoding Encoding => new UTF8Encoding(false);
    }
}

/// <summary>
/// Reads the CDL of an AMF (v2.0, or v1.0's namespace) as LiveGrade and other tools write it: the lookTransform
/// holding a cdlWorkingSpace with SOPNode/SatNode (or their ASC_SOP/ASC_SAT substitutes, as the ASC schema
/// allows), the clip name, and the input transform and CDL working space mapped back to LiveGrade's spaces
/// where the transform IDs are known (ACES 1.x or 2.0 ids of the same names). One CDL per AMF: a look holds one.
/// </summary>
public static class AmfReader
{
    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = ExchangeText.MaxFileBytes,
    };

    public static IReadOnlyList<LookDraft> Read(string path, ImportOptions options) => Parse(ExchangeText.ReadAll(path), path, options);

    public static IReadOnlyList<LookDraft> Parse(string text, string? fileName, ImportOptions options)
    {
        XElement root;
        try
        {
            using var xml = XmlReader.Create(new StringReader(text), Settings);
            root = XDocument.Load(xml, LoadOptions.SetLineInfo).Root!;
        }
        catch (XmlException e)
        {
            throw new InputException($"malformed XML: {e.Message.TrimEnd('.')}", fileName, e.LineNumber > 0 ? e.LineNumber : null, e);
        }
        static int? Line(XElement e) => ((IXmlLineInfo)e).HasLineInfo() ? ((IXmlLineInfo)e).LineNumber : null;
        InputException Error(XElement e, string reason) => new(reason, fileName, Line(e));
        if (root.Name.LocalName != "acesMetadataFile" || !root.Name.NamespaceName.StartsWith("urn:ampas:aces:amf:", StringComparison.Ordinal))
        {
            throw Error(root, $"root element is <{root.Name.LocalName}> in '{root.Name.NamespaceName}'; an AMF has acesMetadataFile in urn:ampas:aces:amf:v2.0");
        }
        var pipeline = root.Elements().FirstOrDefault(e => e.Name.LocalName == "pipeline") ?? throw Error(root, "AMF has no pipeline");
        var cdlLooks = pipeline.Elements().Where(e => e.Name.LocalName == "lookTransform" && Child(e, "cdlWorkingSpace") is not null).ToList();
        if (cdlLooks.Count == 0)
        {
            throw Error(pipeline, "AMF pipeline has no lookTransform with a CDL (cdlWorkingSpace with SOPNode/SatNode)");
        }
        if (cdlLooks.Count > 1)
        {
            throw Error(cdlLooks[1], $"AMF has {cdlLooks.Count} CDL lookTransforms; a LiveGrade look holds one CDL");
        }
        var look = cdlLooks[0];
        var sop = Child(look, "SOPNode", "ASC_SOP");
        if (sop is null && Child(look, "ColorCorrectionRef") is { } reference)
        {
            throw Error(reference, "the CDL is a ColorCorrectionRef into another file; import that .ccc/.cdl instead");
        }
        if (sop is null)
        {
            throw Error(look, "CDL lookTransform has no SOPNode");
        }
        double[] Numbers(string name, int count)
        {
            var e = Child(sop, name) ?? throw Error(sop, $"SOPNode has no {name}");
            var tokens = e.Value.Split([' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries);
            if (tokens.Length != count)
            {
                throw Error(e, $"{name} needs {count} numbers, found {tokens.Length}");
            }
            var v = new double[count];
            for (int i = 0; i < count; i++)
            {
                if (!double.TryParse(tokens[i], NumberStyles.Float, CultureInfo.InvariantCulture, out v[i]) || !double.IsFinite(v[i]))
                {
                    throw Error(e, $"{name} value '{tokens[i]}' is not a finite number");
                }
            }
            return v;
        }
        double[] slope = Numbers("Slope", 3), offset = Numbers("Offset", 3), power = Numbers("Power", 3);
        double saturation = 1;
        if (Child(look, "SatNode", "ASC_SAT") is { } satNode)
        {
            var satElement = Child(satNode, "Saturation") ?? throw Error(satNode, "SatNode has no Saturation");
            if (!double.TryParse(satElement.Value.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out saturation) || !double.IsFinite(saturation))
            {
                throw Error(satElement, $"Saturation '{satElement.Value.Trim()}' is not a finite number");
            }
        }
        CdlCorrection cdl;
        try
        {
            cdl = new CdlCorrection(null, slope, offset, power, saturation);
        }
        catch (ArgumentException e)
        {
            throw Error(sop, e.Message);
        }
        var working = Child(look, "cdlWorkingSpace")!;
        string? workingSpace = SpaceOfId(Child(working, "fromCdlWorkingSpace")?.Descendants().FirstOrDefault(e => e.Name.LocalName == "transformId")?.Value)
            ?? options.WorkingSpace;
        string? inputSpace = SpaceOfId(Child(pipeline, "inputTransform")?.Elements().FirstOrDefault(e => e.Name.LocalName == "transformId")?.Value)
            ?? options.InputSpace;
        string clip = Child(root, "clipId") is { } clipId ? Child(clipId, "clipName")?.Value.Trim() ?? "" : "";
        string camera = options.Camera ?? ExchangeText.CameraFromName(clip)
            ?? throw Error(root, "cannot tell the camera (no clip name starting with letters): give --camera");
        try
        {
            return [new LookDraft(new LookSlot(camera, clip: clip), cdl)
            {
                Author = options.Author,
                InputSpace = inputSpace,
                WorkingSpace = workingSpace,
                Note = $"imported from {Path.GetFileName(fileName ?? "AMF")}",
            }];
        }
        catch (ArgumentException e)
        {
            throw Error(root, e.Message);
        }
    }

    private static XElement? Child(XElement parent, params string[] names) => parent.Elements().FirstOrDefault(e => names.Contains(e.Name.LocalName));

    /// <summary>The LiveGrade space an ACES transform ID leads to ACES from (ACES 1.x or 2.0 naming), or null.</summary>
    private static string? SpaceOfId(string? id)
    {
        if (id is null)
        {
            return null;
        }
        var space = ColorSpaceRegistry.All.FirstOrDefault(s => AcesTransformIds.ToAces(s) == id.Trim());
        if (space is not null)
        {
            return space.Name;
        }
        // ACES 2.0 names (CSC.Academy.ACEScct_to_ACES.a2.v1, CSC.Arri.LogC3_to_ACES...): match the few we know by name.
        var t = id.Trim();
        return t.Contains("ACEScct_to_ACES", StringComparison.Ordinal) ? "ACEScct"
            : t.Contains("ACEScg_to_ACES", StringComparison.Ordinal) ? "ACEScg"
            : t.Contains("LogC3_to_ACES", StringComparison.Ordinal) || t.Contains("LogC_EI800_AWG_to_ACES", StringComparison.Ordinal) ? "ARRI LogC3 (EI800)"
            : t.Contains("LogC4_to_ACES", StringComparison.Ordinal) ? "ARRI LogC4"
            : t.Contains("SLog3_SGamut3Cine_to_ACES", StringComparison.Ordinal) ? "S-Log3 S-Gamut3.Cine"
            : t.Contains("SLog3_SGamut3_to_ACES", StringComparison.Ordinal) ? "S-Log3 S-Gamut3"
            : t.Contains("Log3G10_RWG_to_ACES", StringComparison.Ordinal) ? "Log3G10 REDWideGamutRGB"
            : t.Contains("CLog2_CGamut_to_ACES", StringComparison.Ordinal) ? "CanonLog2 CinemaGamut D55"
            : t.Contains("CLog3_CGamut_to_ACES", StringComparison.Ordinal) ? "CanonLog3 CinemaGamut D55"
            : t.Contains("VLog_VGamut_to_ACES", StringComparison.Ordinal) ? "V-Log V-Gamut"
            : null;
    }
}
