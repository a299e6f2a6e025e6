using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using LiveGrade.Engine.Api;
using LiveGrade.Engine.Control;
using LiveGrade.Engine.Show;

namespace LiveGrade.App.Tests.Commands;

/// <summary>`livegrade ctl` (a child process) against the API served in the test process.</summary>
public sealed class CtlCommandTests : IAsyncLifetime
{
    private const string Token = "ctl-test-token-0123456789";

    private readonly ControlBus _bus = new(StateTransitions.Initial(ShowFile.Parse("""
        {
          "name": "Ctl show",
          "inputs": [ { "name": "A", "source": "bars" }, { "name": "B", "source": "ramp" } ],
          "outputs": [ { "name": "DIT", "route": "A" }, { "name": "Village", "route": "B" } ],
          "presets": [ { "name": "all-b", "routes": { "DIT": "B", "Village": "B" } } ],
        }
        """)), journal: null);
    private ApiServer _open = null!;
    private ApiServer _guarded = null!;

    public async Task InitializeAsync()
    {
        _open = new ApiServer(_bus, new NoStatus(), new ApiServerOptions { Port = 0, ShowName = "Ctl show" }, CliRunner.TempDir());
        await _open.StartAsync();
        _guarded = new ApiServer(_bus, new NoStatus(), new ApiServerOptions { Port = 0, Token = Token, ShowName = "Ctl show" }, CliRunner.TempDir());
        await _guarded.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _open.StopAsync();
        await _guarded.StopAsync();
        _bus.Dispose();
    }

    private sealed class NoStatus : IEngineStatus
    {
        public IReadOnlyList<OutputStats> Outputs() => [];
        public IReadOnlyList<InputStats> Inputs() => [];
    }

    private string Url => _open.Url.ToString();

    [Fact]
    public void Sets_routes_recalls_and_reads_back()
    {
        var cdl = CliRunner.Run("ctl", "--url", Url, "--user", "maria", "cdl", "A", "1.1 1.0 0.9 0.01 0 -0.01 1 1 1.05 0.9");
        Assert.True(cdl.ExitCode == 0, cdl.Stderr);
        Assert.StartsWith("ok", cdl.Stdout);
        Assert.Equal(new CdlValues(new(1.1, 1.0, 0.9), new(0.01, 0, -0.01), new(1, 1, 1.05), 0.9), _bus.State.Camera("A")!.Cdl);

        var preset = CliRunner.Run("ctl", "--url", Url, "preset", "all-b");
        Assert.True(preset.ExitCode == 0, preset.Stderr);
        Assert.Equal(["B", "B"], _bus.State.Outputs.Select(o => o.Route));

        var state = CliRunner.Run("ctl", "--url", Url, "state");
        Assert.True(state.ExitCode == 0, state.Stderr);
        Assert.Contains("show: Ctl show", state.Stdout);
        Assert.Matches(@"A\s+cdl 1\.1 1 0\.9 0\.01 0 -0\.01 1 1 1\.05 0\.9\s+undo 1 redo 0", state.Stdout);
        Assert.Matches(@"DIT\s+<- B", state.Stdout);

        var json = CliRunner.Run("ctl", "--url", Url, "--json", "state");
        using var doc = JsonDocument.Parse(json.Stdout);
        Assert.Equal("B", doc.RootElement.GetProperty("outputs")[0].GetProperty("route").GetString());
    }

