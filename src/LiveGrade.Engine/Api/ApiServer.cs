using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using System.Threading.Channels;
using LiveGrade.Core.Diagnostics;
using LiveGrade.Engine.Control;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using BadHttpRequestException = Microsoft.AspNetCore.Http.BadHttpRequestException;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LiveGrade.Engine.Api;

/// <summary>Where and how the control API listens.</summary>
public sealed record ApiServerOptions
{
    /// <summary>The port `livegrade ctl` tries when given no --url (the demo show's).</summary>
    public const int DefaultPort = 8990;

    public IPAddress Bind { get; init; } = IPAddress.Loopback;

    /// <summary>TCP port; 0 lets the system choose (tests), see <see cref="ApiServer.Url"/>.</summary>
    public int Port { get; init; } = DefaultPort;

    /// <summary>Bearer token; required beyond loopback, enforced wherever given.</summary>
    public string? Token { get; init; }

    /// <summary>The show's name, reported in the state.</summary>
    public string ShowName { get; init; } = "LiveGrade show";

    /// <summary>How often the event socket sends the engine's figures.</summary>
    public TimeSpan StatsInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Largest request body: a command is a few hundred bytes.</summary>
    public long MaxRequestBytes { get; init; } = 64 * 1024;

    /// <summary>Event sockets served at once.</summary>
    public int MaxEventClients { get; init; } = 32;

    /// <summary>Messages that may wait for one event socket before it is closed as not reading.</summary>
    public int MaxPendingEvents { get; init; } = 1024;
}

/// <summary>
/// LiveGrade's network control API: HTTP + WebSocket on ASP.NET Core's Kestrel.
/// <list type="bullet">
/// <item>GET /api/state: cameras (CDL, LUTs, undo/redo depth), outputs (route, view, display, lock), presets.</item>
/// <item>GET /api/stats: the engine's figures (<see cref="IEngineStatus"/>).</item>
/// <item>POST /api/commands: a <see cref="ControlCommand"/> as JSON ("kind": setCdl, setLuts, undo, redo, route,
/// preset, label, lock, view); 200 accepted, 409 refused (one-line reason), 400 malformed.</item>
/// <item>POST /api/outputs/{name}/grab: the output's next picture becomes its reference still and the output compares
/// against it (<see cref="IReferenceGrabber"/>; 200 with the compare command's sequence, 409 with why not).</item>
/// <item>POST /api/cameras/{name}/cdl ({slope, offset, power, sat}), /api/cameras/{name}/undo and /redo,
/// /api/outputs/{name}/route ({input}), /api/presets/{name}/recall: the same, shorter.</item>
/// <item>WebSocket /api/events: the state, then each change in order, and the figures every second.</item>
/// </list>
/// Every command goes through the <see cref="ControlBus"/> with the author "api:ADDRESS" (see
/// <see cref="ApiSecurity.Author"/>), so it is journalled before the 200 is sent. Errors are one line of
/// JSON, never a stack trace. Browsers on other sites are kept out: requests carrying a foreign Origin are
/// refused, and on loopback the Host must be a loopback name (DNS rebinding).
/// </summary>
public sealed class ApiServer : IAsyncDisposable
{
    private readonly ControlBus _bus;
    private readonly IEngineStatus _status;
    private readonly ApiServerOptions _options;
    private readonly Action<string>? _log;
    private readonly string _showDirectory;
    private WebApplication? _app;
    private int _eventClients;

    /// <param name="showDirectory">LUT paths set over the network must stay inside this folder.</param>
    /// <param name="log">Receives one line per refused start or internal error.</param>
    public ApiServer(ControlBus bus, IEngineStatus status, ApiServerOptions options, string showDirectory, Action<string>? log = null)
    {
        _bus = bus;
        _status = status;
        _options = options;
        _showDirectory = Path.GetFullPath(showDirectory);
        _log = log;
    }

    /// <summary>The base URL clients use (after <see cref="StartAsync"/>), e.g. http://127.0.0.1:9980/.</summary>
    public Uri Url { get; private set; } = new("http://127.0.0.1/");

