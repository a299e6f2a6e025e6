using System.Threading.Channels;
using LiveGrade.Engine.Control;
using LiveGrade.Engine.Show;

namespace LiveGrade.Engine.Videohub;

/// <summary>What happened to one route of a preset sent to an external router.</summary>
public sealed record ExternalRouteResult(string Output, string Input, bool Acknowledged, string? Problem);

/// <summary>
/// Lets LiveGrade's presets drive an external Videohub router too: when a preset is recalled on the bus, the
/// same routes are sent to the router, matched by name (the router's output label equals the preset's
/// output name, its input label equals the input name or that camera's label). Routes whose names the
/// router does not have are skipped and reported. Routes go one at a time, each waiting for its ACK
/// (<see cref="VideohubClient"/>). Work happens on its own task, so a slow or absent router never delays
/// the bus; the connection is made again before a preset if it was lost.
/// </summary>
public sealed class VideohubPresetLink : IAsyncDisposable
{
    private readonly string _host;
    private readonly int _port;
    private readonly Action<string>? _log;
    private readonly Channel<(PresetDefinition Preset, EngineState State, TaskCompletionSource<IReadOnlyList<ExternalRouteResult>>? Done)> _work =
        Channel.CreateBounded<(PresetDefinition, EngineState, TaskCompletionSource<IReadOnlyList<ExternalRouteResult>>?)>(
            new BoundedChannelOptions(64) { FullMode = BoundedChannelFullMode.DropOldest },
            // A router that is away for a long time: the oldest presets are given up, the newest win.
            dropped => dropped.Item3?.TrySetException(new VideohubClientException("given up: newer presets were waiting")));
    private readonly OrderedStateFeed _feed;
    private readonly Task _worker;
    private VideohubClient? _client;

    /// <param name="host">The external router's address.</param>
    /// <param name="port">Its port (9990 on a Videohub).</param>
    /// <param name="log">Receives one line per preset sent and per problem.</param>
    public VideohubPresetLink(ControlBus bus, string host, int port, Action<string>? log = null)
    {
        _host = host;
        _port = port;
        _log = log;
        _feed = new OrderedStateFeed(bus, OnChange);
        _worker = Task.Run(WorkAsync);
    }

    /// <summary>Where the presets go, as "HOST:PORT".</summary>
    public string Target => $"{_host}:{_port}";

    /// <summary>Raised (on the link's task) after each preset has been sent, with what came of each route.</summary>
    public event Action<string, IReadOnlyList<ExternalRouteResult>>? Sent;

    private void OnChange(StateChange change)
    {
        if (change.Command is not RecallPreset recall) return;
        var preset = change.After.Presets.FirstOrDefault(p => string.Equals(p.Name, recall.Name, StringComparison.OrdinalIgnoreCase));
        if (preset is not null) _work.Writer.TryWrite((preset, change.After, null));
    }

    /// <summary>Sends a preset's routes now (also what a recall on the bus does) and returns what came of each.</summary>
    public Task<IReadOnlyList<ExternalRouteResult>> SendAsync(PresetDefinition preset, EngineState state)
    {
        var done = new TaskCompletionSource<IReadOnlyList<ExternalRouteResult>>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_work.Writer.TryWrite((preset, state, done))) done.SetException(new ObjectDisposedException(nameof(VideohubPresetLink)));
        return done.Task;
    }

    private async Task WorkAsync()
    {
        await foreach (var (preset, state, done) in _work.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            IReadOnlyList<ExternalRouteResult> results;
            try
            {
                results = await SendRoutesAsync(preset, state).ConfigureAwait(false);
            }
            catch (Exception e) when (e is VideohubClientException or OperationCanceledException)
            {
                _log?.Invoke($"external videohub {Target}: preset '{preset.Name}' not sent: {e.Message}");
                results = [.. preset.Routes.Select(r => new ExternalRouteResult(r.Key, r.Value, false, e.Message))];
            }
            Sent?.Invoke(preset.Name, results);
            done?.TrySetResult(results);
        }
    }

    private async Task<IReadOnlyList<ExternalRouteResult>> SendRoutesAsync(PresetDefinition preset, EngineState state)
    {
        if (_client is not { IsConnected: true })
        {
            if (_client is not null) await _client.DisposeAsync().ConfigureAwait(false);
            _client = null;
            _client = await VideohubClient.ConnectAsync(_host, _port, TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            _log?.Invoke($"external videohub {Target}: connected ({_client.State.ModelName}, {_client.State.InputLabels.Length}x{_client.State.OutputLabels.Length})");
        }
        var results = new List<ExternalRouteResult>();
        foreach (var (output, input) in preset.Routes)
        {
            var router = _client.State;
            int o = VideohubRouterState.Find(router.OutputLabels, output);
            int i = VideohubRouterState.Find(router.InputLabels, input);
            if (i < 0 && state.Camera(input) is { } camera) i = VideohubRouterState.Find(router.InputLabels, camera.Label);
            if (o < 0 || i < 0)
            {
                var missing = o < 0 ? $"no output labelled '{output}'" : $"no input labelled '{input}'";
                results.Add(new ExternalRouteResult(output, input, false, missing));
                continue;
            }
            bool ack = await _client.RouteAsync(o, i).ConfigureAwait(false);
            results.Add(new ExternalRouteResult(output, input, ack, ack ? null : "NAK (locked or refused by the router)"));
        }
        int sent = results.Count(r => r.Acknowledged);
        _log?.Invoke($"external videohub {Target}: preset '{preset.Name}': {sent} of {results.Count} routes acknowledged" +
            string.Concat(results.Where(r => r.Problem is not null).Select(r => $"; {r.Output}: {r.Problem}")));
        return results;
    }

    public async ValueTask DisposeAsync()
    {
        _feed.Dispose();
        _work.Writer.TryComplete();
        await _worker.ConfigureAwait(false);
        if (_client is not null) await _client.DisposeAsync().ConfigureAwait(false);
    }
}