    [Fact]
    public void Compare_sets_side_by_side_against_a_look_or_a_still_and_refuses_stills_outside_the_show()
    {
        var look = CliRunner.Run("ctl", "--url", Url, "compare", "DIT", "side-by-side", "--against", "look",
            "--look-cdl", "1.1 1.0 0.9 0.01 0 -0.01 1 1 1.05 0.9", "--look-name", "sc12 tk3", "--look-lut", "luts/show.cube");
        Assert.True(look.ExitCode == 0, look.Stderr);
        var compare = _bus.State.Output("DIT")!.Overlays.Compare!;
        Assert.Equal((Color.Overlays.Compare.CompareMode.SideBySide, CompareAgainst.Look), (compare.Mode, compare.Against));
        Assert.Equal(new SecondLook("sc12 tk3", new CdlValues(new(1.1, 1.0, 0.9), new(0.01, 0, -0.01), new(1, 1, 1.05), 0.9), ["luts/show.cube"]), compare.Look);

        var still = CliRunner.Run("ctl", "--url", Url, "compare", "Village", "wipe", "--against", "still", "--still", "stills/ref.exr", "--position", "0.3", "--angle", "45");
        Assert.True(still.ExitCode == 0, still.Stderr);
        Assert.Equal(new CompareState(Color.Overlays.Compare.CompareMode.Wipe, 0.3, 45) { Against = CompareAgainst.Still, Still = "stills/ref.exr" }, _bus.State.Output("Village")!.Overlays.Compare);

        var outside = CliRunner.Run("ctl", "--url", Url, "compare", "Village", "split", "--against", "still", "--still", "../../etc/ref.exr");
        Assert.Equal(2, outside.ExitCode);
        Assert.Equal("error: refused: output 'Village': still '../../etc/ref.exr' is outside the show's folder", outside.Stderr.Trim());
        Assert.Equal("stills/ref.exr", _bus.State.Output("Village")!.Overlays.Compare!.Still);

        var grab = CliRunner.Run("ctl", "--url", Url, "grab", "DIT");
        Assert.Equal(2, grab.ExitCode);
        Assert.Single(grab.Stderr.Trim().Split('\n'));
        Assert.Contains("cannot grab", grab.Stderr);
    }

    [Fact]
    public void Refusals_bad_input_wrong_tokens_and_absent_engines_are_one_line_and_exit_2()
    {
        var refused = CliRunner.Run("ctl", "--url", Url, "route", "DIT", "Z");
        Assert.Equal(2, refused.ExitCode);
        Assert.Equal("error: refused: no input 'Z'", refused.Stderr.Trim());

        var badCdl = CliRunner.Run("ctl", "--url", Url, "cdl", "A", "1 2 3");
        Assert.Equal(2, badCdl.ExitCode);
        Assert.Single(badCdl.Stderr.Trim().Split('\n'));
        Assert.Contains("ten numbers", badCdl.Stderr);

        var unauthorized = CliRunner.Run("ctl", "--url", _guarded.Url.ToString(), "undo", "A");
        Assert.Equal(2, unauthorized.ExitCode);
        Assert.StartsWith("error: unauthorized", unauthorized.Stderr.Trim());
        Assert.Single(unauthorized.Stderr.Trim().Split('\n'));

        int closed;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            closed = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        var absent = CliRunner.Run("ctl", "--url", $"http://127.0.0.1:{closed}", "state");
        Assert.Equal(2, absent.ExitCode);
        Assert.StartsWith("error: cannot reach the LiveGrade API", absent.Stderr.Trim());
        Assert.Equal(CdlValues.Identity, _bus.State.Camera("A")!.Cdl);
    }

    [Fact]
    public async Task Watch_prints_each_change_with_its_author()
    {
        using var stop = new CancellationTokenSource();
        // Changes keep coming until the watcher has seen its two and exited.
        var changes = Task.Run(async () =>
        {
            for (int i = 1; !stop.IsCancellationRequested; i++)
            {
                _bus.Submit(new Route("Village", i % 2 == 0 ? "B" : "A"), "panel-7");
                await Task.Delay(200);
            }
        });
        var watch = await Task.Run(() => CliRunner.Run("ctl", "--url", _guarded.Url.ToString(), "--token", Token, "watch", "--count", "2"));
        await stop.CancelAsync();
        await changes;
        Assert.True(watch.ExitCode == 0, watch.Stderr);
        var lines = watch.Stdout.Trim().Split('\n');
        Assert.StartsWith("watching Ctl show", lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.Matches(@"^#\d+ panel-7: output Village: route [AB]$", lines[1]);
        Assert.Matches(@"^#\d+ panel-7: output Village: route [AB]$", lines[2]);
    }
}
