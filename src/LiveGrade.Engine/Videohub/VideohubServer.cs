using System.Net;
using System.Net.Sockets;
using LiveGrade.Core.Diagnostics;
using LiveGrade.Engine.Control;

namespace LiveGrade.Engine.Videohub;

/// <summary>Where and how the Videohub server listens.</summary>
public sealed record VideohubServerOptions
{
    /// <summary>The port Blackmagic's own software and panels use.</summary>
    public const int DefaultPort = 9990;

    /// <summary>Loopback unless the show or the command line asks for another address.</summary>
    public IPAddress Bind { get; init; } = IPAddress.Loopback;

    /// <summary>TCP port; 0 lets the system choose (tests), see <see cref="VideohubServer.LocalEndPoint"/>.</summary>
    public int Port { get; init; } = DefaultPort;

    /// <summary>The name panels show for this router (the show's name).</summary>
    public string FriendlyName { get; init; } = "LiveGrade";

    /// <summary>Clients served at once; more are disconnected on arrival (a set has a handful of panels).</summary>
    public int MaxClients { get; init; } = 64;

    /// <summary>
    /// Bytes that may wait to be sent to one client before it is dropped as not reading. A full dump of a
    /// 64x64 router is about 6 KiB, so this is hundreds of dumps or thousands of updates.
    /// </summary>
    public int MaxPendingBytes { get; init; } = 1024 * 1024;
}

/// <summary>
/// A Blackmagic Videohub Ethernet protocol server (TCP, text blocks; see <see cref="VideohubBlocks"/>) in
/// front of LiveGrade's router, so Videohub control panels, Bitfocus Companion and Blackmagic's own software
/// route LiveGrade's outputs. On connect a client gets the whole status (<see cref="VideohubStatus.Dump"/>);
/// a block it sends is answered ACK (understood and applied) or NAK (malformed, out of range, too large,
/// refused by the bus, e.g. a route to an output another client has locked, or a block LiveGrade does not
/// have), and every change, from this or any other source (API, panel, presets), is broadcast to every client
/// as only the changed items. A header with an empty body asks for that whole block; PING: is answered ACK.
/// Each client is its own author on the bus ("videohub:ADDRESS:PORT#N"), which is also the owner of the locks
/// it takes. The server only ever enqueues to clients, so a slow or stuck client cannot delay the bus.
/// </summary>
public sealed class VideohubServer : IAsyncDisposable
{
    private readonly ControlBus _bus;
    private readonly VideohubServerOptions _options;
    private readonly Action<string>? _log;
    private readonly object _stateLock = new();
    private readonly List<VideohubConnection> _clients = [];
    private readonly List<Task> _tasks = [];
    private readonly CancellationTokenSource _stop = new();
    private Socket? _listener;
    private OrderedStateFeed? _feed;
    private EngineState? _broadcast; // the state every client has been told (the dump and updates so far)
    private EngineState? _latest;    // the newest state the feed delivered
    private int _batches;            // blocks being applied now; broadcasting waits for them
    private Task? _acceptLoop;
    private long _connectionNumber;

    /// <param name="log">Receives one line per connection, drop and refused request (the host prints them).</param>
    public VideohubServer(ControlBus bus, VideohubServerOptions options, Action<string>? log = null)
    {
        _bus = bus;
        _options = options;
        _log = log;
    }

    /// <summary>Where the server listens (after <see cref="Start"/>).</summary>
    public IPEndPoint LocalEndPoint => (IPEndPoint)(_listener?.LocalEndPoint ?? throw new InvalidOperationException("not started"));

    /// <summary>Clients connected now.</summary>
    public int ClientCount
    {
        get
        {
            lock (_stateLock) return _clients.Count;
        }
    }

