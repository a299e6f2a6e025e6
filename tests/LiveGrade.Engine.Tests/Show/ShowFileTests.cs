using LiveGrade.Core.Diagnostics;
using LiveGrade.Engine.Show;

namespace LiveGrade.Engine.Tests.Show;

public class ShowFileTests
{
    [Fact]
    public void TheDemoShowLoads()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "shows", "demo.show.json");
        var repo = FindRepo();
        var show = ShowFile.Load(Path.Combine(repo, "shows", "demo.show.json"));
        Assert.Equal(2, show.Inputs.Count);
        Assert.Contains(show.Outputs, o => o.Multiviewer is not null);
        Assert.True(File.Exists(Path.Combine(show.BaseDirectory, show.Inputs[0].Luts[0])));
        _ = path;
    }

    [Fact]
    public void SyntaxErrorsNameTheLine()
    {
        var e = Assert.Throws<InputException>(() => ShowFile.Parse("{\n  \"inputs\": [\n    { \"name\": \"A\", \"source\": bars }\n  ]\n}", "x.show.json"));
        Assert.Equal("x.show.json", e.File);
        Assert.Equal(3, e.Line);
    }

    [Theory]
    [InlineData("""{ "inputs": [], "outputs": [] }""", "at least one input")]
    [InlineData("""{ "inputs": [{ "name": "A", "source": "bars" }], "outputs": [{ "name": "O", "route": "B" }] }""", "unknown input 'B'")]
    [InlineData("""{ "inputs": [{ "name": "A", "source": "bars" }, { "name": "a", "source": "ramp" }], "outputs": [{ "name": "O", "route": "A" }] }""", "two inputs")]
    [InlineData("""{ "inputs": [{ "name": "A", "source": "bars" }], "outputs": [{ "name": "O", "route": "A" }], "surprise": 1 }""", "surprise")]
    [InlineData("""{ "inputs": [{ "name": "A", "source": "bars" }], "outputs": [{ "name": "O", "route": "A", "sink": "ndi:x" }] }""", "sink 'ndi:x' is not null, window[:WxH], decklink:N or rtp:HOST:PORT")]
    [InlineData("""{ "inputs": [{ "name": "A", "source": "bars" }], "outputs": [{ "name": "O", "route": "A", "sink": "decklink:0", "format": "rgba16f" }] }""", "format 'rgba16f'")]
    [InlineData("""{ "inputs": [{ "name": "A", "source": "bars" }], "outputs": [{ "name": "O", "route": "A", "overlays": { "zebra": 250 } }] }""", "zebra must be")]
    [InlineData("""{ "inputs": [{ "name": "A", "source": "bars" }], "outputs": [{ "name": "O", "route": "A", "overlays": { "frameLines": -2.39 } }] }""", "frameLines must be")]
    public void MeaningErrorsAreOneLine(string json, string expected)
    {
        var e = Assert.Throws<InputException>(() => ShowFile.Parse(json));
        Assert.Contains(expected, e.ToOneLine());
        Assert.DoesNotContain("\n", e.ToOneLine());
    }

    private static string FindRepo()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "LiveGrade.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }
}
