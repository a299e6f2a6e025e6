using System.Diagnostics;
using LiveGrade.Color.Processing;
using LiveGrade.Engine.Control;
using LiveGrade.Engine.Pipeline;
using LiveGrade.Engine.Show;
using LiveGrade.Engine.Videohub;
using LiveGrade.Video.Sources;

namespace LiveGrade.Engine.Tests.Videohub;

/// <summary>A Videohub panel routing the live engine: the route reaches the picture whole, at a frame boundary.</summary>
public class VideohubEngineTests
{
    private const string Show = """
        {
          "size": "64x36", "rate": "50",
          "inputs": [
            { "name": "BARS", "source": "bars", "camera": "rec709" },
            { "name": "CAM", "source": "synthetic:logc3" }
          ],
          "outputs": [ { "name": "OUT", "route": "BARS", "display": "rec1886" } ]
        }
        """;

    /// <summary>As the engine's own tests: the CPU path's 33³ bake is within 1.5% of the exact chain on bars.</summary>
    private const double BakeTolerance = 1.5e-2;

    [Fact]
    public async Task A_route_from_a_panel_is_acked_broadcast_and_switches_whole_frames()
    {
        var show = ShowFile.Parse(Show);
        using var bus = new ControlBus(StateTransitions.Initial(show), journal: null);
        using var engine = new LiveEngine(show, bus);
        engine.Start();
        await using var server = new VideohubServer(bus, new VideohubServerOptions { Port = 0 });
        server.Start();
        using var panel = new ScriptedVideohubClient(server.LocalEndPoint);
        using var watcher = new ScriptedVideohubClient(server.LocalEndPoint);
        panel.ReadDump();
        watcher.ReadDump();

        var bars = new float[64 * 36 * 4];
        TestPatterns.Bars(bars, 64, 36);
        var expected = (float[])bars.Clone();
        new CpuProcessor(engine.BuildExactLook(new LookKey(0, 0, "graded", "rec1886", 0))).Apply(expected);
        var output = engine.OutputRunners[0];
        var clock = Stopwatch.StartNew();
        while (!(output.Snapshot() is { } px && IsBars(px, expected, 0, 36)))
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), "the output never showed the bars");
            Thread.Sleep(10);
        }

        panel.Send("VIDEO OUTPUT ROUTING:\n0 1\n\n");
        Assert.True(panel.ReadReply());
        Assert.Equal(TestBlock.Of("VIDEO OUTPUT ROUTING:", "0 1"), watcher.ReadBlock());

        // Every picture from now on is either the bars or the camera from top to bottom, never a mix, and
        // the camera comes.
        clock.Restart();
        int camera = 0;
        while (camera < 10)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), "the output never switched to the camera");
            if (output.Snapshot() is not { } px) continue;
            bool top = IsBars(px, expected, 0, 18), bottom = IsBars(px, expected, 18, 36);
            Assert.Equal(top, bottom);
            if (!top) camera++;
            Thread.Sleep(5);
        }
        // No frame lost at the output's hand-off across the switch (input frames it skipped under load are not the route's doing).
        var stats = engine.Outputs()[0];
        Assert.Equal(0, stats.Dropped - stats.Skipped);
    }

    private static bool IsBars(float[] px, float[] expected, int fromRow, int toRow)
    {
        for (int i = fromRow * 64 * 4; i < toRow * 64 * 4; i++)
        {
            if (i % 4 != 3 && Math.Abs(px[i] - expected[i]) > BakeTolerance) return false;
        }
        return true;
    }
}
