using System.Globalization;
using LiveGrade.Core.Diagnostics;
using LiveGrade.Engine.Api;
using LiveGrade.Engine.Show;
using LiveGrade.Engine.Videohub;

namespace LiveGrade.Engine.Control;

/// <summary>How a show's control surfaces are opened; null fields take the show file's values.</summary>
public sealed record ControlHostOptions
{
    /// <summary>The SQLite journal (created if missing, replayed if present); null keeps changes in memory only (the demo).</summary>
    public string? JournalPath { get; init; }

    /// <summary>Videohub server port; 0 turns it off; null: the show's videohub.port.</summary>
    public int? VideohubPort { get; init; }

    /// <summary>Control API port; 0 turns it off; null: the show's api.port.</summary>
    public int? ApiPort { get; init; }

    /// <summary>Bind address for both servers; null: each port's bind in the show (loopback by default).</summary>
    public string? Bind { get; init; }

    /// <summary>API bearer token; null: the show's api.token.</summary>
    public string? Token { get; init; }

    /// <summary>An external Videohub router ("HOST" or "HOST:PORT") that recalled presets are also sent to.</summary>
    public string? ExternalVideohub { get; init; }

    /// <summary>
    /// A port that cannot be had is reported and that server left off, instead of refusing to start (the demo:
    /// a second demo, or a test running one, must not fail because the first holds 9990). Security refusals
    /// (an API beyond loopback without a token) still refuse.
    /// </summary>
    public bool BestEffortPorts { get; init; }
}

/// <summary>
/// Everything that lets people change a running show, in one object the engine's `run` and `demo` start:
/// the control bus with its journal (replayed at <see cref="Open"/>, so the state is back before the first
/// frame), the Videohub server, the HTTP/WebSocket API and, optionally, a link that sends recalled presets to
/// an external Videohub. Order of use: <see cref="Open"/> (the engine then reads <see cref="Bus"/>),
/// <see cref="StartAsync"/> with the engine's figures, <see cref="StopAsync"/>/<see cref="DisposeAsync"/>.
/// </summary>
public sealed class ControlHost : IAsyncDisposable
{
    private readonly ShowFile _show;
    private readonly ControlHostOptions _options;
    private readonly Action<string>? _log;
    private readonly List<string> _listening = [];

    private ControlHost(ShowFile show, ControlHostOptions options, ControlBus bus, Action<string>? log)
    {
        _show = show;
        _options = options;
        Bus = bus;
        _log = log;
    }

    /// <summary>The one way to change the show; the engine reads <see cref="ControlBus.State"/> each frame.</summary>
    public ControlBus Bus { get; }

    public VideohubServer? Videohub { get; private set; }
    public ApiServer? Api { get; private set; }
    public VideohubPresetLink? ExternalVideohub { get; private set; }

    /// <summary>One line for the journal and per open port ("journal: PATH (N commands replayed)", "videohub: 127.0.0.1:9990", "api: http://127.0.0.1:8990/").</summary>
    public IReadOnlyList<string> Listening => _listening;

    /// <summary>Opens the journal and replays it onto the show's initial state. Replay warnings go to <paramref name="log"/>.</summary>
    public static ControlHost Open(ShowFile show, ControlHostOptions options, Action<string>? log = null)
    {
        var journal = options.JournalPath is { } path ? new Journal(path) : null;
        ControlBus bus;
        try
        {
            bus = new ControlBus(StateTransitions.Initial(show), journal, line => log?.Invoke($"warning: {line}"));
        }
        catch
        {
            journal?.Dispose();
            throw;
        }
        var host = new ControlHost(show, options, bus, log);
        if (journal is not null) host._listening.Add(string.Create(CultureInfo.InvariantCulture, $"journal: {journal.Path} ({bus.Replayed} commands replayed)"));
        return host;
    }

