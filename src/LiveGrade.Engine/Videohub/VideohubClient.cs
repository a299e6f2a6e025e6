using System.Collections.Immutable;
using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace LiveGrade.Engine.Videohub;

/// <summary>What a client knows of a router: the last status the router sent. Ports from zero; Routes[o] is the input on output o; Locks[o] is 'U', 'O' or 'L'.</summary>
public sealed record VideohubRouterState(
    string? ProtocolVersion,
    string? ModelName,
    string? FriendlyName,
    ImmutableArray<string> InputLabels,
    ImmutableArray<string> OutputLabels,
    ImmutableArray<int> Routes,
    ImmutableArray<char> Locks)
{
    public static VideohubRouterState Empty { get; } = new(null, null, null, [], [], [], []);

    /// <summary>The port whose label is <paramref name="label"/> (ignoring case), or -1.</summary>
    public static int Find(ImmutableArray<string> labels, string label)
    {
        for (int i = 0; i < labels.Length; i++)
        {
            if (string.Equals(labels[i], label, StringComparison.OrdinalIgnoreCase)) return i;
        }
        return -1;
    }
}

/// <summary>The router could not be reached, hung up, or did not answer in time.</summary>
public sealed class VideohubClientException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// A client of a Blackmagic Videohub (or anything speaking its Ethernet protocol, LiveGrade included): reads
/// the status dump on connect, keeps <see cref="State"/> up to date from the router's broadcasts, and sends
/// requests one at a time, each waiting for its ACK or NAK before the next goes out: real routers are known
/// to drop some changes of a burst without a NAK. The router's word is final: <see cref="State"/> changes
/// only when the router says so, never because a request was sent. Thread-safe.
/// </summary>
public sealed class VideohubClient : IAsyncDisposable
{
    /// <summary>Largest port number accepted from a router (the biggest Videohubs have 288 ports).</summary>
    private const int MaxPorts = 1024;

    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;
    private readonly SemaphoreSlim _requestGate = new(1, 1);
    private readonly object _lock = new();
    private readonly TaskCompletionSource _prelude = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _closed = new();
    private TaskCompletionSource<bool>? _pending;
    private VideohubRouterState _state = VideohubRouterState.Empty;
    private Task? _receiveLoop;
    private bool _sawRouting;