    /// <summary>
    /// Starts listening. Refuses (<see cref="InputException"/>) to bind beyond loopback without a token, a
    /// token that is too short, or an address/port that cannot be had.
    /// </summary>
    public async Task StartAsync()
    {
        if (ApiSecurity.StartProblem(_options.Bind, _options.Token) is { } problem) throw new InputException(problem);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            EnvironmentName = Environments.Production,
            ContentRootPath = AppContext.BaseDirectory,
            Args = [],
        });
        // Only what this class says: no ASPNETCORE_URLS, appsettings or Kestrel__Endpoints from the environment
        // may add a listener the operator did not ask for.
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = _options.MaxRequestBytes;
            k.Limits.MaxRequestHeadersTotalSize = 16 * 1024;
            k.Limits.MaxRequestLineSize = 4 * 1024;
            k.Limits.MaxConcurrentConnections = 128;
            k.Limits.MaxConcurrentUpgradedConnections = _options.MaxEventClients;
            k.Listen(_options.Bind, _options.Port, l => l.Protocols = HttpProtocols.Http1);
        });
        var app = builder.Build();
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(15) });
        app.Use(Guard);
        Map(app);
        try
        {
            await app.StartAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or InvalidOperationException)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw new InputException($"api: cannot listen on {Videohub.VideohubServer.FormatEndPoint(_options.Bind, _options.Port)}: {e.Message.ReplaceLineEndings(" ")}");
        }
        _app = app;
        var bound = app.Urls.FirstOrDefault() ?? $"http://{Videohub.VideohubServer.FormatEndPoint(_options.Bind, _options.Port)}";
        Url = new Uri(bound.EndsWith('/') ? bound : bound + "/");
    }

    /// <summary>Runs before every endpoint: no exception escapes as a stack trace, foreign browsers and wrong tokens stay out.</summary>
    private async Task Guard(HttpContext context, RequestDelegate next)
    {
        try
        {
            var request = context.Request;
            if (ApiSecurity.IsLoopback(_options.Bind) && !IsLoopbackHost(request.Host.Host))
            {
                await Error(context, StatusCodes.Status403Forbidden, "the API on loopback answers only to localhost names").ConfigureAwait(false);
                return;
            }
            if (request.Headers.Origin.ToString() is { Length: > 0 } origin && origin != $"{request.Scheme}://{request.Host}")
            {
                await Error(context, StatusCodes.Status403Forbidden, "requests from web pages of other sites are refused").ConfigureAwait(false);
                return;
            }
            if (!ApiSecurity.Authorized(request.Headers.Authorization.ToString() is { Length: > 0 } a ? a : null, _options.Token))
            {
                context.Response.Headers.WWWAuthenticate = "Bearer";
                await Error(context, StatusCodes.Status401Unauthorized, "a valid 'Authorization: Bearer TOKEN' header is required").ConfigureAwait(false);
                return;
            }
            await next(context).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e)
        {
            if (!context.Response.HasStarted) await Error(context, e.StatusCode, OneLine(e.Message)).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client left.
        }
        catch (Exception e)
        {
            _log?.Invoke($"api: internal error on {context.Request.Path}: {e.GetType().Name}: {OneLine(e.Message)}");
            if (!context.Response.HasStarted) await Error(context, StatusCodes.Status500InternalServerError, "internal error").ConfigureAwait(false);
        }
    }

    private static bool IsLoopbackHost(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));

    private void Map(WebApplication app)
    {
        app.MapGet("/api/state", () => Json(StateView.From(_options.ShowName, _bus.State)));
        app.MapGet("/api/stats", () => Json(Stats()));
        app.MapPost("/api/commands", async (HttpContext c) =>
        {
            var (command, problem) = await ReadBody<ControlCommand>(c).ConfigureAwait(false);
            return command is null ? BadRequest(problem!) : Submit(c, command);
        });
        app.MapPost("/api/cameras/{name}/cdl", async (HttpContext c, string name) =>
        {
            var (cdl, problem) = await ReadBody<CdlView>(c).ConfigureAwait(false);
            if (cdl is null) return BadRequest(problem!);
            if (cdl.ShapeProblem() is { } shape) return BadRequest(shape);
            return Submit(c, new SetCdl(name, cdl.ToValues()));
        });
        app.MapPost("/api/cameras/{name}/undo", (HttpContext c, string name) => Submit(c, new UndoCdl(name)));
        app.MapPost("/api/cameras/{name}/redo", (HttpContext c, string name) => Submit(c, new RedoCdl(name)));
        app.MapPost("/api/outputs/{name}/route", async (HttpContext c, string name) =>
        {
            var (route, problem) = await ReadBody<RouteRequest>(c).ConfigureAwait(false);
            if (route is null) return BadRequest(problem!);
            return Submit(c, new Route(name, route.Input));
        });
        app.MapPost("/api/presets/{name}/recall", (HttpContext c, string name) => Submit(c, new RecallPreset(name)));
        app.MapPost("/api/outputs/{name}/grab", async (HttpContext c, string name) =>
        {
            // The engine writes the still itself, into the show's stills folder: no path comes from the network.
            if (_status is not IReferenceGrabber grabber) return Json(new CommandResponse(false, 0, "this engine cannot grab reference stills"), StatusCodes.Status409Conflict);
            var author = ApiSecurity.Author(c.Connection.RemoteIpAddress, c.Request.Headers["X-LiveGrade-User"].ToString());
            var (result, _) = await grabber.GrabReferenceAsync(name, author).ConfigureAwait(false);
            return result.Accepted
                ? Json(new CommandResponse(true, result.Sequence, null))
                : Json(new CommandResponse(false, 0, result.Error), StatusCodes.Status409Conflict);
        });
        app.Map("/api/events", Events);
    }

    private StatsView Stats() => new(_status.Outputs(), _status.Inputs());

    /// <summary>Submits on the bus: the 200 goes out only after the journal has the command on disk.</summary>
    private IResult Submit(HttpContext context, ControlCommand command)
    {
        var author = ApiSecurity.Author(context.Connection.RemoteIpAddress, context.Request.Headers["X-LiveGrade-User"].ToString());
        if (Policy(command, author, out var problem) is not { } allowed) return Json(new CommandResponse(false, 0, problem), StatusCodes.Status409Conflict);
        var result = _bus.Submit(allowed, author);
        return result.Accepted
            ? Json(new CommandResponse(true, result.Sequence, null))
            : Json(new CommandResponse(false, 0, result.Error), StatusCodes.Status409Conflict);
    }

    /// <summary>
    /// What the network may not ask for: a lock is always taken in the caller's own name (no locking as a
    /// panel), and look LUTs, compare stills and a compare look's LUTs must be relative paths inside the show's
    /// folder (paths from the network are never trusted to name other files).
    /// </summary>
    private ControlCommand? Policy(ControlCommand command, string author, out string? problem)
    {
        problem = null;
        switch (command)
        {
            case LockOutput { Owner: not null } l:
                return l with { Owner = author };
            case SetLuts s:
                foreach (var path in s.Luts ?? [])
                {
                    if (PathProblem("LUT", path) is { } why)
                    {
                        problem = why;
                        return null;
                    }
                }
                return s;
            case SetOverlays { Compare: { } compare } o:
                // A still or a second look's LUTs named over the network: the same rule as a camera's LUTs.
                if (compare.Still is { } still && PathProblem("still", still) is { } stillProblem)
                {
                    problem = $"output '{o.Output}': {stillProblem}";
                    return null;
                }
                foreach (var path in compare.Look?.Luts ?? [])
                {
                    if (PathProblem("LUT", path) is { } why)
                    {
                        problem = $"output '{o.Output}': compare look: {why}";
                        return null;
                    }
                }
                return o;
            default:
                return command;
        }
    }

    /// <summary>
    /// Why a file path from the network may not be used, or null: it must be relative, and resolve (after "..",
    /// and through the path as written) to a file inside the show's folder.
    /// </summary>
    private string? PathProblem(string what, string? path)
    {
        // Checked as the engine will use it: the bus trims what it parses, so a path with spaces around it (" /etc/x")
        // would pass here as relative and be rooted there. Such a path is refused, not trimmed.
        if (string.IsNullOrWhiteSpace(path) || path != path.Trim() || path.Any(char.IsControl) || Path.IsPathRooted(path) || path.StartsWith('~'))
        {
            return $"{what} '{path}': give a path relative to the show's folder";
        }
        var full = Path.GetFullPath(Path.Combine(_showDirectory, path));
        return full.StartsWith(_showDirectory + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? null : $"{what} '{path}' is outside the show's folder";
    }

    private async Task<(T? Value, string? Problem)> ReadBody<T>(HttpContext context) where T : class
    {
        var request = context.Request;
        if (request.ContentType is not { } type || !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, "send JSON with 'Content-Type: application/json'");
        }
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, ApiJson.Options, context.RequestAborted).ConfigureAwait(false);
            return value is null ? (null, "the body is empty") : (value, null);
        }
        catch (JsonException e)
        {
            return (null, $"malformed JSON: {FirstSentence(e.Message)}");
        }
        catch (NotSupportedException e)
        {
            return (null, $"malformed command: {FirstSentence(e.Message)} (is \"kind\" missing?)");
        }
    }

    /// <summary>WebSocket /api/events: the state, then every change in sequence order, and the figures periodically.</summary>
    private async Task Events(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            await Error(context, StatusCodes.Status400BadRequest, "this is a WebSocket endpoint").ConfigureAwait(false);
            return;
        }
        if (Interlocked.Increment(ref _eventClients) > _options.MaxEventClients)
        {
            Interlocked.Decrement(ref _eventClients);
            await Error(context, StatusCodes.Status503ServiceUnavailable, "too many event clients").ConfigureAwait(false);
            return;
        }
        try
        {
            using var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _app!.Lifetime.ApplicationStopping);
            var queue = Channel.CreateBounded<ApiEvent>(new BoundedChannelOptions(_options.MaxPendingEvents) { SingleReader = true });
            bool overflow = false;
            void Post(ApiEvent e)
            {
                if (queue.Writer.TryWrite(e)) return;
                overflow = true; // a client that does not read is closed rather than allowed to grow memory
                stop.Cancel();
            }
            using var feed = new OrderedStateFeed(_bus, change => Post(new ChangeEvent(
                change.Sequence, change.After.Sequence, change.Author, change.Command, ApiJson.Describe(change.Command))));
            Post(new StateEvent(StateView.From(_options.ShowName, feed.Start)));
            var receive = DrainAsync(socket, stop);
            var stats = StatsLoopAsync(Post, stop.Token);
            try
            {
                await foreach (var e in queue.Reader.ReadAllAsync(stop.Token).ConfigureAwait(false))
                {
                    var bytes = JsonSerializer.SerializeToUtf8Bytes(e, ApiJson.Options);
                    await socket.SendAsync(bytes, WebSocketMessageType.Text, true, stop.Token).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or WebSocketException)
            {
                // Closed by the client, by the server stopping, or for not reading.
            }
            stop.Cancel();
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var closeTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
                try
                {
                    await socket.CloseOutputAsync(overflow ? WebSocketCloseStatus.PolicyViolation : WebSocketCloseStatus.NormalClosure,
                        overflow ? "not reading" : "bye", closeTimeout.Token).ConfigureAwait(false);
                }
                catch (Exception e) when (e is OperationCanceledException or WebSocketException)
                {
                    // Gone already.
                }
            }
            await Task.WhenAll(receive, stats).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _eventClients);
        }
    }

    /// <summary>Reads (and ignores) what the client sends, to see its close; a message larger than 4 KiB closes the socket.</summary>
    private static async Task DrainAsync(WebSocket socket, CancellationTokenSource stop)
    {
        var buffer = new byte[4096];
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var r = await socket.ReceiveAsync(buffer, stop.Token).ConfigureAwait(false);
                if (r.MessageType == WebSocketMessageType.Close || !r.EndOfMessage) break;
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // Closed.
        }
        await stop.CancelAsync().ConfigureAwait(false);
    }

    private async Task StatsLoopAsync(Action<ApiEvent> post, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(_options.StatsInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
            {
                var s = Stats();
                post(new StatsEvent(s.Outputs, s.Inputs));
            }
        }
        catch (OperationCanceledException)
        {
            // Socket closed.
        }
    }

    private static IResult Json<T>(T value, int status = StatusCodes.Status200OK) => Results.Json(value, ApiJson.Options, statusCode: status);

    private static IResult BadRequest(string problem) => Json(new ErrorResponse(problem), StatusCodes.Status400BadRequest);

    private static Task Error(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new ErrorResponse(message), ApiJson.Options);
    }

    private static string OneLine(string s) => s.ReplaceLineEndings(" ").Trim();

    /// <summary>System.Text.Json messages end with "Path: $.x | LineNumber: 0 | ..."; the first sentence is what a person needs.</summary>
    private static string FirstSentence(string message) => OneLine(message.Split(" Path:")[0].Split(" LineNumber:")[0]).TrimEnd('.');

    public async Task StopAsync()
    {
        if (_app is null) return;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            await _app.StopAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Connections that would not finish in time are cut.
        }
        await _app.DisposeAsync().ConfigureAwait(false);
        _app = null;
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);
}