    /// <summary>Opens the ports. A port that cannot be had, or an API beyond loopback without a token, is an <see cref="InputException"/>, and nothing stays open.</summary>
    public async Task StartAsync(IEngineStatus status)
    {
        try
        {
            int videohubPort = _options.VideohubPort ?? _show.Videohub.Port;
            if (videohubPort != 0)
            {
                CheckPort(videohubPort, "--videohub-port");
                var bind = ApiSecurity.ParseBind(_options.Bind ?? _show.Videohub.Bind, "videohub");
                var videohub = new VideohubServer(Bus, new VideohubServerOptions { Bind = bind, Port = videohubPort, FriendlyName = _show.Name }, _log);
                if (await TryOpen(() =>
                    {
                        videohub.Start();
                        return Task.CompletedTask;
                    }).ConfigureAwait(false))
                {
                    Videohub = videohub;
                    _listening.Add($"videohub: {VideohubServer.FormatEndPoint(videohub.LocalEndPoint.Address, videohub.LocalEndPoint.Port)}");
                }
            }
            int apiPort = _options.ApiPort ?? _show.Api.Port;
            if (apiPort != 0)
            {
                CheckPort(apiPort, "--api-port");
                var bind = ApiSecurity.ParseBind(_options.Bind ?? _show.Api.Bind, "api");
                var token = _options.Token ?? _show.Api.Token;
                if (ApiSecurity.StartProblem(bind, token) is { } refusal) throw new InputException(refusal);
                var api = new ApiServer(Bus, status, new ApiServerOptions
                {
                    Bind = bind,
                    Port = apiPort,
                    Token = token,
                    ShowName = _show.Name,
                }, _show.BaseDirectory, _log);
                if (await TryOpen(api.StartAsync).ConfigureAwait(false))
                {
                    Api = api;
                    _listening.Add($"api: {api.Url}");
                }
            }
            if (_options.ExternalVideohub is { } target)
            {
                var (host, port) = ParseHostPort(target);
                ExternalVideohub = new VideohubPresetLink(Bus, host, port, _log);
                _listening.Add($"external videohub: presets also go to {ExternalVideohub.Target}");
            }
        }
        catch
        {
            await StopAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Opens a server; with <see cref="ControlHostOptions.BestEffortPorts"/>, a port that cannot be had is reported and skipped.</summary>
    private async Task<bool> TryOpen(Func<Task> open)
    {
        try
        {
            await open().ConfigureAwait(false);
            return true;
        }
        catch (InputException e) when (_options.BestEffortPorts)
        {
            _log?.Invoke($"warning: {e.Reason}; running without it");
            return false;
        }
    }

    private static void CheckPort(int port, string option)
    {
        if (port is < 1 or > 65535) throw new InputException($"{option} must be 1..65535 (0 turns it off), got {port}");
    }

    /// <summary>"HOST" (port 9990) or "HOST:PORT"; IPv6 as "[ADDR]:PORT".</summary>
    public static (string Host, int Port) ParseHostPort(string text)
    {
        var t = text.Trim();
        int colon = t.LastIndexOf(':');
        bool bracketed = t.StartsWith('[');
        if (colon < 0 || (bracketed && colon < t.IndexOf(']')) || (!bracketed && t.IndexOf(':') != colon))
        {
            return (t.Trim('[', ']'), VideohubServerOptions.DefaultPort);
        }
        if (!int.TryParse(t[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port is < 1 or > 65535)
        {
            throw new InputException($"external videohub '{text}': the port must be 1..65535");
        }
        var host = t[..colon].Trim('[', ']');
        if (host.Length == 0) throw new InputException($"external videohub '{text}': no host");
        return (host, port);
    }

    /// <summary>Closes the ports (clients are disconnected); the bus and journal stay usable until <see cref="DisposeAsync"/>.</summary>
    public async Task StopAsync()
    {
        if (ExternalVideohub is not null) await ExternalVideohub.DisposeAsync().ConfigureAwait(false);
        if (Api is not null) await Api.StopAsync().ConfigureAwait(false);
        if (Videohub is not null) await Videohub.StopAsync().ConfigureAwait(false);
        ExternalVideohub = null;
        Api = null;
        Videohub = null;
        _listening.RemoveAll(l => !l.StartsWith("journal:", StringComparison.Ordinal));
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        Bus.Dispose();
    }
}
