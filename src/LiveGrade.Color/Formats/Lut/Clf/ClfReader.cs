using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using LiveGrade.Color.Math;
using LiveGrade.Color.Ops;
using LiveGrade.Color.Ops.Cdl;
using LiveGrade.Color.Ops.Exponent;
using LiveGrade.Color.Ops.Logarithm;
using LiveGrade.Color.Ops.Lut1D;
using LiveGrade.Color.Ops.Lut3D;
using LiveGrade.Color.Ops.Matrix;
using LiveGrade.Color.Ops.Range;
using LiveGrade.Core.Diagnostics;

namespace LiveGrade.Color.Formats.Lut.Clf;

/// <summary>
/// Reads Common LUT Format v3 files (.clf: SMPTE ST 2136-1 / Academy S-2014-006, any namespace or none)
/// and the CLF-compatible part of Autodesk's Color Transform Format (.ctf). The text is parsed in memory
/// with System.Xml (no DTDs, no external resolution, at most <see cref="LutText.MaxFileBytes"/> characters).
///
/// Process nodes: LUT1D (1 or 3 channels; halfDomain and rawHalfs), LUT3D, Matrix (3x3, 3x4, the
/// pre-v3 "3 3 3"/"3 4 3" forms, and CTF's 4x4/4x5 when alpha is untouched), Range (clamping and
/// noClamp), ASC_CDL (Fwd, Rev, FwdNoClamp, RevNoClamp), Log (log10, log2, antiLog10, antiLog2,
/// linToLog, logToLin, cameraLinToLog, cameraLogToLin with LogParams per channel) and Exponent (basic,
/// mirror, pass-through and monitor-curve styles, each Fwd/Rev). CTF adds InverseLUT1D and Gamma (Exponent's
/// CTF name, with GammaParams). Other nodes (IndexMap, InvLUT3D, FixedFunction, ...) are refused by name:
/// silently skipping an op would change the picture.
///
/// Bit depths: each node's parameters are in its inBitDepth/outBitDepth units and are normalised here
/// (divided by 2^n - 1 for integer depths), so the ops work on 0..1 floats whatever the file's depths;
/// adjacent nodes must agree (outBitDepth of one = inBitDepth of the next), as OpenColorIO requires.
///
/// Numbers: invariant culture, exponents allowed; NaN and infinities are rejected (see <see cref="LutText"/>).
/// Every problem is an <see cref="InputException"/> with the file and the 1-based line of the offending
/// element (of the number itself inside an Array).
/// </summary>
public static class ClfReader
{
    /// <summary>Most process nodes accepted: real files have a handful; the bound keeps a hostile file small.</summary>
    public const int MaxNodes = 4096;

    private static readonly XmlReaderSettings Settings = new()
    {
        // No DTDs and no resolver: no entity expansion, no network or file access from inside a file.
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = LutText.MaxFileBytes,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
    };

