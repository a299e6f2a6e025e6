using System.Text.Json;

namespace LiveGrade.App.Tests.Commands;

public class SpacesCommandTests
{
    [Fact]
    public void Json_lists_every_space_with_name_family_and_builtin()
    {
        var r = CliRunner.Run("spaces", "--json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Stdout);
        var rows = doc.RootElement.EnumerateArray().ToList();
        Assert.True(rows.Count >= 20);
        foreach (var row in rows)
        {
            Assert.Equal(["name", "family", "ocioBuiltin"], row.EnumerateObject().Select(p => p.Name));
            Assert.Contains(row.GetProperty("family").GetString(), new[] { "camera", "working", "display" });
        }
        var byName = rows.ToDictionary(x => x.GetProperty("name").GetString()!);
        Assert.Equal("working", byName["ACES2065-1"].GetProperty("family").GetString());
        Assert.Equal("working", byName["CIE-XYZ-D65"].GetProperty("family").GetString());
        Assert.Equal("ARRI_ALEXA-LOGC-EI800-AWG_to_ACES2065-1", byName["ARRI LogC3 (EI800)"].GetProperty("ocioBuiltin").GetString());
        Assert.Equal(JsonValueKind.Null, byName["ARRI LogC4"].GetProperty("ocioBuiltin").ValueKind);
        Assert.Equal("DISPLAY - CIE-XYZ-D65_to_REC.2100-PQ", byName["Rec.2100-PQ - Display"].GetProperty("ocioBuiltin").GetString());
    }

    [Fact]
    public void Help_lists_the_verbs()
    {
        var r = CliRunner.Run("--help");
        Assert.Equal(0, r.ExitCode);
        foreach (var verb in new[] { "spaces", "apply", "demo" })
        {
            Assert.Contains(verb, r.Stdout);
        }
    }
}
