using System.Diagnostics;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using LiveGrade.Core.Diagnostics;
using LiveGrade.Engine.Library;
using LiveGrade.Engine.Library.Exchange;
using Xunit.Abstractions;

namespace LiveGrade.Engine.Tests.Library.Exchange;

/// <summary>
/// AMF files LiveGrade writes are valid against the published ACES AMF v2.0 schema (checked by .NET's validator
/// and, independently, by libxml2's xmllint), name the right ACES transform IDs, and read back; AMFs written by
/// the ACES AMF library (OpenColorIO's copy) import.
/// </summary>
public sealed class AmfTests(ITestOutputHelper output)
{
    private static readonly string SchemaDir = Path.Combine(AppContext.BaseDirectory, "Library", "Data", "amf");
    private static readonly XNamespace Aces = "urn:ampas:aces:amf:v2.0";

    private static readonly Lazy<XmlSchemaSet> s_schemas = new(() =>
    {
        var set = new XmlSchemaSet { XmlResolver = new XmlUrlResolver() };
        set.Add("urn:ampas:aces:amf:v2.0", Path.Combine(SchemaDir, "acesMetadataFile.xsd"));
        set.Compile();
        return set;
    });

    private static List<string> Validate(string amf)
    {
        var errors = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = s_schemas.Value };
        settings.ValidationEventHandler += (_, e) => errors.Add($"{e.Severity} line {e.Exception?.LineNumber}: {e.Message}");
        using var reader = XmlReader.Create(new StringReader(amf), settings);
        while (reader.Read())
        {
        }
        return errors;
    }

    /// <summary>xmllint's verdict, or null when xmllint is not installed (bootstrap installs libxml2-utils for ./test.sh).</summary>
    private static (int Exit, string Text)? XmlLint(string amf)
    {
        string file = Path.Combine(Path.GetTempPath(), $"livegrade-{Guid.NewGuid():N}.amf");
        File.WriteAllText(file, amf);
        try
        {
            var psi = new ProcessStartInfo("xmllint") { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var a in new[] { "--noout", "--nonet", "--schema", Path.Combine(SchemaDir, "acesMetadataFile.xsd"), file })
            {
                psi.ArgumentList.Add(a);
            }
            using var p = Process.Start(psi)!;
            string text = p.StandardError.ReadToEnd() + p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            return (p.ExitCode, text.Trim());
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static LookRecord Look(string? output = "aces-sdr-rec709", bool lut = true) => Records.Of(Samples.Full() with
    {
        OutputTransform = output,
        Luts = lut ? [Samples.ShowLut()] : [],
    }, id: 4, version: 3);

    public static TheoryData<string?> Outputs() => [null, .. AcesTransformIds.Outputs.Select(o => o.Name)];

    [Theory]
    [MemberData(nameof(Outputs))]
    public void Written_AMF_is_valid_against_the_ACES_schema(string? outputTransform)
    {
        string amf = AmfWriter.Write(Look(outputTransform));
        Assert.Empty(Validate(amf));
        if (XmlLint(amf) is { } lint)
        {
            Assert.True(lint.Exit == 0, lint.Text);
            Assert.Contains("validates", lint.Text);
        }
        else
        {
            output.WriteLine("xmllint not installed: validated with .NET's XmlSchemaSet only");
        }
    }

    [Fact]
    public void The_validators_are_not_blind()
    {
        // Positive control: an AMF written by the ACES AMF library itself validates.
        string sample = File.ReadAllText(Path.Combine(SchemaDir, "06_cdl_in_acescct.amf"));
        Assert.Empty(Validate(sample));
        // Negative controls: a made-up transform ID and elements out of schema order are caught by both.
        string good = AmfWriter.Write(Look());
        string badId = good.Replace("ACEScsc.Academy.ACES_to_ACEScct.a1.0.3", "ACES_to_ACEScct");
        string badOrder = good.Replace("<aces:pipelineInfo>", "<aces:pipelineInfo><aces:uuid>urn:uuid:00000000-0000-4000-8000-000000000000</aces:uuid>");
        foreach (var bad in new[] { badId, badOrder })
        {
            Assert.NotEmpty(Validate(bad));
            if (XmlLint(bad) is { } lint)
            {
                Assert.NotEqual(0, lint.Exit);
            }
        }
    }

    [Fact]
    public void The_AMF_names_the_input_the_CDL_working_space_and_the_output_by_ACES_transform_ID()
    {
        var doc = XDocument.Parse(AmfWriter.Write(Look()));
        var pipeline = doc.Root!.Element(Aces + "pipeline")!;
        const string P = "urn:ampas:aces:transformId:v1.5:";
        Assert.Equal(P + "ACEScsc.Academy.LogC_EI800_AWG_to_ACES.a1.1.0",
            pipeline.Element(Aces + "inputTransform")!.Element(Aces + "transformId")!.Value);
        var looks = pipeline.Elements(Aces + "lookTransform").ToList();
        Assert.Equal(2, looks.Count); // the CDL, then the LUT it sits with
        var ws = looks[0].Element(Aces + "cdlWorkingSpace")!;
        Assert.Equal(P + "ACEScsc.Academy.ACES_to_ACEScct.a1.0.3", ws.Element(Aces + "toCdlWorkingSpace")!.Element(Aces + "transformId")!.Value);
        Assert.Equal(P + "ACEScsc.Academy.ACEScct_to_ACES.a1.0.3", ws.Element(Aces + "fromCdlWorkingSpace")!.Element(Aces + "transformId")!.Value);
        XNamespace cdl = "urn:ASC:CDL:v1.01";
        var look = Look();
        Assert.Equal(string.Join(' ', look.Cdl.Slope.Select(Color.Formats.Cdl.CdlFileWriter.FormatNumber)),
            looks[0].Element(cdl + "SOPNode")!.Element(cdl + "Slope")!.Value);
        Assert.Equal("false", looks[0].Attribute("applied")!.Value);
        Assert.Equal("show.cube", looks[1].Element(Aces + "file")!.Value);
        Assert.Equal(Convert.ToBase64String(Convert.FromHexString(Samples.ShowLut().Sha256)), looks[1].Element(Aces + "hash")!.Value);
        var output = pipeline.Element(Aces + "outputTransform")!;
        Assert.Equal(P + "RRT.a1.0.3", output.Element(Aces + "referenceRenderingTransform")!.Element(Aces + "transformId")!.Value);
        Assert.Equal(P + "ODT.Academy.Rec709_100nits_dim.a1.0.3", output.Element(Aces + "outputDeviceTransform")!.Element(Aces + "transformId")!.Value);
        Assert.Equal("1", pipeline.Element(Aces + "pipelineInfo")!.Element(Aces + "systemVersion")!.Element(Aces + "majorVersion")!.Value);
        Assert.Equal("A001C003_230512_R1AB", doc.Root.Element(Aces + "clipId")!.Element(Aces + "clipName")!.Value);
    }

    [Fact]
    public void Written_AMF_reads_back_with_the_same_CDL_and_spaces()
    {
        var look = Look();
        var back = Assert.Single(AmfReader.Parse(AmfWriter.Write(look), "a.amf", new ImportOptions { Author = "t" }));
        Assert.True(back.Cdl.SameValues(look.Cdl));
        Assert.Equal("ACEScct", back.WorkingSpace);
        Assert.Equal("ARRI LogC3 (EI800)", back.InputSpace);
        Assert.Equal(new LookSlot("A", clip: "A001C003_230512_R1AB"), back.Slot);
    }

    [Fact]
    public void An_AMF_from_the_ACES_AMF_library_imports()
    {
        // ACES 2.0 transform IDs and ASC_SOP/ASC_SAT (the ASC schema's substitutes for SOPNode/SatNode).
        var look = Assert.Single(AmfReader.Read(Path.Combine(SchemaDir, "06_cdl_in_acescct.amf"), new ImportOptions { Camera = "A", Author = "t" }));
        Assert.Equal([1.25, 1.0, 0.85], look.Cdl.Slope);
        Assert.Equal(1.12, look.Cdl.Saturation);
        Assert.Equal("ACEScct", look.WorkingSpace);
        Assert.Equal("CanonLog3 CinemaGamut D55", look.InputSpace);
    }

    [Fact]
    public void A_look_an_AMF_cannot_state_is_refused_not_guessed()
    {
        var noWorking = Records.Of(Samples.Full() with { WorkingSpace = null });
        Assert.Contains("no working space", Assert.Throws<InputException>(() => AmfWriter.Write(noWorking)).Reason);
        var logWorking = Records.Of(Samples.Full() with { WorkingSpace = "S-Log3 S-Gamut3", InputSpace = "S-Log3 S-Gamut3" });
        Assert.Contains("S-Log3 S-Gamut3", Assert.Throws<InputException>(() => AmfWriter.Write(logWorking)).Reason);
        // A CDL graded in LogC3 itself: ACES 1.3 has the CSC both ways, so that one can be stated.
        var logc = Records.Of(Samples.Full() with { WorkingSpace = "ARRI LogC3 (EI800)" });
        Assert.Empty(Validate(AmfWriter.Write(logc)));
    }

    [Fact]
    public void Malformed_AMF_is_an_error_at_its_line()
    {
        string bad = AmfWriter.Write(Look()).Replace("<cdl:Slope>", "<cdl:Slope>1.0 x ");
        var e = Assert.Throws<InputException>(() => AmfReader.Parse(bad, "bad.amf", new ImportOptions()));
        Assert.Equal("bad.amf", e.File);
        Assert.Equal(bad.Split('\n').ToList().FindIndex(l => l.Contains("<cdl:Slope>")) + 1, e.Line);
        var notXml = Assert.Throws<InputException>(() => AmfReader.Parse("<aces:acesMetadataFile", "x.amf", new ImportOptions()));
        Assert.Equal(1, notXml.Line);
    }
}
