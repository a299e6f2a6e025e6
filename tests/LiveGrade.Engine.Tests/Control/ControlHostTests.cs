using System.Net;
using System.Net.Sockets;
using System.Text;
using LiveGrade.Core.Diagnostics;
using LiveGrade.Engine.Control;
using LiveGrade.Engine.Tests.Videohub;

namespace LiveGrade.Engine.Tests.Control;

public class ControlHostTests
{
    private sealed class NoStatus : IEngineStatus
    {
        public IReadOnlyList<OutputStats> Outputs() => [];
        public IReadOnlyList<InputStats> Inputs() => [];
    }

    /// <summary>A port that was free a moment ago (the host's options take fixed ports, as the command line does).</summary>
    public static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    [Fact]
    public async Task Opens_the_ports_serves_both_surfaces_and_replays_after_a_restart()
    {
        var journal = Path.Combine(TestShows.TempDir(), "show.journal.sqlite");
        int videohubPort = FreePort(), apiPort = FreePort();
        var options = new ControlHostOptions { JournalPath = journal, VideohubPort = videohubPort, ApiPort = apiPort };
        await using (var host = ControlHost.Open(TestShows.Show(), options))
        {
            await host.StartAsync(new NoStatus());
            Assert.Equal([$"journal: {journal} (0 commands replayed)", $"videohub: 127.0.0.1:{videohubPort}", $"api: http://127.0.0.1:{apiPort}/"], host.Listening);

            using var panel = new ScriptedVideohubClient(new IPEndPoint(IPAddress.Loopback, videohubPort));
            panel.ReadDump();
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{apiPort}/") };
            var r = await http.PostAsync("api/outputs/Client/route", new StringContent("""{"input": "D"}""", Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            // A change through the API reaches the Videohub panel.
            Assert.Equal(TestBlock.Of("VIDEO OUTPUT ROUTING:", "2 3"), panel.ReadBlock());
            panel.Send("VIDEO OUTPUT ROUTING:\n0 1\n\n");
            Assert.True(panel.ReadReply());
            await host.StopAsync();
            Assert.Single(host.Listening); // the journal's line
        }
        await using (var again = ControlHost.Open(TestShows.Show(), options with { VideohubPort = 0, ApiPort = 0 }))
        {
            Assert.Equal(2, again.Bus.Replayed);
            Assert.Equal(["B", "B", "D"], again.Bus.State.Outputs.Select(o => o.Route));
            await again.StartAsync(new NoStatus());
            Assert.Equal([$"journal: {journal} (2 commands replayed)"], again.Listening); // 0 turns a server off
        }
    }

    [Fact]
    public async Task Refuses_an_api_beyond_loopback_without_a_token_and_leaves_nothing_open()
    {
        int videohubPort = FreePort(), apiPort = FreePort();
        var options = new ControlHostOptions
        {
            JournalPath = Path.Combine(TestShows.TempDir(), "j.sqlite"),
            VideohubPort = videohubPort,
            ApiPort = apiPort,
            Bind = "0.0.0.0",
        };
        await using var host = ControlHost.Open(TestShows.Show(), options);
        var e = await Assert.ThrowsAsync<InputException>(() => host.StartAsync(new NoStatus()));
        Assert.Contains("needs a token", e.Message);
        // The Videohub server that had started is closed again: its port can be had.
        using var probe = new TcpListener(IPAddress.Any, videohubPort);
        probe.Start();
    }

    [Fact]
    public async Task With_best_effort_ports_a_busy_port_is_reported_and_skipped()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        int busy = ((IPEndPoint)squatter.LocalEndpoint).Port, apiPort = FreePort();
        var log = new List<string>();
        var options = new ControlHostOptions { VideohubPort = busy, ApiPort = apiPort };
        await using (var strict = ControlHost.Open(TestShows.Show(), options))
        {
            var e = await Assert.ThrowsAsync<InputException>(() => strict.StartAsync(new NoStatus()));
            Assert.Contains($"cannot listen on 127.0.0.1:{busy}", e.Message);
        }
        await using var lenient = ControlHost.Open(TestShows.Show(), options with { BestEffortPorts = true }, log.Add);
        await lenient.StartAsync(new NoStatus());
        Assert.Null(lenient.Videohub);
        Assert.NotNull(lenient.Api);
        Assert.Contains(log, l => l.StartsWith("warning: videohub: cannot listen") && l.EndsWith("running without it"));
    }

    [Theory]
    [InlineData("router.local", "router.local", 9990)]
    [InlineData("10.0.0.20:9991", "10.0.0.20", 9991)]
    [InlineData("[fe80::1]:9990", "fe80::1", 9990)]
    [InlineData("fe80::1", "fe80::1", 9990)]
    public void External_router_addresses(string text, string host, int port) =>
        Assert.Equal((host, port), ControlHost.ParseHostPort(text));

    [Fact]
    public void A_bad_external_port_is_an_input_error() =>
        Assert.Throws<InputException>(() => ControlHost.ParseHostPort("router:99999"));
}
