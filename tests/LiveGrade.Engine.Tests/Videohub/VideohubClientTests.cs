using System.Net;
using System.Net.Sockets;
using System.Text;
using LiveGrade.Engine.Control;
using LiveGrade.Engine.Show;
using LiveGrade.Engine.Tests.Control;
using LiveGrade.Engine.Videohub;

namespace LiveGrade.Engine.Tests.Videohub;

/// <summary>LiveGrade's Videohub client against LiveGrade's server (standing in for an external router) and against a scripted router.</summary>
public sealed class VideohubClientTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    // The "external router": a second show whose ports are labelled like the first show's.
    private readonly ControlBus _router = new(StateTransitions.Initial(ShowFile.Parse("""
        {
          "name": "Router",
          "inputs": [ { "name": "Bars", "source": "bars" }, { "name": "D", "source": "bars" }, { "name": "A", "source": "bars" } ],
          "outputs": [ { "name": "Village", "route": "Bars" }, { "name": "Projector", "route": "Bars" }, { "name": "DIT", "route": "Bars" } ],
        }
        """)), journal: null);
    private VideohubServer _server = null!;

    public Task InitializeAsync()
    {
        _server = new VideohubServer(_router, new VideohubServerOptions { Port = 0, FriendlyName = "Router" });
        _server.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _server.StopAsync();
        _router.Dispose();
    }

    private Task<VideohubClient> Connect() => VideohubClient.ConnectAsync("127.0.0.1", _server.LocalEndPoint.Port, Deadline);

    [Fact]
    public async Task Reads_the_dump()
    {
        await using var client = await Connect();
        var s = client.State;
        Assert.Equal("2.8", s.ProtocolVersion);
        Assert.Equal("LiveGrade", s.ModelName);
        Assert.Equal("Router", s.FriendlyName);
        Assert.Equal(["Bars", "D", "A"], s.InputLabels.ToArray());
        Assert.Equal(["Village", "Projector", "DIT"], s.OutputLabels.ToArray());
        Assert.Equal([0, 0, 0], s.Routes.ToArray());
        Assert.Equal(['U', 'U', 'U'], s.Locks.ToArray());
    }

    [Fact]
    public async Task Routes_are_acked_and_the_state_follows_the_routers_broadcasts()
    {
        await using var client = await Connect();
        var updated = new SemaphoreSlim(0);
        client.Changed += _ => updated.Release();
        Assert.True(await client.RouteAsync(1, 2));
        Assert.Equal("A", _router.State.Output("Projector")!.Route);
        Assert.True(await updated.WaitAsync(Deadline));
        Assert.Equal([0, 2, 0], client.State.Routes.ToArray());

        // A change made elsewhere on the router reaches the client too.
        Assert.True(_router.Submit(new Route("Village", "D"), "someone").Accepted);
        Assert.True(await updated.WaitAsync(Deadline));
        Assert.Equal([1, 2, 0], client.State.Routes.ToArray());

        // Refused (out of range) is false, not an exception; the connection stays usable.
        Assert.False(await client.RouteAsync(9, 0));
        Assert.True(await client.PingAsync());
    }

    [Fact]
    public async Task Locks_taken_elsewhere_read_as_L()
    {
        await using var client = await Connect();
        var updated = new SemaphoreSlim(0);
        client.Changed += _ => updated.Release();
        Assert.True(_router.Submit(new LockOutput("DIT", "someone"), "someone").Accepted);
        Assert.True(await updated.WaitAsync(Deadline));
        Assert.Equal(['U', 'U', 'L'], client.State.Locks.ToArray());
        Assert.False(await client.RouteAsync(2, 1)); // NAK: locked
        Assert.True(await client.RequestAsync(new VideohubBlock(VideohubBlocks.OutputLocks, ["0 O"])));
        Assert.True(await updated.WaitAsync(Deadline));
        Assert.Equal(['O', 'U', 'L'], client.State.Locks.ToArray());
    }

    [Fact]
    public async Task Recalled_presets_drive_the_external_router_by_name()
    {
        using var bus = new ControlBus(TestShows.Initial(), journal: null);
        var log = new List<string>();
        await using var link = new VideohubPresetLink(bus, "127.0.0.1", _server.LocalEndPoint.Port, l => { lock (log) log.Add(l); });
        var sent = new TaskCompletionSource<IReadOnlyList<ExternalRouteResult>>(TaskCreationOptions.RunContinuationsAsynchronously);
        link.Sent += (_, results) => sent.TrySetResult(results);

        // "wide": DIT and Village to D. The router has both outputs and an input labelled D.
        Assert.True(bus.Submit(new RecallPreset("wide"), "dit").Accepted);
        var results = await sent.Task.WaitAsync(Deadline);
        Assert.All(results, r => Assert.True(r.Acknowledged, r.Problem));
        Assert.Equal("D", _router.State.Output("DIT")!.Route);
        Assert.Equal("D", _router.State.Output("Village")!.Route);
        Assert.Equal("Bars", _router.State.Output("Projector")!.Route);

        // "all-a" names an output (Client) the router does not have: the rest still goes, the gap is reported.
        var direct = await link.SendAsync(bus.State.Presets.Single(p => p.Name == "all-a"), bus.State).WaitAsync(Deadline);
        Assert.Equal(2, direct.Count(r => r.Acknowledged));
        Assert.Contains(direct, r => r.Output == "Client" && !r.Acknowledged && r.Problem!.Contains("no output labelled 'Client'"));
        Assert.Equal("A", _router.State.Output("DIT")!.Route);
        lock (log) Assert.Contains(log, l => l.Contains("2 of 3 routes acknowledged"));
    }

    [Fact]
    public async Task A_preset_for_an_absent_router_is_reported_not_thrown()
    {
        using var bus = new ControlBus(TestShows.Initial(), journal: null);
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        await using var link = new VideohubPresetLink(bus, "127.0.0.1", port);
        var results = await link.SendAsync(bus.State.Presets[0], bus.State).WaitAsync(Deadline);
        Assert.All(results, r => Assert.False(r.Acknowledged));
        Assert.All(results, r => Assert.Contains("cannot connect", r.Problem));
        Assert.True(bus.Submit(new RecallPreset("wide"), "dit").Accepted); // the bus never waits on the router
    }

    [Fact]
    public async Task Works_with_a_router_that_sends_no_end_prelude_and_crlf_lines()
    {
        // An older Videohub: protocol 2.3, CRLF from a terminal-like peer, no END PRELUDE.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var routerTask = Task.Run(async () =>
        {
            using var peer = await listener.AcceptTcpClientAsync();
            var stream = peer.GetStream();
            var dump = "PROTOCOL PREAMBLE:\r\nVersion: 2.3\r\n\r\nVIDEOHUB DEVICE:\r\nDevice present: true\r\nModel name: Blackmagic Micro Videohub\r\n" +
                       "Video inputs: 2\r\nVideo outputs: 2\r\n\r\nINPUT LABELS:\r\n0 Cam 1\r\n1 Cam 2\r\n\r\nOUTPUT LABELS:\r\n0 Mon 1\r\n1 Mon 2\r\n\r\n" +
                       "VIDEO OUTPUT ROUTING:\r\n0 0\r\n1 0\r\n\r\nSOMETHING NEW:\r\nwhatever: 1\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(dump));
            var buffer = new byte[1024];
            int n = await stream.ReadAsync(buffer);
            Assert.Equal("VIDEO OUTPUT ROUTING:\n1 1\n\n", Encoding.ASCII.GetString(buffer, 0, n));
            await stream.WriteAsync(Encoding.ASCII.GetBytes("ACK\r\n\r\nVIDEO OUTPUT ROUTING:\r\n1 1\r\n\r\n"));
            await Task.Delay(TimeSpan.FromSeconds(2));
        });
        await using var client = await VideohubClient.ConnectAsync("127.0.0.1", ((IPEndPoint)listener.LocalEndpoint).Port, TimeSpan.FromSeconds(1.5));
        Assert.Equal("2.3", client.State.ProtocolVersion);
        Assert.Equal(["Cam 1", "Cam 2"], client.State.InputLabels.ToArray());
        var updated = new SemaphoreSlim(0);
        client.Changed += _ => updated.Release();
        Assert.True(await client.RouteAsync(1, 1));
        Assert.True(await updated.WaitAsync(Deadline));
        Assert.Equal([0, 1], client.State.Routes.ToArray());
        await routerTask;
    }
}
