using System.Globalization;
using System.Text;
using System.Xml;

namespace LiveGrade.Color.Formats.Cdl;

/// <summary>
/// Writes ASC CDL v1.2 exchange files (UTF-8, namespace <see cref="Namespace"/>) in the file's
/// <see cref="CdlFile.Kind"/>: .cdl with one ColorDecision per correction, .ccc, or .cc.
/// Numbers are written as the shortest text that parses back to the same double ("R"), so a file read back
/// gives exactly the values written; see <see cref="FormatNumber"/>.
/// </summary>
public static class CdlFileWriter
{
    public const string Namespace = "urn:ASC:CDL:v1.2";

    private static readonly XmlWriterSettings Settings = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        Indent = true,
        IndentChars = "  ",
        NewLineChars = "\n",
    };

    /// <summary>The file's XML text.</summary>
    public static string Write(CdlFile file) => Encoding.UTF8.GetString(ToBytes(file));

    /// <summary>Writes the file to <paramref name="path"/>, replacing it; the extension is the caller's choice.</summary>
    public static void WriteFile(string path, CdlFile file) => File.WriteAllBytes(path, ToBytes(file));

    /// <summary>
    /// Shortest round-trip text of a double in invariant culture ("R": exact double -> text -> double, so 0.1
    /// stays "0.1" rather than "0.100000001"). Where that would use an exponent (|v| &lt; 1e-4), the same digits
    /// are spelled out positionally, because some CDL readers in the wild parse plain decimals only.
    /// </summary>
    public static string FormatNumber(double value)
    {
        string text = value.ToString("R", CultureInfo.InvariantCulture);
        if (!text.Contains('E'))
        {
            return text;
        }
        // decimal holds up to 28 places exactly; beyond that (|v| < 1e-28) keep the exponent to stay exact.
        return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            && double.Parse(d.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) == value
            ? d.ToString(CultureInfo.InvariantCulture)
            : text;
    }

    private static byte[] ToBytes(CdlFile file)
    {
        if (file.Corrections.FirstOrDefault(c => c.Id is null) is not null)
        {
            // Other readers have crashed on a ColorCorrection without id, and the id is how a .ccc or .cdl
            // entry is selected: name every correction before writing.
            throw new ArgumentException("every correction needs an id to be written", nameof(file));
        }
        if (file.Kind == CdlFileKind.Correction
            && (file.Descriptions.Count > 0 || file.InputDescription is not null || file.ViewingDescription is not null))
        {
            throw new ArgumentException("a .cc has no file-level descriptions; put them on the correction", nameof(file));
        }
        var stream = new MemoryStream();
        using (var xml = XmlWriter.Create(stream, Settings))
        {
            xml.WriteStartDocument();
            switch (file.Kind)
            {
                case CdlFileKind.Correction:
                    WriteCorrection(xml, file.Corrections[0]);
                    break;
                case CdlFileKind.Collection:
                    xml.WriteStartElement("ColorCorrectionCollection", Namespace);
                    WriteTexts(xml, file.Descriptions, file.InputDescription, file.ViewingDescription);
                    foreach (var c in file.Corrections)
                    {
                        WriteCorrection(xml, c);
                    }
                    xml.WriteEndElement();
                    break;
                case CdlFileKind.DecisionList:
                    xml.WriteStartElement("ColorDecisionList", Namespace);
                    WriteTexts(xml, file.Descriptions, file.InputDescription, file.ViewingDescription);
                    foreach (var c in file.Corrections)
                    {
                        xml.WriteStartElement("ColorDecision", Namespace);
                        WriteCorrection(xml, c);
                        xml.WriteEndElement();
                    }
                    xml.WriteEndElement();
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(file), file.Kind, "unknown CDL file kind");
            }
        }
        return stream.ToArray();
    }

    private static void WriteCorrection(XmlWriter xml, CdlCorrection c)
    {
        xml.WriteStartElement("ColorCorrection", Namespace);
        xml.WriteAttributeString("id", c.Id);
        WriteTexts(xml, c.Descriptions, c.InputDescription, c.ViewingDescription);

        xml.WriteStartElement("SOPNode", Namespace);
        WriteTexts(xml, c.SopDescriptions, null, null);
        xml.WriteElementString("Slope", Namespace, Numbers(c.Slope));
        xml.WriteElementString("Offset", Namespace, Numbers(c.Offset));
        xml.WriteElementString("Power", Namespace, Numbers(c.Power));
        xml.WriteEndElement();

        xml.WriteStartElement("SatNode", Namespace);
        WriteTexts(xml, c.SatDescriptions, null, null);
        xml.WriteElementString("Saturation", Namespace, FormatNumber(c.Saturation));
        xml.WriteEndElement();

        xml.WriteEndElement();
    }

    private static void WriteTexts(XmlWriter xml, IEnumerable<string> descriptions, string? input, string? viewing)
    {
        foreach (var d in descriptions)
        {
            xml.WriteElementString("Description", Namespace, d);
        }
        if (input is not null)
        {
            xml.WriteElementString("InputDescription", Namespace, input);
        }
        if (viewing is not null)
        {
            xml.WriteElementString("ViewingDescription", Namespace, viewing);
        }
    }

    private static string Numbers(IReadOnlyList<double> values) => string.Join(' ', values.Select(FormatNumber));
}