    private VideohubClient(TcpClient tcp)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
    }

    /// <summary>How long a request waits for its ACK or NAK.</summary>
    public TimeSpan ReplyTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The router's status as last reported.</summary>
    public VideohubRouterState State
    {
        get
        {
            lock (_lock) return _state;
        }
    }

    /// <summary>Raised on the receive loop after each status block from the router (must not block).</summary>
    public event Action<VideohubRouterState>? Changed;

    public bool IsConnected => !_closed.IsCancellationRequested;

    /// <summary>Connects and waits for the status dump (up to END PRELUDE; routers without it, once the routing block has come and a moment passed).</summary>
    public static async Task<VideohubClient> ConnectAsync(string host, int port, TimeSpan timeout, CancellationToken cancel = default)
    {
        var tcp = new TcpClient { NoDelay = true };
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        deadline.CancelAfter(timeout);
        try
        {
            await tcp.ConnectAsync(host, port, deadline.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            tcp.Dispose();
            throw new VideohubClientException($"cannot connect to the Videohub at {host}:{port}: {(e is OperationCanceledException ? "timed out" : e.Message)}", e);
        }
        var client = new VideohubClient(tcp);
        client._receiveLoop = Task.Run(client.ReceiveLoopAsync);
        try
        {
            await client._prelude.Task.WaitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (client._sawRouting && !cancel.IsCancellationRequested)
        {
            // An older router that does not end its dump with END PRELUDE: the routing block came, that is enough.
        }
        catch (Exception e) when (e is OperationCanceledException or VideohubClientException)
        {
            await client.DisposeAsync().ConfigureAwait(false);
            throw new VideohubClientException($"the Videohub at {host}:{port} sent no status dump: {(e is OperationCanceledException ? "timed out" : e.Message)}", e);
        }
        return client;
    }

    /// <summary>Routes <paramref name="input"/> to <paramref name="output"/>; true when the router ACKs (its broadcast then updates <see cref="State"/>).</summary>
    public Task<bool> RouteAsync(int output, int input, CancellationToken cancel = default) =>
        RequestAsync(new VideohubBlock(VideohubBlocks.OutputRouting, [Invariant($"{output} {input}")]), cancel);

    /// <summary>Sends PING: and waits for the ACK.</summary>
    public Task<bool> PingAsync(CancellationToken cancel = default) => RequestAsync(new VideohubBlock(VideohubBlocks.Ping, []), cancel);

    /// <summary>Sends one block and waits for its ACK (true) or NAK (false). Requests are sent one at a time.</summary>
    public async Task<bool> RequestAsync(VideohubBlock block, CancellationToken cancel = default)
    {
        await _requestGate.WaitAsync(cancel).ConfigureAwait(false);
        try
        {
            var reply = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_lock)
            {
                if (!IsConnected) throw new VideohubClientException("the Videohub connection is closed");
                _pending = reply;
            }
            try
            {
                await _stream.WriteAsync(Encoding.UTF8.GetBytes(block.ToWire()), cancel).ConfigureAwait(false);
                return await reply.Task.WaitAsync(ReplyTimeout, cancel).ConfigureAwait(false);
            }
            catch (TimeoutException e)
            {
                // A router that misses a reply has lost the dialogue's framing: start again from a new connection.
                await DisposeAsync().ConfigureAwait(false);
                throw new VideohubClientException($"the Videohub did not answer {block.Header} in {ReplyTimeout.TotalSeconds:0.#} s", e);
            }
            catch (IOException e)
            {
                throw new VideohubClientException($"the Videohub connection failed: {e.Message}", e);
            }
            finally
            {
                lock (_lock)
                {
                    if (_pending == reply) _pending = null;
                }
            }
        }
        finally
        {
            _requestGate.Release();
        }
    }

    private async Task ReceiveLoopAsync()
    {
        var reader = new VideohubBlockReader();
        var buffer = new byte[8192];
        try
        {
            while (true)
            {
                int n = await _stream.ReadAsync(buffer, _closed.Token).ConfigureAwait(false);
                if (n == 0) break;
                reader.Feed(buffer.AsSpan(0, n), OnBlock);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Closed by either side.
        }
        Close();
    }

    private void OnBlock(VideohubBlock block)
    {
        if (block.Header is VideohubBlocks.Ack or VideohubBlocks.Nak)
        {
            TaskCompletionSource<bool>? pending;
            lock (_lock)
            {
                pending = _pending;
                _pending = null;
            }
            pending?.TrySetResult(block.Header == VideohubBlocks.Ack);
            return;
        }
        if (block.Problem is not null) return;
        if (block.Header == VideohubBlocks.EndPrelude)
        {
            _prelude.TrySetResult();
            return;
        }
        VideohubRouterState next;
        lock (_lock)
        {
            next = Apply(_state, block);
            if (ReferenceEquals(next, _state)) return;
            _state = next;
            if (block.Header == VideohubBlocks.OutputRouting) _sawRouting = true;
        }
        if (block.Header == VideohubBlocks.Device && block.Lines.Contains("Device present: false"))
        {
            _prelude.TrySetException(new VideohubClientException("the Videohub server has no router attached"));
        }
        Changed?.Invoke(next);
    }

    /// <summary>Folds one status block into the state. Unknown blocks and lines are ignored, as the protocol asks.</summary>
    private static VideohubRouterState Apply(VideohubRouterState s, VideohubBlock block)
    {
        switch (block.Header)
        {
            case VideohubBlocks.Preamble:
                return s with { ProtocolVersion = Value(block, "Version") ?? s.ProtocolVersion };
            case VideohubBlocks.Device:
            {
                int inputs = Count(Value(block, "Video inputs"), s.InputLabels.Length);
                int outputs = Count(Value(block, "Video outputs"), s.OutputLabels.Length);
                return s with
                {
                    ModelName = Value(block, "Model name") ?? s.ModelName,
                    FriendlyName = Value(block, "Friendly name") ?? s.FriendlyName,
                    InputLabels = Resize(s.InputLabels, inputs, ""),
                    OutputLabels = Resize(s.OutputLabels, outputs, ""),
                    Routes = Resize(s.Routes, outputs, 0),
                    Locks = Resize(s.Locks, outputs, 'U'),
                };
            }
            case VideohubBlocks.InputLabels:
                return s with { InputLabels = Update(s.InputLabels, block, "", rest => (true, rest)) };
            case VideohubBlocks.OutputLabels:
                return s with { OutputLabels = Update(s.OutputLabels, block, "", rest => (true, rest)) };
            case VideohubBlocks.OutputRouting:
                return s with { Routes = Update(s.Routes, block, 0, rest => (int.TryParse(rest, NumberStyles.None, CultureInfo.InvariantCulture, out int i) && i < MaxPorts, i)) };
            case VideohubBlocks.OutputLocks:
                return s with { Locks = Update(s.Locks, block, 'U', rest => (rest is "U" or "O" or "L", rest.Length > 0 ? rest[0] : 'U')) };
            default:
                return s;
        }
    }

    private static ImmutableArray<T> Update<T>(ImmutableArray<T> items, VideohubBlock block, T fill, Func<string, (bool Ok, T Value)> parse)
    {
        var builder = items.ToBuilder();
        foreach (var line in block.Lines)
        {
            if (!VideohubBlock.TrySplitPortLine(line, out int port, out var rest) || port >= MaxPorts) continue;
            var (ok, value) = parse(rest);
            if (!ok) continue;
            while (builder.Count <= port) builder.Add(fill);
            builder[port] = value;
        }
        return builder.ToImmutable();
    }

    private static ImmutableArray<T> Resize<T>(ImmutableArray<T> items, int count, T fill)
    {
        if (items.Length == count) return items;
        var builder = items.ToBuilder();
        while (builder.Count < count) builder.Add(fill);
        while (builder.Count > count) builder.RemoveAt(builder.Count - 1);
        return builder.ToImmutable();
    }

    private static string? Value(VideohubBlock block, string key)
    {
        foreach (var line in block.Lines)
        {
            if (line.StartsWith(key + ":", StringComparison.Ordinal)) return line[(key.Length + 1)..].Trim();
        }
        return null;
    }

    private static int Count(string? text, int fallback) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n <= MaxPorts ? n : fallback;

    private void Close()
    {
        TaskCompletionSource<bool>? pending;
        lock (_lock)
        {
            if (_closed.IsCancellationRequested) return;
            _closed.Cancel();
            pending = _pending;
            _pending = null;
        }
        pending?.TrySetException(new VideohubClientException("the Videohub closed the connection"));
        _prelude.TrySetException(new VideohubClientException("the Videohub closed the connection"));
        _tcp.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        Close();
        if (_receiveLoop is not null && !_receiveLoop.IsCompleted && Task.CurrentId != _receiveLoop.Id)
        {
            await _receiveLoop.ConfigureAwait(false);
        }
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
