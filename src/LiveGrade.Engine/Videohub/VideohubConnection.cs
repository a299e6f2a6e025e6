using System.Net;
using System.Net.Sockets;
using System.Text;

namespace LiveGrade.Engine.Videohub;

/// <summary>
/// One client of the <see cref="VideohubServer"/>: a receive loop that hands complete blocks to the server one
/// at a time (so a burst is applied in the order sent), and a send loop fed by a bounded queue. Anything may
/// enqueue (the bus's notifying thread, the receive loop) without waiting for the network: when a client
/// stops reading and its queue passes <see cref="VideohubServerOptions.MaxPendingBytes"/>, it is dropped
/// instead of slowing anyone else. While the server works on one of this client's requests, messages for
/// the client are held back (<see cref="BeginRequest"/>) so that its ACK or NAK comes before the status
/// update the request caused, as the protocol's example dialogues show.
/// </summary>
internal sealed class VideohubConnection
{
    private static readonly byte[] AckBytes = Encoding.ASCII.GetBytes("ACK\n\n");
    private static readonly byte[] NakBytes = Encoding.ASCII.GetBytes("NAK\n\n");

    private readonly Socket _socket;
    private readonly int _maxPendingBytes;
    private readonly object _sendLock = new();
    private readonly Queue<byte[]> _queue = new();
    private readonly List<byte[]> _held = [];
    private readonly SemaphoreSlim _signal = new(0);
    private readonly CancellationTokenSource _closed = new();
    private int _pendingBytes;
    private bool _holding;

    public VideohubConnection(Socket socket, string identity, int maxPendingBytes)
    {
        _socket = socket;
        Identity = identity;
        _maxPendingBytes = maxPendingBytes;
    }

    /// <summary>Who this client is to the bus: the author of its commands and the owner of its locks.</summary>
    public string Identity { get; }

    /// <summary>Why the connection ended (null while open or after a plain disconnect).</summary>
    public string? CloseReason { get; private set; }

    public bool IsClosed => _closed.IsCancellationRequested;

    public CancellationToken Closed => _closed.Token;

    /// <summary>Queues text for the client; never blocks. Drops the client when its queue is full.</summary>
    public void Enqueue(string text) => Enqueue(Encoding.UTF8.GetBytes(text));

    private void Enqueue(byte[] bytes)
    {
        bool overflow;
        lock (_sendLock)
        {
            if (IsClosed) return;
            overflow = _pendingBytes + bytes.Length > _maxPendingBytes;
            if (!overflow)
            {
                _pendingBytes += bytes.Length;
                if (_holding)
                {
                    _held.Add(bytes);
                }
                else
                {
                    _queue.Enqueue(bytes);
                    _signal.Release();
                }
            }
        }
        if (overflow) Close($"dropped: more than {_maxPendingBytes / 1024} KiB waiting to be sent (the client is not reading)");
    }

    /// <summary>Holds messages back until <see cref="EndRequest"/> sends the reply to the request being worked on.</summary>
    public void BeginRequest()
    {
        lock (_sendLock) _holding = true;
    }

    /// <summary>Sends ACK or NAK, then whatever was held back meanwhile.</summary>
    public void EndRequest(bool acknowledged)
    {
        lock (_sendLock)
        {
            _holding = false;
            if (IsClosed) return;
            var reply = acknowledged ? AckBytes : NakBytes;
            _pendingBytes += reply.Length;
            _queue.Enqueue(reply);
            foreach (var bytes in _held) _queue.Enqueue(bytes);
            _signal.Release(1 + _held.Count);
            _held.Clear();
        }
    }

    /// <summary>Sends queued messages until the connection closes.</summary>
    public async Task SendLoopAsync()
    {
        try
        {
            while (true)
            {
                await _signal.WaitAsync(_closed.Token).ConfigureAwait(false);
                byte[]? bytes;
                lock (_sendLock)
                {
                    if (!_queue.TryDequeue(out bytes)) continue; // emptied by Close
                }
                await _socket.SendAsync(bytes, SocketFlags.None, _closed.Token).ConfigureAwait(false);
                lock (_sendLock) _pendingBytes -= bytes.Length;
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            Close(null);
        }
    }

    /// <summary>Reads blocks until the client disconnects; <paramref name="onBlock"/> runs on this loop, one block at a time.</summary>
    public async Task ReceiveLoopAsync(Action<VideohubConnection, VideohubBlock> onBlock)
    {
        var reader = new VideohubBlockReader();
        var buffer = new byte[8192];
        try
        {
            while (!IsClosed)
            {
                int n = await _socket.ReceiveAsync(buffer.AsMemory(), SocketFlags.None, _closed.Token).ConfigureAwait(false);
                if (n == 0) break;
                reader.Feed(buffer.AsSpan(0, n), block => onBlock(this, block));
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // The client went away or was dropped.
        }
        Close(null);
    }

    /// <summary>Closes the socket (a reset when dropped, so a stuck client cannot hold the server's buffers). Idempotent.</summary>
    public void Close(string? reason)
    {
        lock (_sendLock)
        {
            if (IsClosed) return;
            CloseReason = reason;
            _closed.Cancel();
            _queue.Clear();
            _held.Clear();
        }
        try
        {
            if (reason is not null) _socket.LingerState = new LingerOption(true, 0);
            else _socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Already gone.
        }
        _socket.Dispose();
    }

    public static string MakeIdentity(EndPoint? remote, long number) => remote is IPEndPoint ip
        ? $"videohub:{ip.Address}:{ip.Port}#{number}"
        : $"videohub:unknown#{number}";
}