    /// <summary>Binds and starts accepting. A port in use or an address not on this machine is an <see cref="InputException"/>.</summary>
    public void Start()
    {
        var listener = new Socket(_options.Bind.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (_options.Bind.Equals(IPAddress.IPv6Any)) listener.DualMode = true;
            listener.Bind(new IPEndPoint(_options.Bind, _options.Port));
            listener.Listen(16);
        }
        catch (SocketException e)
        {
            listener.Dispose();
            throw new InputException($"videohub: cannot listen on {FormatEndPoint(_options.Bind, _options.Port)}: {e.Message}");
        }
        _listener = listener;
        lock (_stateLock)
        {
            // Under the lock, so a change arriving meanwhile waits until the starting state is set.
            _feed = new OrderedStateFeed(_bus, OnChange);
            _broadcast = _latest = _feed.Start;
        }
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener!.AcceptAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
                continue; // a connection reset before it was accepted
            }
            Accept(socket);
        }
    }

    private void Accept(Socket socket)
    {
        socket.NoDelay = true; // replies are small and a panel waits for each ACK
        var connection = new VideohubConnection(socket, VideohubConnection.MakeIdentity(socket.RemoteEndPoint, Interlocked.Increment(ref _connectionNumber)), _options.MaxPendingBytes);
        lock (_stateLock)
        {
            if (_clients.Count >= _options.MaxClients)
            {
                _log?.Invoke($"videohub: {connection.Identity} refused: {_options.MaxClients} clients already connected");
                connection.Close("too many clients");
                return;
            }
            _clients.Add(connection);
            // The dump and every later broadcast come from the same sequence of states, so the client's picture stays exact.
            foreach (var block in VideohubStatus.Dump(_broadcast!, _options.FriendlyName, connection.Identity))
            {
                connection.Enqueue(block.ToWire());
            }
        }
        _log?.Invoke($"videohub: {connection.Identity} connected");
        var send = Task.Run(connection.SendLoopAsync);
        var receive = Task.Run(async () =>
        {
            await connection.ReceiveLoopAsync(Handle).ConfigureAwait(false);
            lock (_stateLock) _clients.Remove(connection);
            _log?.Invoke($"videohub: {connection.Identity} {connection.CloseReason ?? "disconnected"}");
        });
        lock (_tasks)
        {
            _tasks.RemoveAll(t => t.IsCompleted);
            _tasks.Add(send);
            _tasks.Add(receive);
        }
    }

    /// <summary>Runs on the client's receive loop: one block, one ACK or NAK.</summary>
    private void Handle(VideohubConnection connection, VideohubBlock block)
    {
        connection.BeginRequest();
        bool ok = false;
        try
        {
            ok = Process(connection, block, out var why);
            if (!ok) _log?.Invoke($"videohub: {connection.Identity}: NAK {block.Header} {why}");
        }
        catch (Exception e)
        {
            // Never let one client's request take the server down; it hears NAK.
            _log?.Invoke($"videohub: {connection.Identity}: NAK {block.Header} internal error: {e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}");
        }
        finally
        {
            connection.EndRequest(ok);
        }
    }

    private bool Process(VideohubConnection connection, VideohubBlock block, out string? why)
    {
        why = block.Problem;
        if (why is not null) return false;
        switch (block.Header)
        {
            case VideohubBlocks.Ping:
                why = "PING: takes no lines";
                return block.Lines.Count == 0;
            case VideohubBlocks.Preamble or VideohubBlocks.Device or VideohubBlocks.EndPrelude:
                if (block.Lines.Count > 0)
                {
                    why = "the server's own status cannot be set";
                    return false;
                }
                SendWhole(connection, block.Header);
                return true;
            case VideohubBlocks.Configuration:
                if (block.Lines.Count == 0)
                {
                    SendWhole(connection, block.Header);
                    return true;
                }
                why = "only 'Take Mode: false' is offered";
                return block.Lines.All(l => l.Trim() == "Take Mode: false");
            case VideohubBlocks.InputLabels or VideohubBlocks.OutputLabels or VideohubBlocks.OutputLocks or VideohubBlocks.OutputRouting:
                if (block.Lines.Count == 0)
                {
                    SendWhole(connection, block.Header);
                    return true;
                }
                return Apply(connection, block, out why);
            default:
                why = "not a block LiveGrade has";
                return false;
        }
    }

    private void SendWhole(VideohubConnection connection, string header)
    {
        lock (_stateLock) connection.Enqueue(VideohubStatus.Block(header, _broadcast!, _options.FriendlyName, connection.Identity)!.ToWire());
    }

    /// <summary>
    /// A change block: every line is parsed and checked against the current state first, and the block is
    /// NAKed whole if any line is malformed, out of range or would be refused, so a bad block changes nothing.
    /// Then each line is one command on the bus, in the order sent. Another source changing the same output
    /// between the check and the submit can still refuse a later line; the client then hears NAK and the
    /// broadcast shows what did change.
    /// </summary>
    private bool Apply(VideohubConnection connection, VideohubBlock block, out string? why)
    {
        var state = _bus.State;
        var commands = new List<ControlCommand>(block.Lines.Count);
        foreach (var line in block.Lines)
        {
            var command = Parse(block.Header, line, state, connection.Identity, out why);
            if (command is null) return false;
            commands.Add(command);
        }
        var trial = state;
        foreach (var command in commands)
        {
            trial = StateTransitions.Apply(trial, command, connection.Identity, out why);
            if (trial is null) return false;
        }
        lock (_stateLock) _batches++;
        try
        {
            foreach (var command in commands)
            {
                var result = _bus.Submit(command, connection.Identity);
                if (!result.Accepted)
                {
                    why = result.Error;
                    return false;
                }
            }
        }
        finally
        {
            lock (_stateLock)
            {
                if (--_batches == 0) Broadcast();
            }
        }
        why = null;
        return true;
    }

    private static ControlCommand? Parse(string header, string line, EngineState state, string identity, out string? why)
    {
        why = $"malformed line '{Shorten(line)}'";
        if (!VideohubBlock.TrySplitPortLine(line, out int port, out var rest)) return null;
        bool isInput = header == VideohubBlocks.InputLabels;
        int count = isInput ? state.Cameras.Length : state.Outputs.Length;
        if (port >= count)
        {
            why = $"{(isInput ? "input" : "output")} port {port} does not exist (0..{count - 1})";
            return null;
        }
        switch (header)
        {
            case VideohubBlocks.InputLabels:
                return new SetLabel("input", state.Cameras[port].Name, rest);
            case VideohubBlocks.OutputLabels:
                return new SetLabel("output", state.Outputs[port].Name, rest);
            case VideohubBlocks.OutputRouting:
                if (!VideohubBlock.TrySplitPortLine(rest, out int input, out var extra) || extra.Length > 0) return null;
                if (input >= state.Cameras.Length)
                {
                    why = $"input port {input} does not exist (0..{state.Cameras.Length - 1})";
                    return null;
                }
                return new Route(state.Outputs[port].Name, state.Cameras[input].Name);
            case VideohubBlocks.OutputLocks:
                return rest switch
                {
                    "O" => new LockOutput(state.Outputs[port].Name, identity),
                    "U" => new LockOutput(state.Outputs[port].Name, null),
                    "F" => new LockOutput(state.Outputs[port].Name, null, Force: true),
                    _ => null,
                };
            default:
                return null;
        }
    }

    /// <summary>Bus listener (through the ordered feed): the changed items go to every client, unless a block is being applied.</summary>
    private void OnChange(StateChange change)
    {
        lock (_stateLock)
        {
            _latest = change.After;
            if (_batches == 0) Broadcast();
        }
    }

    /// <summary>
    /// Sends every client what changed between the last state broadcast and the latest one. A block of several
    /// lines is several commands on the bus; while it is applied, broadcasting waits, so the clients get one
    /// update with all the changed items, as a Videohub sends it. Called under <see cref="_stateLock"/>.
    /// </summary>
    private void Broadcast()
    {
        var before = _broadcast!;
        var after = _latest!;
        if (ReferenceEquals(before, after)) return;
        _broadcast = after;
        if (_clients.Count == 0) return;
        // Routes and labels read the same for everyone; only lock letters depend on the client.
        var common = VideohubStatus.Changes(before, after, identity: "");
        if (common.Count == 0) return;
        string? shared = null;
        bool locksChanged = common.Any(b => b.Header == VideohubBlocks.OutputLocks);
        foreach (var client in _clients)
        {
            if (locksChanged)
            {
                client.Enqueue(string.Concat(VideohubStatus.Changes(before, after, client.Identity).Select(b => b.ToWire())));
            }
            else
            {
                shared ??= string.Concat(common.Select(b => b.ToWire()));
                client.Enqueue(shared);
            }
        }
    }

    /// <summary>Stops listening and closes every client.</summary>
    public async Task StopAsync()
    {
        if (_stop.IsCancellationRequested) return;
        _stop.Cancel();
        _feed?.Dispose();
        _listener?.Dispose();
        VideohubConnection[] clients;
        lock (_stateLock) clients = [.. _clients];
        if (_acceptLoop is not null) await _acceptLoop.ConfigureAwait(false);
        lock (_stateLock) clients = [.. _clients];
        foreach (var c in clients) c.Close(null);
        Task[] tasks;
        lock (_tasks) tasks = [.. _tasks];
        await Task.WhenAll(tasks).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    private static string Shorten(string line) => line.Length <= 40 ? line : line[..40] + "...";

    internal static string FormatEndPoint(IPAddress address, int port) =>
        address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]:{port}" : $"{address}:{port}";
}