    /// <summary>Reads a .clf or .ctf file from disk (size checked first); its path names errors.</summary>
    public static ClfProcessList Read(string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                throw new InputException("file not found", path);
            }
            if (info.Length > LutText.MaxFileBytes)
            {
                throw new InputException($"file is larger than {LutText.MaxFileBytes / (1024 * 1024)} MiB, which no LUT needs", path);
            }
            // From a stream, so the XML declaration's encoding (or a BOM) decides how bytes become text.
            using var stream = File.OpenRead(path);
            using var xml = XmlReader.Create(stream, Settings);
            return Load(xml, path, IsCtfName(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"cannot read: {e.Message}", path, inner: e);
        }
    }

    /// <summary>Parses CLF/CTF text held in memory; <paramref name="fileName"/> names errors and tells CTF by its extension.</summary>
    public static ClfProcessList Parse(string text, string? fileName = null)
    {
        LutText.CheckSize(text, fileName);
        using var xml = XmlReader.Create(new StringReader(text.TrimStart('\uFEFF')), Settings);
        return Load(xml, fileName, fileName is not null && IsCtfName(fileName));
    }

    private static bool IsCtfName(string path) => Path.GetExtension(path).Equals(".ctf", StringComparison.OrdinalIgnoreCase);

    private static ClfProcessList Load(XmlReader xml, string? fileName, bool ctf)
    {
        try
        {
            var doc = XDocument.Load(xml, LoadOptions.SetLineInfo);
            return new Reader(fileName, ctf).ProcessList(doc.Root!);
        }
        catch (XmlException e)
        {
            throw new InputException($"malformed XML: {e.Message.TrimEnd('.')}", fileName, e.LineNumber > 0 ? e.LineNumber : null, e);
        }
    }

    private sealed class Reader(string? file, bool ctf)
    {
        private InputException Error(XObject at, string reason) => new(reason, file, LineOf(at));

        private static int? LineOf(XObject o) => o is IXmlLineInfo li && li.HasLineInfo() ? li.LineNumber : null;

        public ClfProcessList ProcessList(XElement root)
        {
            if (root.Name.LocalName != "ProcessList")
            {
                throw Error(root, $"root element is <{root.Name.LocalName}>; a CLF file has <ProcessList>");
            }
            string? version = Attr(root, "compCLFversion") ?? Attr(root, "version");
            if (version is not null)
            {
                if (!double.TryParse(version, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || v <= 0)
                {
                    throw Error(root, $"bad version '{version}'");
                }
                if (v >= 4)
                {
                    throw Error(root, $"CLF version {version} is newer than 3, the version LiveGrade reads");
                }
            }
            string? id = Attr(root, "id");
            if (id is not null && id.Trim().Length == 0)
            {
                throw Error(root, "ProcessList id is empty");
            }
            var descriptions = new List<string>();
            string? inputDescriptor = null, outputDescriptor = null;
            var nodes = new List<ClfNode>();
            ClfNode? previous = null;
            foreach (var e in root.Elements())
            {
                switch (e.Name.LocalName)
                {
                    case "Description":
                        descriptions.Add(e.Value.Trim());
                        continue;
                    case "InputDescriptor":
                        inputDescriptor = e.Value.Trim();
                        continue;
                    case "OutputDescriptor":
                        outputDescriptor = e.Value.Trim();
                        continue;
                    case "Info":
                        continue;
                }
                if (nodes.Count >= MaxNodes)
                {
                    throw Error(e, $"more than {MaxNodes} process nodes");
                }
                var node = Node(e);
                if (previous is not null && previous.OutBitDepth != node.InBitDepth)
                {
                    throw Error(e, $"inBitDepth {ClfBitDepths.ToText(node.InBitDepth)} does not match the previous node's outBitDepth " +
                        $"{ClfBitDepths.ToText(previous.OutBitDepth)} (line {previous.Line})");
                }
                nodes.Add(node);
                previous = node;
            }
            if (nodes.Count == 0)
            {
                throw Error(root, "the ProcessList has no process nodes");
            }
            return new ClfProcessList(id, Attr(root, "name"), version, ctf, descriptions, inputDescriptor, outputDescriptor, nodes);
        }

        private ClfNode Node(XElement e)
        {
            string element = e.Name.LocalName;
            var inDepth = Depth(e, "inBitDepth");
            var outDepth = Depth(e, "outBitDepth");
            double inScale = ClfBitDepths.Scale(inDepth), outScale = ClfBitDepths.Scale(outDepth);
            IReadOnlyList<ColorOpData> ops;
            try
            {
                ops = element switch
                {
                    "LUT1D" => [Lut1D(e, inScale, outScale, inverse: false)],
                    "InverseLUT1D" when ctf => [Lut1D(e, inScale, outScale, inverse: true)],
                    "LUT3D" => [Lut3D(e, outScale)],
                    "Matrix" => [Matrix(e, inScale, outScale)],
                    "Range" => [Range(e, inScale, outScale)],
                    "ASC_CDL" => [Cdl(e)],
                    "Log" => [Log(e)],
                    "Exponent" => [Exponent(e, "ExponentParams", "exponent")],
                    "Gamma" when ctf => [Exponent(e, "GammaParams", "gamma")],
                    "IndexMap" => throw Error(e, "IndexMap (CLF 2) is not supported"),
                    "InverseLUT3D" when ctf => throw Error(e, "InverseLUT3D is not supported (inverting a 3D LUT)"),
                    _ => throw Error(e, $"process node <{element}> is not supported (LiveGrade reads LUT1D, LUT3D, Matrix, Range, " +
                        $"ASC_CDL, Log and Exponent{(ctf ? ", and InverseLUT1D and Gamma in CTF" : "")})"),
                };
            }
            catch (ArgumentException ex)
            {
                // Values the op itself refuses (a negative CDL slope, a monitor-curve exponent of 20, ...).
                throw Error(e, $"{element}: {ex.Message}");
            }
            var descriptions = e.Elements().Where(d => d.Name.LocalName == "Description").Select(d => d.Value.Trim()).ToList();
            return new ClfNode(element, Attr(e, "id"), Attr(e, "name"), descriptions, inDepth, outDepth, LineOf(e) ?? 0, ops);
        }

        private ClfBitDepth Depth(XElement e, string attribute)
        {
            string text = Attr(e, attribute) ?? throw Error(e, $"<{e.Name.LocalName}> has no {attribute}");
            return ClfBitDepths.Parse(text) ?? throw Error(e, $"{attribute} '{text}' is not one of 8i, 10i, 12i, 16i, 16f, 32f");
        }

        private static string? Attr(XElement e, string name) => e.Attributes().FirstOrDefault(a => a.Name.LocalName == name)?.Value;

        private XElement? Child(XElement e, string name, bool required = false)
        {
            XElement? found = null;
            foreach (var c in e.Elements())
            {
                if (c.Name.LocalName == name)
                {
                    if (found is not null)
                    {
                        throw Error(c, $"<{e.Name.LocalName}> has more than one <{name}>");
                    }
                    found = c;
                }
            }
            if (found is null && required)
            {
                throw Error(e, $"<{e.Name.LocalName}> has no <{name}>");
            }
            return found;
        }

        private void RefuseChildren(XElement e, params string[] names)
        {
            foreach (var c in e.Elements())
            {
                if (names.Contains(c.Name.LocalName))
                {
                    throw Error(c, $"<{c.Name.LocalName}> in <{e.Name.LocalName}> is not supported");
                }
            }
        }

        private bool TrueFlag(XElement e, string attribute)
        {
            string? v = Attr(e, attribute);
            if (v is null)
            {
                return false;
            }
            // OpenColorIO accepts only "true": a flag written as "false" is treated as a malformed file.
            return v.Trim().Equals("true", StringComparison.OrdinalIgnoreCase) ? true : throw Error(e, $"{attribute} must be \"true\" when present, got '{v}'");
        }

        // ---- Arrays ----

        private (int[] Dims, double[] Values) ReadArray(XElement node, Func<int[], int> expectedCount, string what)
        {
            var array = Child(node, "Array", required: true)!;
            string dimText = Attr(array, "dim") ?? throw Error(array, "<Array> has no dim");
            var parts = dimText.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length is < 2 or > 4)
            {
                throw Error(array, $"Array dim '{dimText}' has {parts.Length} numbers");
            }
            var dims = new int[parts.Length];
            for (int i = 0; i < parts.Length; i++)
            {
                if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out dims[i]) || dims[i] < 1 || dims[i] > 65536)
                {
                    throw Error(array, $"Array dim '{dimText}' is not a list of positive sizes");
                }
            }
            int count = expectedCount(dims);
            var values = new double[count];
            int line = LineOf(array) ?? 1;
            int found = 0;
            foreach (var text in array.Nodes().OfType<XText>())
            {
                int textLine = LineOf(text) ?? line;
                found = Numbers(text.Value, textLine, values, found, what);
            }
            if (found < count)
            {
                throw Error(array, $"the {what} Array (dim {dimText}) needs {count} values, found {found}");
            }
            return (dims, values);
        }

        // Parses whitespace-separated numbers into values[start..], counting lines for errors; returns the new count.
        private int Numbers(string text, int line, double[] values, int start, string what)
        {
            int n = start;
            var span = text.AsSpan();
            int i = 0;
            while (i < span.Length)
            {
                char ch = span[i];
                if (ch == '\n')
                {
                    line++;
                    i++;
                    continue;
                }
                if (char.IsWhiteSpace(ch) || ch == ',')
                {
                    i++;
                    continue;
                }
                int begin = i;
                while (i < span.Length && !char.IsWhiteSpace(span[i]) && span[i] != ',')
                {
                    i++;
                }
                if (n >= values.Length)
                {
                    throw new InputException($"more values than the {values.Length} the {what} Array declares", file, line);
                }
                values[n++] = LutText.ParseDouble(span[begin..i], file, line, what + " value");
            }
            return n;
        }

        // ---- nodes ----

        private Lut1DOpData Lut1D(XElement e, double inScale, double outScale, bool inverse)
        {
            RefuseChildren(e, "IndexMap");
            string? interpolation = Attr(e, "interpolation");
            if (interpolation is not null && interpolation is not ("linear" or "default"))
            {
                throw Error(e, $"LUT1D interpolation '{interpolation}' is not supported (linear)");
            }
            if (Attr(e, "hueAdjust") is { } hue && hue != "none")
            {
                throw Error(e, $"LUT1D hueAdjust '{hue}' is not supported");
            }
            bool halfDomain = TrueFlag(e, "halfDomain");
            bool rawHalfs = TrueFlag(e, "rawHalfs");
            var (dims, values) = ReadArray(e, d =>
            {
                if (d.Length != 2 || d[1] is not (1 or 3))
                {
                    throw Error(e, $"a LUT1D Array has dim \"N 1\" or \"N 3\", got \"{string.Join(' ', d)}\"");
                }
                if (d[0] < 2 || d[0] > Lut1DOpData.MaxSize)
                {
                    throw Error(e, $"LUT1D size {d[0]} is out of range (2..{Lut1DOpData.MaxSize})");
                }
                if (halfDomain && d[0] != Lut1DOpData.MaxSize)
                {
                    throw Error(e, $"a halfDomain LUT1D has {Lut1DOpData.MaxSize} entries, got {d[0]}");
                }
                return d[0] * d[1];
            }, "LUT1D");
            int size = dims[0], channels = dims[1];
            // The table holds the forward LUT's outputs: outBitDepth units, or inBitDepth units for an inverse.
            double scale = inverse ? inScale : outScale;
            var rgb = new float[3 * size];
            for (int i = 0; i < size; i++)
            {
                for (int c = 0; c < 3; c++)
                {
                    double v = values[i * channels + (channels == 1 ? 0 : c)];
                    if (rawHalfs)
                    {
                        v = RawHalf(e, v);
                    }
                    rgb[3 * i + c] = (float)(v / scale);
                }
            }
            if (halfDomain)
            {
                if (inverse)
                {
                    throw Error(e, "an inverse halfDomain LUT1D is not supported");
                }
                return Lut1DOpData.FromHalfDomain(rgb);
            }
            return new Lut1DOpData(rgb, direction: inverse ? TransformDirection.Inverse : TransformDirection.Forward);
        }

        private double RawHalf(XElement e, double v)
        {
            if (v < 0 || v > 65535 || v != System.Math.Floor(v))
            {
                throw Error(e, $"rawHalfs value {v} is not a 16-bit half-float bit pattern (0..65535)");
            }
            return (double)BitConverter.UInt16BitsToHalf((ushort)v);
        }

        private Lut3DOpData Lut3D(XElement e, double outScale)
        {
            var interpolation = Attr(e, "interpolation") switch
            {
                null or "trilinear" or "linear" or "default" => Lut3DInterpolation.Trilinear,
                "tetrahedral" => Lut3DInterpolation.Tetrahedral,
                var other => throw Error(e, $"LUT3D interpolation '{other}' is not supported (trilinear or tetrahedral)"),
            };
            var (dims, values) = ReadArray(e, d =>
            {
                if (d.Length != 4 || d[3] != 3)
                {
                    throw Error(e, $"a LUT3D Array has dim \"N N N 3\", got \"{string.Join(' ', d)}\"");
                }
                if (d[0] != d[1] || d[1] != d[2])
                {
                    throw Error(e, $"LUT3D sizes per axis differ ({d[0]}, {d[1]}, {d[2]})");
                }
                if (d[0] < 2 || d[0] > Lut3DOpData.MaxSize)
                {
                    throw Error(e, $"LUT3D size {d[0]} is out of range (2..{Lut3DOpData.MaxSize})");
                }
                return d[0] * d[0] * d[0] * 3;
            }, "LUT3D");
            int n = dims[0];
            // CLF orders the lattice blue fastest (red slowest); LiveGrade keeps it red fastest.
            var table = new float[values.Length];
            int k = 0;
            for (int r = 0; r < n; r++)
            {
                for (int g = 0; g < n; g++)
                {
                    for (int b = 0; b < n; b++, k += 3)
                    {
                        int at = 3 * Lut3DOpData.Index(r, g, b, n);
                        table[at] = (float)(values[k] / outScale);
                        table[at + 1] = (float)(values[k + 1] / outScale);
                        table[at + 2] = (float)(values[k + 2] / outScale);
                    }
                }
            }
            return new Lut3DOpData(n, table, interpolation: interpolation);
        }

        private MatrixOpData Matrix(XElement e, double inScale, double outScale)
        {
            var (dims, values) = ReadArray(e, d =>
            {
                // CLF v3: "rows cols"; CLF 2 and CTF: "rows cols components".
                if (d.Length is not (2 or 3) || !((d[0] == 3 && d[1] is 3 or 4) || (ctf && d[0] == 4 && d[1] is 4 or 5)))
                {
                    throw Error(e, $"a Matrix Array has dim \"3 3\" or \"3 4\"{(ctf ? " (or \"4 4\", \"4 5\")" : "")}, got \"{string.Join(' ', d)}\"");
                }
                return d[0] * d[1];
            }, "Matrix");
            int rows = dims[0], cols = dims[1];
            bool hasOffset = cols == rows + 1;
            if (rows == 4)
            {
                // RGBA matrices are accepted only when they leave alpha alone and alpha does not feed RGB.
                for (int c = 0; c < 4; c++)
                {
                    if (values[3 * cols + c] != (c == 3 ? 1 : 0) || (c < 3 && values[c * cols + 3] != 0) || (hasOffset && values[3 * cols + 4] != 0))
                    {
                        throw Error(e, "a 4x4 Matrix that changes alpha or mixes it into RGB is not supported");
                    }
                }
            }
            // out/outScale = M (in/inScale) ... in file units: out_n = M (inScale / outScale) in_n + offset / outScale.
            double k = inScale / outScale;
            var m = new double[9];
            var offset = new double[3];
            for (int r = 0; r < 3; r++)
            {
                for (int c = 0; c < 3; c++)
                {
                    m[r * 3 + c] = values[r * cols + c] * k;
                }
                offset[r] = hasOffset ? values[r * cols + cols - 1] / outScale : 0;
            }
            return new MatrixOpData(new Matrix3(m), offset[0], offset[1], offset[2]);
        }

        private ColorOpData Range(XElement e, double inScale, double outScale)
        {
            double? Bound(string name, double scale) =>
                Child(e, name) is { } c ? LutText.ParseDouble(c.Value.Trim(), file, LineOf(c) ?? 0, name) / scale : null;
            double? minIn = Bound("minInValue", inScale), maxIn = Bound("maxInValue", inScale);
            double? minOut = Bound("minOutValue", outScale), maxOut = Bound("maxOutValue", outScale);
            string style = Attr(e, "style")?.Trim() ?? "clamp";
            if (style.Equals("noClamp", StringComparison.OrdinalIgnoreCase))
            {
                if (minIn is null || maxIn is null || minOut is null || maxOut is null)
                {
                    throw Error(e, "a noClamp Range needs minInValue, maxInValue, minOutValue and maxOutValue");
                }
                // As OpenColorIO converts it: a diagonal matrix with the Range's scale and offset, in double.
                var range = new RangeOpData(minIn, maxIn, minOut, maxOut);
                double s = range.Scale;
                return new MatrixOpData(Matrix3.Diagonal(s, s, s), range.Offset, range.Offset, range.Offset);
            }
            if (!style.Equals("clamp", StringComparison.OrdinalIgnoreCase))
            {
                throw Error(e, $"Range style '{style}' is not clamp or noClamp");
            }
            return new RangeOpData(minIn, maxIn, minOut, maxOut);
        }

        private CdlOpData Cdl(XElement e)
        {
            string styleText = Attr(e, "style")?.Trim() ?? "Fwd";
            var (style, direction) = styleText switch
            {
                "Fwd" or "v1.2_Fwd" => (CdlStyle.AscV12, TransformDirection.Forward),
                "Rev" or "v1.2_Rev" => (CdlStyle.AscV12, TransformDirection.Inverse),
                "FwdNoClamp" or "noClampFwd" => (CdlStyle.NoClamp, TransformDirection.Forward),
                "RevNoClamp" or "noClampRev" => (CdlStyle.NoClamp, TransformDirection.Inverse),
                _ => throw Error(e, $"ASC_CDL style '{styleText}' is not Fwd, Rev, FwdNoClamp or RevNoClamp"),
            };
            double[] slope = [1, 1, 1], offset = [0, 0, 0], power = [1, 1, 1];
            double sat = 1;
            if (Child(e, "SOPNode") is { } sop)
            {
                slope = Triple(sop, "Slope");
                offset = Triple(sop, "Offset");
                power = Triple(sop, "Power");
            }
            if ((Child(e, "SatNode") ?? Child(e, "SATNode")) is { } satNode)
            {
                var s = Child(satNode, "Saturation", required: true)!;
                sat = LutText.ParseDouble(s.Value.Trim(), file, LineOf(s) ?? 0, "Saturation");
            }
            return new CdlOpData(slope, offset, power, sat, style, direction);
        }

        private double[] Triple(XElement parent, string name)
        {
            var c = Child(parent, name, required: true)!;
            var parts = c.Value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 3)
            {
                throw Error(c, $"<{name}> needs 3 numbers, found {parts.Length}");
            }
            return parts.Select(p => LutText.ParseDouble(p, file, LineOf(c) ?? 0, name)).ToArray();
        }

        private LogOpData Log(XElement e)
        {
            string styleText = Attr(e, "style") ?? throw Error(e, "<Log> has no style");
            var (style, direction, pureBase) = styleText switch
            {
                "log10" => (LogStyle.Log, TransformDirection.Forward, 10.0),
                "log2" => (LogStyle.Log, TransformDirection.Forward, 2.0),
                "antiLog10" => (LogStyle.Log, TransformDirection.Inverse, 10.0),
                "antiLog2" => (LogStyle.Log, TransformDirection.Inverse, 2.0),
                "linToLog" => (LogStyle.Affine, TransformDirection.Forward, 0),
                "logToLin" => (LogStyle.Affine, TransformDirection.Inverse, 0),
                "cameraLinToLog" => (LogStyle.Camera, TransformDirection.Forward, 0),
                "cameraLogToLin" => (LogStyle.Camera, TransformDirection.Inverse, 0),
                _ => throw Error(e, $"Log style '{styleText}' is not one of log10, log2, antiLog10, antiLog2, linToLog, logToLin, " +
                    "cameraLinToLog, cameraLogToLin"),
            };
            var paramElements = e.Elements().Where(c => c.Name.LocalName == "LogParams").ToList();
            if (style == LogStyle.Log)
            {
                if (paramElements.Count > 0)
                {
                    throw Error(paramElements[0], $"Log style {styleText} takes no LogParams");
                }
                return LogOpData.Pure(pureBase, direction);
            }
            // CLF v3 defaults: base 2, slopes 1, offsets 0. A LogParams without a channel sets all three.
            var channels = new LogParams?[3];
            double? logBase = null;
            foreach (var p in paramElements)
            {
                double Get(string name, double fallback) =>
                    Attr(p, name) is { } v ? LutText.ParseDouble(v.Trim(), file, LineOf(p) ?? 0, name) : fallback;
                double? Optional(string name) =>
                    Attr(p, name) is { } v ? LutText.ParseDouble(v.Trim(), file, LineOf(p) ?? 0, name) : null;
                double b = Get("base", 2);
                if (logBase is { } previous && previous != b)
                {
                    throw Error(p, $"Log base {b} differs from the base {previous} of another channel");
                }
                logBase = b;
                var values = new LogParams(Get("logSideSlope", 1), Get("logSideOffset", 0), Get("linSideSlope", 1),
                    Get("linSideOffset", 0), Optional("linSideBreak"), Optional("linearSlope"));
                foreach (int c in ChannelsOf(p))
                {
                    if (channels[c] is not null)
                    {
                        throw Error(p, $"LogParams for channel {"RGB"[c]} given twice");
                    }
                    channels[c] = values;
                }
            }
            return new LogOpData(style, logBase ?? 2, channels[0] ?? LogParams.Identity, channels[1] ?? LogParams.Identity,
                channels[2] ?? LogParams.Identity, direction);
        }

        private int[] ChannelsOf(XElement p) => Attr(p, "channel")?.Trim() switch
        {
            null => [0, 1, 2],
            "R" => [0],
            "G" => [1],
            "B" => [2],
            var other => throw Error(p, $"channel '{other}' is not R, G or B"),
        };

        private ExponentOpData Exponent(XElement e, string paramsName, string exponentName)
        {
            string styleText = Attr(e, "style") ?? throw Error(e, $"<{e.Name.LocalName}> has no style");
            var (style, direction) = styleText switch
            {
                "basicFwd" => (ExponentStyle.Basic, TransformDirection.Forward),
                "basicRev" => (ExponentStyle.Basic, TransformDirection.Inverse),
                "basicMirrorFwd" => (ExponentStyle.BasicMirror, TransformDirection.Forward),
                "basicMirrorRev" => (ExponentStyle.BasicMirror, TransformDirection.Inverse),
                "basicPassThruFwd" => (ExponentStyle.BasicPassThru, TransformDirection.Forward),
                "basicPassThruRev" => (ExponentStyle.BasicPassThru, TransformDirection.Inverse),
                "monCurveFwd" => (ExponentStyle.MonCurve, TransformDirection.Forward),
                "monCurveRev" => (ExponentStyle.MonCurve, TransformDirection.Inverse),
                "monCurveMirrorFwd" => (ExponentStyle.MonCurveMirror, TransformDirection.Forward),
                "monCurveMirrorRev" => (ExponentStyle.MonCurveMirror, TransformDirection.Inverse),
                _ => throw Error(e, $"{e.Name.LocalName} style '{styleText}' is not a CLF exponent style (basicFwd, monCurveRev, ...)"),
            };
            bool monCurve = style is ExponentStyle.MonCurve or ExponentStyle.MonCurveMirror;
            // Channels without parameters are left unchanged: exponent 1 (and offset 0).
            double[] exponent = [1, 1, 1], offset = [0, 0, 0];
            var seen = new bool[3];
            var paramElements = e.Elements().Where(c => c.Name.LocalName == paramsName).ToList();
            if (paramElements.Count == 0)
            {
                throw Error(e, $"<{e.Name.LocalName}> has no <{paramsName}>");
            }
            foreach (var p in paramElements)
            {
                string ex = Attr(p, exponentName) ?? throw Error(p, $"<{paramsName}> has no {exponentName}");
                double x = LutText.ParseDouble(ex.Trim(), file, LineOf(p) ?? 0, exponentName);
                double o = 0;
                if (Attr(p, "offset") is { } off)
                {
                    if (!monCurve)
                    {
                        throw Error(p, $"style {styleText} takes no offset");
                    }
                    o = LutText.ParseDouble(off.Trim(), file, LineOf(p) ?? 0, "offset");
                }
                else if (monCurve)
                {
                    throw Error(p, $"style {styleText} needs an offset");
                }
                foreach (int c in ChannelsOf(p))
                {
                    if (seen[c])
                    {
                        throw Error(p, $"{paramsName} for channel {"RGB"[c]} given twice");
                    }
                    seen[c] = true;
                    (exponent[c], offset[c]) = (x, o);
                }
            }
            return new ExponentOpData(style, exponent, monCurve ? offset : default, direction);
        }
    }
}
