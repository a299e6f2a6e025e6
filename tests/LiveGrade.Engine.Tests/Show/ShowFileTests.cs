using LiveGrade.Core.Diagnostics;
using LiveGrade.Engine.Show;

namespace LiveGrade.Engine.Tests.Show;

public class ShowFileTests
{
    [Fact]
    public void TheDemoShowLoads()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "shows", "demo.show.json");
        var repo = TestRepository.Root();
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
    [InlineData("""{ "inputs": [{ "name": "A", "source": "bars" }], "outputs": [{ "name": "O", "route": "A", "overlays": { "zebra2": "70-x" } }] }""", "output 'O': overlays.zebra2 must be off, a level N or a band LO-HI")]
    [InlineData("""{ "inputs": [{ "name": "A", "source": "bars" }], "outputs": [{ "name": "O", "route": "A", "overlays": { "zebra2": "90-80" } }] }""", "output 'O': overlays.zebra2 band '90-80' has its low level above its high level")]
    [InlineData("""{ "inputs": [{ "name": "A", "source": "bars" }], "outputs": [{ "name": "O", "route": "A", "overlays": { "scopes": { "topLeft": "scope" } } }] }""", "output 'O': overlays.scopes.topLeft must be waveform, parade, vectorscope, histogram or none, not 'scope'")]
    [InlineData("""{ "inputs": [{ "name": "A", "source": "bars" }], "outputs": [{ "name": "O", "route": "A", "overlays": { "scopes": { "middle": "waveform" } } }] }""", "middle")]
    [InlineData("""{ "inputs": [{ "name": "A", "source": "bars" }], "outputs": [{ "name": "O", "route": "A", "overlays": { "compare": { "mode": "dissolve" } } }] }""", "output 'O': overlays.compare.mode must be off, split, wipe or side-by-side, not 'dissolve'")]
    [InlineData("""{ "inputs": [{ "name": "A", "source": "bars" }], "outputs": [{ "name": "O", "route": "A", "overlays": { "compare": { "mode": "split", "against": "reference" } } }] }""", "output 'O': overlays.compare.against must be clean, lut, look or still, not 'reference'")]
    [InlineData("""{ "inputs": [{ "name": "A", "source": "bars" }], "outputs": [{ "name": "O", "route": "A", "overlays": { "compare": { "mode": "side-by-side", "against": "still" } } }] }""", "output 'O': overlays.compare.still needs a path")]
    [InlineData("""{ "inputs": [{ "name": "A", "source": "bars" }], "outputs": [{ "name": "O", "route": "A", "overlays": { "compare": { "mode": "split", "against": "look" } } }] }""", "output 'O': overlays.compare.look is needed with against look")]
    [InlineData("""{ "inputs": [{ "name": "A", "source": "bars" }], "outputs": [{ "name": "O", "route": "A", "overlays": { "compare": { "mode": "split", "against": "look", "look": { "name": "x", "cdl": { "slope": [1, 1] } } } } }] }""", "output 'O': overlays.compare.look.cdl needs slope, offset and power of three values each")]
    [InlineData("""{ "inputs": [{ "name": "A", "source": "bars" }], "outputs": [{ "name": "O", "route": "A", "overlays": { "compare": { "mode": "split", "against": "look", "look": { "name": "x", "cdl": { "power": [1, 0, 1] } } } } }] }""", "output 'O': overlays.compare.look.cdl: power must be above 0")]
    [InlineData("""{ "inputs": [{ "name": "A", "source": "bars" }], "outputs": [{ "name": "O", "route": "A", "overlays": { "scopes": { "topLeft": "waveform", "taps": { "topLeft": "lens" } } } }] }""", "output 'O': overlays.scopes.taps.topLeft must be output, camera or graded, not 'lens'")]
    [InlineData("""{ "inputs": [{ "name": "A", "source": "bars" }], "outputs": [{ "name": "O", "route": "A", "overlays": { "compare": { "mode": "wipe", "position": -0.1 } } }] }""", "output 'O': overlays.compare.position must be 0..1")]
    [InlineData("""{ "inputs": [{ "name": "A", "source": "bars" }], "outputs": [{ "name": "O", "route": "A", "overlays": { "compare": { "mode": "wipe", "angle": 720 } } }] }""", "output 'O': overlays.compare.angle must be -360..360 degrees")]
    [InlineData("""{ "inputs": [{ "name": "A", "source": "bars" }], "outputs": [{ "name": "O", "route": "A", "overlays": null }] }""", "output 'O': overlays must be an object")]
    public void MeaningErrorsAreOneLine(string json, string expected)
    {
        var e = Assert.Throws<InputException>(() => ShowFile.Parse(json));
        Assert.Contains(expected, e.ToOneLine());
        Assert.DoesNotContain("\n", e.ToOneLine());
    }

    [Fact]
    public void Every_overlay_reads_from_the_show_into_the_starting_state()
    {
        var show = ShowFile.Parse("""
            {
              "inputs": [{ "name": "A", "source": "bars" }],
              "outputs": [{ "name": "O", "route": "A", "overlays": {
                "falseColor": true, "zebra": 95, "zebra2": "65-75", "frameLines": 2.39, "actionSafe": true, "titleSafe": true, "centreCross": true,
                "waveform": true, "scopes": { "topLeft": "parade", "topRight": "histogram", "bottomLeft": "waveform", "bottomRight": "vectorscope" },
                "compare": { "mode": "wipe", "position": 0.25, "angle": -30 } } }]
            }
            """);
        var o = LiveGrade.Engine.Control.StateTransitions.Initial(show).Outputs[0].Overlays;
        Assert.Equal(new LiveGrade.Engine.Control.OverlayState(true, 95, 2.39, true)
        {
            Zebra2 = new Color.Overlays.Zebra.ZebraLevel(65, 75),
            ActionSafe = true,
            TitleSafe = true,
            CentreCross = true,
            Scopes = new(LiveGrade.Engine.Control.InsetScope.Parade, LiveGrade.Engine.Control.InsetScope.Histogram, LiveGrade.Engine.Control.InsetScope.Waveform, LiveGrade.Engine.Control.InsetScope.Vectorscope),
            Compare = new(Color.Overlays.Compare.CompareMode.Wipe, 0.25, -30),
        }, o);
    }

    [Fact]
    public void Compare_sources_and_scope_taps_read_from_the_show()
    {
        var show = ShowFile.Parse("""
            {
              "inputs": [{ "name": "A", "source": "bars" }],
              "outputs": [
                { "name": "O", "route": "A", "overlays": {
                  "scopes": { "topLeft": "waveform", "bottomLeft": "parade", "taps": { "topLeft": "camera", "bottomLeft": "output" } },
                  "compare": { "mode": "side-by-side", "against": "look",
                               "look": { "name": "sc12 tk3", "cdl": { "slope": [1.1, 1, 0.9], "sat": 0.8 }, "luts": ["luts/show.cube"] } } } },
                { "name": "P", "route": "A", "overlays": { "compare": { "mode": "wipe", "angle": 45, "against": "still", "still": "stills/ref.exr" } } },
                { "name": "Q", "route": "A", "overlays": { "compare": { "mode": "split", "against": "lut" } } }
              ]
            }
            """);
        var outputs = LiveGrade.Engine.Control.StateTransitions.Initial(show).Outputs;
        var o = outputs[0].Overlays;
        Assert.Equal(LiveGrade.Engine.Control.InsetTap.Camera, o.Scopes.TopLeftTap);
        Assert.Equal(LiveGrade.Engine.Control.InsetTap.Output, o.Scopes.BottomLeftTap);
        Assert.Equal(new LiveGrade.Engine.Control.CompareState(Color.Overlays.Compare.CompareMode.SideBySide, 0.5, 0)
        {
            Against = LiveGrade.Engine.Control.CompareAgainst.Look,
            Look = new("sc12 tk3", new(new(1.1, 1, 0.9), new(0, 0, 0), new(1, 1, 1), 0.8), ["luts/show.cube"]),
        }, o.Compare);
        Assert.Equal(new LiveGrade.Engine.Control.CompareState(Color.Overlays.Compare.CompareMode.Wipe, 0.5, 45)
        {
            Against = LiveGrade.Engine.Control.CompareAgainst.Still,
            Still = "stills/ref.exr",
        }, outputs[1].Overlays.Compare);
        Assert.Equal(LiveGrade.Engine.Control.CompareAgainst.Lut, outputs[2].Overlays.Compare!.Against);
        // What the API shows parses back to the same state.
        foreach (var output in outputs)
        {
            var back = LiveGrade.Engine.Control.OverlayRules.ParseCompare(LiveGrade.Engine.Control.OverlayRules.ToDefinition(output.Overlays.Compare!), out var problem);
            Assert.Null(problem);
            Assert.Equal(output.Overlays.Compare, back);
        }
        Assert.Equal(o.Scopes, LiveGrade.Engine.Control.OverlayRules.ParseScopes(LiveGrade.Engine.Control.OverlayRules.ToDefinition(o.Scopes), out _));
    }
}
