using System.Net;
using System.Net.Http.Headers;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using LiveGrade.Core.Diagnostics;
using LiveGrade.Engine.Api;
using LiveGrade.Engine.Control;
using LiveGrade.Engine.Tests.Control;

namespace LiveGrade.Engine.Tests.Api;

public sealed class ApiServerTests : IAsyncLifetime
{
    private const string Token = "test-token-0123456789abcdef";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    private readonly ControlBus _bus = new(TestShows.Initial(), journal: null);
    private readonly FakeStatus _status = new();
    private readonly List<ApiServer> _servers = [];
    private ApiServer _api = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _api = await Start(new ApiServerOptions { Port = 0, ShowName = "Control test show", StatsInterval = TimeSpan.FromMilliseconds(100) });
        _http = new HttpClient { BaseAddress = _api.Url, Timeout = Deadline };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        foreach (var s in _servers) await s.StopAsync();
        _bus.Dispose();
    }

    private async Task<ApiServer> Start(ApiServerOptions options)
    {
        var server = new ApiServer(_bus, _status, options, TestShows.TempDir());
        await server.StartAsync();
        _servers.Add(server);
        return server;
    }

    private sealed class FakeStatus : IEngineStatus
    {
        public IReadOnlyList<OutputStats> Outputs() => [new("DIT", 25, 12.5, 30.1, 1000, 0, 2, 1, "cpu")];
        public IReadOnlyList<InputStats> Inputs() => [new("A", "running", null, 1000, 0, "01:00:00:00")];
    }

    private static StringContent JsonBody(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<JsonElement> Read(HttpResponseMessage r)
    {
        var text = await r.Content.ReadAsStringAsync();
        Assert.DoesNotContain("   at ", text); // never a stack trace
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    [Fact]
    public async Task State_lists_cameras_outputs_and_presets()
    {
        Assert.True(_bus.Submit(new SetCdl("B", TestShows.Cdl(1.25, 0.02)), "dit").Accepted);
        var s = await Read(await _http.GetAsync("api/state"));
        Assert.Equal("Control test show", s.GetProperty("show").GetString());
        Assert.Equal(_bus.State.Sequence, s.GetProperty("sequence").GetInt64());
        var cameras = s.GetProperty("cameras").EnumerateArray().ToList();
        Assert.Equal(["A", "B", "C", "D"], cameras.Select(c => c.GetProperty("name").GetString()));
        var b = cameras[1].GetProperty("cdl");
        Assert.Equal([1.25, 1.25, 1.25], b.GetProperty("slope").EnumerateArray().Select(x => x.GetDouble()));
        Assert.Equal([0.02, 0.02, 0.02], b.GetProperty("offset").EnumerateArray().Select(x => x.GetDouble()));
        Assert.Equal("1.25 1.25 1.25 0.02 0.02 0.02 1 1 1 1", b.GetProperty("text").GetString());
        Assert.Equal(1, cameras[1].GetProperty("undoDepth").GetInt32());
        var outputs = s.GetProperty("outputs").EnumerateArray().ToList();
        Assert.Equal(["A", "B", "C"], outputs.Select(o => o.GetProperty("route").GetString()));
        Assert.Equal("clean", outputs[2].GetProperty("view").GetString());
        Assert.Equal(["wide", "all-a"], s.GetProperty("presets").EnumerateArray().Select(p => p.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task Stats_come_from_the_engine()
    {
        var s = await Read(await _http.GetAsync("api/stats"));
        var dit = s.GetProperty("outputs")[0];
        Assert.Equal("DIT", dit.GetProperty("name").GetString());
        Assert.Equal(30.1, dit.GetProperty("latencyP99Ms").GetDouble());
        Assert.Equal("01:00:00:00", s.GetProperty("inputs")[0].GetProperty("timecode").GetString());
    }

    [Fact]
    public async Task Commands_are_accepted_refused_or_rejected()
    {
        var ok = await _http.PostAsync("api/commands", JsonBody("""
            {"camera": "A", "cdl": {"slope": {"r": 1.1, "g": 1, "b": 0.9}, "offset": {"r": 0, "g": 0, "b": 0.01}, "power": {"r": 1, "g": 1, "b": 1}, "sat": 1.2}, "kind": "setCdl"}
            """));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var body = await Read(ok);
        Assert.True(body.GetProperty("accepted").GetBoolean());
        Assert.Equal(1, body.GetProperty("sequence").GetInt64());
        Assert.Equal(new CdlValues(new(1.1, 1, 0.9), new(0, 0, 0.01), new(1, 1, 1), 1.2), _bus.State.Camera("A")!.Cdl);

        var refused = await _http.PostAsync("api/commands", JsonBody("""{"kind": "route", "output": "DIT", "input": "Nope"}"""));
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var why = await Read(refused);
        Assert.False(why.GetProperty("accepted").GetBoolean());
        Assert.Equal("no input 'Nope'", why.GetProperty("error").GetString());

        foreach (var bad in new[] { "{", "[]", """{"output": "DIT"}""", """{"kind": "teleport"}""", """{"kind": "route", "output": 5}""", "null" })
        {
            var r = await _http.PostAsync("api/commands", JsonBody(bad));
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
            var error = (await Read(r)).GetProperty("error").GetString()!;
            Assert.DoesNotContain('\n', error);
        }
        var notJson = await _http.PostAsync("api/commands", new StringContent("""{"kind": "preset", "name": "wide"}""", Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Equal(["A", "B", "C"], _bus.State.Outputs.Select(o => o.Route));
    }

    [Fact]
    public async Task Convenience_endpoints_set_cdl_route_recall_undo_and_redo()
    {
        var cdl = await _http.PostAsync("api/cameras/C/cdl", JsonBody("""{"slope": [1.2, 1.1, 1.0], "offset": [0.01, 0, -0.01], "power": [1, 1, 1.1], "sat": 0.8}"""));
        Assert.Equal(HttpStatusCode.OK, cdl.StatusCode);
        Assert.Equal(new CdlValues(new(1.2, 1.1, 1.0), new(0.01, 0, -0.01), new(1, 1, 1.1), 0.8), _bus.State.Camera("C")!.Cdl);
        var shape = await _http.PostAsync("api/cameras/C/cdl", JsonBody("""{"slope": [1.2, 1.1], "offset": [0, 0, 0], "power": [1, 1, 1], "sat": 1}"""));
        Assert.Equal(HttpStatusCode.BadRequest, shape.StatusCode);
        var range = await _http.PostAsync("api/cameras/C/cdl", JsonBody("""{"slope": [1, 1, 1], "offset": [0, 0, 0], "power": [0, 1, 1], "sat": 1}"""));
        Assert.Equal(HttpStatusCode.Conflict, range.StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await _http.PostAsync("api/outputs/Village/route", JsonBody("""{"input": "D"}"""))).StatusCode);
        Assert.Equal("D", _bus.State.Output("Village")!.Route);
        Assert.Equal(HttpStatusCode.OK, (await _http.PostAsync("api/presets/all-a/recall", null)).StatusCode);
        Assert.Equal(["A", "A", "A"], _bus.State.Outputs.Select(o => o.Route));
        Assert.Equal(HttpStatusCode.Conflict, (await _http.PostAsync("api/presets/none/recall", null)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await _http.PostAsync("api/cameras/C/undo", null)).StatusCode);
        Assert.Equal(CdlValues.Identity, _bus.State.Camera("C")!.Cdl);
        var nothing = await _http.PostAsync("api/cameras/C/undo", null);
        Assert.Equal(HttpStatusCode.Conflict, nothing.StatusCode);
        Assert.Equal("camera 'C': nothing to undo", (await Read(nothing)).GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.OK, (await _http.PostAsync("api/cameras/C/redo", null)).StatusCode);
        Assert.Equal(0.8, _bus.State.Camera("C")!.Cdl.Sat);
    }

    [Fact]
    public async Task The_author_is_the_api_and_the_callers_address_and_locks_are_taken_in_that_name()
    {
        var authors = new List<string>();
        using var _ = _bus.Subscribe(c => { lock (authors) authors.Add(c.Author); });
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/commands") { Content = JsonBody("""{"kind": "lock", "output": "Client", "owner": "videohub:10.0.0.9:1#1"}""") };
        request.Headers.Add("X-LiveGrade-User", "maria");
        Assert.Equal(HttpStatusCode.OK, (await _http.SendAsync(request)).StatusCode);
        Assert.Equal("api:maria@127.0.0.1", _bus.State.Output("Client")!.LockedBy); // not the owner the body claimed
        Assert.Equal(HttpStatusCode.OK, (await _http.PostAsync("api/outputs/DIT/route", JsonBody("""{"input": "B"}"""))).StatusCode);
        lock (authors) Assert.Equal(["api:maria@127.0.0.1", "api:127.0.0.1"], authors);
        // Without the user header the caller is someone else: the lock holds.
        var locked = await _http.PostAsync("api/outputs/Client/route", JsonBody("""{"input": "B"}"""));
        Assert.Equal(HttpStatusCode.Conflict, locked.StatusCode);
        Assert.Contains("locked by api:maria@127.0.0.1", (await Read(locked)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Lut_paths_from_the_network_must_stay_in_the_show_folder()
    {
        foreach (var path in new[] { "/etc/passwd", "../../secret.cube", "~/x.cube", "luts/../../x.cube" })
        {
            var r = await _http.PostAsync("api/commands", JsonBody($$"""{"kind": "setLuts", "camera": "A", "luts": ["{{path}}"]}"""));
            Assert.Equal(HttpStatusCode.Conflict, r.StatusCode);
        }
        Assert.Empty(_bus.State.Camera("A")!.Luts);
        var ok = await _http.PostAsync("api/commands", JsonBody("""{"kind": "setLuts", "camera": "A", "luts": ["luts/show.cube"]}"""));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(["luts/show.cube"], _bus.State.Camera("A")!.Luts.ToArray());
    }

    [Fact]
    public async Task Compare_stills_and_look_luts_from_the_network_must_stay_in_the_show_folder()
    {
        // " /etc/passwd": the bus trims what it parses, so a leading space must not pass as a relative path.
        foreach (var path in new[] { "/etc/passwd", "../../ref.exr", "~/ref.exr", "stills/../../ref.exr", " /etc/passwd", "\u00a0/etc/passwd" })
        {
            var r = await _http.PostAsync("api/commands", JsonBody($$$"""
                {"kind": "overlays", "output": "DIT", "compare": {"mode": "side-by-side", "against": "still", "still": "{{{path}}}"}}
                """));
            Assert.Equal(HttpStatusCode.Conflict, r.StatusCode);
            var error = (await Read(r)).GetProperty("error").GetString()!;
            Assert.DoesNotContain('\n', error);
            Assert.Matches($"^output 'DIT': still '{System.Text.RegularExpressions.Regex.Escape(path)}'( is outside the show's folder|: give a path relative to the show's folder)$", error);
            var look = await _http.PostAsync("api/commands", JsonBody($$$"""
                {"kind": "overlays", "output": "DIT", "compare": {"mode": "split", "against": "look",
                 "look": {"name": "sc1", "cdl": {"slope": [1,1,1], "offset": [0,0,0], "power": [1,1,1], "sat": 1}, "luts": ["{{{path}}}"]} } }
                """));
            Assert.Equal(HttpStatusCode.Conflict, look.StatusCode);
            Assert.StartsWith("output 'DIT': compare look: LUT ", (await Read(look)).GetProperty("error").GetString());
        }
        Assert.Null(_bus.State.Output("DIT")!.Overlays.Compare);
        var ok = await _http.PostAsync("api/commands", JsonBody("""
            {"kind": "overlays", "output": "DIT", "compare": {"mode": "side-by-side", "against": "still", "still": "stills/ref.exr"}}
            """));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var compare = _bus.State.Output("DIT")!.Overlays.Compare!;
        Assert.Equal((LiveGrade.Color.Overlays.Compare.CompareMode.SideBySide, CompareAgainst.Still, "stills/ref.exr"), (compare.Mode, compare.Against, compare.Still));
        // The state reads back in the show file's terms.
        var state = await Read(await _http.GetAsync("api/state"));
        var shown = state.GetProperty("outputs")[0].GetProperty("overlays").GetProperty("compare");
        Assert.Equal(("side-by-side", "still", "stills/ref.exr"), (shown.GetProperty("mode").GetString(), shown.GetProperty("against").GetString(), shown.GetProperty("still").GetString()));
        // This engine (a stand-in) cannot grab: said in one line.
        var grab = await _http.PostAsync("api/outputs/DIT/grab", null);
        Assert.Equal(HttpStatusCode.Conflict, grab.StatusCode);
        Assert.Equal("this engine cannot grab reference stills", (await Read(grab)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Oversized_bodies_foreign_origins_and_rebinding_hosts_are_refused()
    {
        var big = await _http.PostAsync("api/commands", JsonBody("{\"kind\": \"label\", \"label\": \"" + new string('x', 200_000) + "\"}"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, big.StatusCode);
        await Read(big);

        using var fromWeb = new HttpRequestMessage(HttpMethod.Post, "api/presets/wide/recall");
        fromWeb.Headers.Add("Origin", "http://evil.example");
        Assert.Equal(HttpStatusCode.Forbidden, (await _http.SendAsync(fromWeb)).StatusCode);

        using var rebinding = new HttpRequestMessage(HttpMethod.Get, "api/state");
        rebinding.Headers.Host = $"evil.example:{_api.Url.Port}";
        Assert.Equal(HttpStatusCode.Forbidden, (await _http.SendAsync(rebinding)).StatusCode);
        Assert.Equal(["A", "B", "C"], _bus.State.Outputs.Select(o => o.Route));

        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync("api/nothing")).StatusCode);
    }

    [Fact]
    public async Task A_configured_token_is_enforced_on_loopback_too()
    {
        var api = await Start(new ApiServerOptions { Port = 0, Token = Token });
        await ExpectTokenEnforced(api.Url);
    }

    [Fact]
    public async Task Beyond_loopback_the_api_refuses_to_start_without_a_token_and_requests_without_it()
    {
        var address = NonLoopbackAddress() ?? IPAddress.Any; // 0.0.0.0 is beyond loopback as well
        var refused = await Assert.ThrowsAsync<InputException>(() => new ApiServer(_bus, _status, new ApiServerOptions { Bind = address, Port = 0 }, TestShows.TempDir()).StartAsync());
        Assert.Contains("needs a token", refused.Message);

        var api = await Start(new ApiServerOptions { Bind = address, Port = 0, Token = Token });
        // Reach it through the machine's own non-loopback address when it has one.
        var url = new UriBuilder(api.Url) { Host = (NonLoopbackAddress() ?? IPAddress.Loopback).ToString() }.Uri;
        await ExpectTokenEnforced(url);
    }

    private async Task ExpectTokenEnforced(Uri url)
    {
        using var http = new HttpClient { BaseAddress = url, Timeout = Deadline };
        var none = await http.GetAsync("api/state");
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal("Bearer", none.Headers.WwwAuthenticate.Single().Scheme);
        await Read(none);
        using (var wrong = new HttpRequestMessage(HttpMethod.Post, "api/presets/wide/recall"))
        {
            wrong.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token + "x");
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(wrong)).StatusCode);
        }
        Assert.Equal(["A", "B", "C"], _bus.State.Outputs.Select(o => o.Route));
        using var socket = new ClientWebSocket();
        var ws = new UriBuilder(new Uri(url, "api/events")) { Scheme = "ws" }.Uri;
        var wsError = await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(ws, CancellationToken.None));

        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("api/state")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsync("api/presets/wide/recall", null)).StatusCode);
        Assert.Equal(["D", "D", "C"], _bus.State.Outputs.Select(o => o.Route));
    }

    /// <summary>An IPv4 address of this machine that is not loopback (192.0.2.2 in the build container), or null.</summary>
    private static IPAddress? NonLoopbackAddress() => NetworkInterface.GetAllNetworkInterfaces()
        .Where(n => n.OperationalStatus == OperationalStatus.Up)
        .SelectMany(n => n.GetIPProperties().UnicastAddresses)
        .Select(u => u.Address)
        .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));

    [Fact]
    public async Task Events_stream_the_state_then_every_change_in_order_and_the_figures()
    {
        using var socket = new ClientWebSocket();
        var ws = new UriBuilder(new Uri(_api.Url, "api/events")) { Scheme = "ws" }.Uri;
        await socket.ConnectAsync(ws, new CancellationTokenSource(Deadline).Token);
        var first = await Receive(socket);
        Assert.Equal("state", first.GetProperty("type").GetString());
        Assert.Equal(0, first.GetProperty("state").GetProperty("sequence").GetInt64());

        // Changes from several threads at once, and from the API itself.
        Parallel.For(0, 4, t =>
        {
            for (int i = 0; i < 25; i++)
            {
                Assert.True(_bus.Submit(new SetCdl(((char)('A' + t)).ToString(), TestShows.Cdl(1 + (i + 1) * 0.01)), $"thread{t}").Accepted);
            }
        });
        Assert.Equal(HttpStatusCode.OK, (await _http.PostAsync("api/outputs/DIT/route", JsonBody("""{"input": "C"}"""))).StatusCode);

        var changes = new List<JsonElement>();
        bool sawStats = false;
        while (changes.Count < 101 || !sawStats)
        {
            var e = await Receive(socket);
            switch (e.GetProperty("type").GetString())
            {
                case "change":
                    changes.Add(e);
                    break;
                case "stats":
                    sawStats = true;
                    Assert.Equal("DIT", e.GetProperty("outputs")[0].GetProperty("name").GetString());
                    break;
                default:
                    Assert.Fail($"unexpected event {e}");
                    break;
            }
        }
        Assert.Equal(Enumerable.Range(1, 101).Select(i => (long)i), changes.Select(c => c.GetProperty("stateSequence").GetInt64()));
        var last = changes[^1];
        Assert.Equal("api:127.0.0.1", last.GetProperty("author").GetString());
        Assert.Equal("route", last.GetProperty("command").GetProperty("kind").GetString());
        Assert.Equal("output DIT: route C", last.GetProperty("summary").GetString());
        var cdl = changes.First(c => c.GetProperty("author").GetString() == "thread1");
        Assert.Equal("setCdl", cdl.GetProperty("command").GetProperty("kind").GetString());
        Assert.StartsWith("camera B: CDL 1.01 1.01 1.01", cdl.GetProperty("summary").GetString());

        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
    }

    private static async Task<JsonElement> Receive(ClientWebSocket socket)
    {
        using var cancel = new CancellationTokenSource(Deadline);
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        WebSocketReceiveResult r;
        do
        {
            r = await socket.ReceiveAsync(buffer, cancel.Token);
            message.Write(buffer, 0, r.Count);
        }
        while (!r.EndOfMessage);
        return JsonDocument.Parse(message.ToArray()).RootElement.Clone();
    }
}
