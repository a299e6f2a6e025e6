using System.Net;
using System.Net.Sockets;
using System.Text;

namespace LiveGrade.Engine.Tests.Videohub;

/// <summary>A block as the scripted client read it; compares by value (header and lines).</summary>
public sealed record TestBlock(string Header, string Body)
{
    public string[] Lines => Body.Length == 0 ? [] : Body.Split('\n');

    public static TestBlock Of(string header, params string[] lines) => new(header, string.Join('\n', lines));

    public override string ToString() => $"{Header} [{string.Join(" | ", Lines)}]";
}

/// <summary>
/// A Videohub client written for the tests from the protocol document alone (it shares no code with
/// LiveGrade's reader): sends raw text, and reads the server's output back as blocks, each a header line,
/// content lines and the blank line that ends it. Every read has a deadline so a missing reply fails the test
/// instead of hanging it.
/// </summary>
public sealed class ScriptedVideohubClient : IDisposable
{
    /// <summary>How long a reply may take before the test fails: generous, as the machine running the tests may be loaded.</summary>
    public static readonly TimeSpan ReplyDeadline = TimeSpan.FromSeconds(10);

    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;
    private string _pending = ""; // received text not yet returned as blocks, from _position on
    private int _position;
    private readonly byte[] _buffer = new byte[65536];

    public ScriptedVideohubClient(IPEndPoint server, int? receiveBufferBytes = null)
    {
        _tcp = new TcpClient(server.AddressFamily);
        if (receiveBufferBytes is { } n) _tcp.ReceiveBufferSize = n;
        _tcp.Connect(server);
        _stream = _tcp.GetStream();
    }

    /// <summary>Every byte received so far, as text (for checks on the raw framing).</summary>
    public StringBuilder Raw { get; } = new();

    public void Send(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        _stream.Write(bytes);
    }

    /// <summary>The next block, or an exception when none comes before the deadline or the server hangs up.</summary>
    public TestBlock ReadBlock(TimeSpan? deadline = null)
    {
        var until = DateTime.UtcNow + (deadline ?? ReplyDeadline);
        while (true)
        {
            var text = _pending;
            // Skip stray blank lines, then find the blank line that ends the block.
            int start = _position;
            while (start < text.Length && text[start] == '\n') start++;
            int end = text.IndexOf("\n\n", start, StringComparison.Ordinal);
            if (end >= 0)
            {
                var block = text[start..end];
                _position = end + 2;
                int firstNewline = block.IndexOf('\n');
                return firstNewline < 0 ? new TestBlock(block, "") : new TestBlock(block[..firstNewline], block[(firstNewline + 1)..]);
            }
            text = text[start..]; // keep only the incomplete block
            _pending = text;
            _position = 0;
            var left = until - DateTime.UtcNow;
            if (left <= TimeSpan.Zero) throw new TimeoutException($"no complete block from the server; have: '{text}'");
            _tcp.ReceiveTimeout = Math.Max(1, (int)left.TotalMilliseconds);
            int n;
            try
            {
                n = _stream.Read(_buffer);
            }
            catch (IOException e) when (e.InnerException is SocketException { SocketErrorCode: SocketError.TimedOut or SocketError.WouldBlock })
            {
                continue;
            }
            if (n == 0) throw new EndOfStreamException($"the server closed the connection; pending: '{text}'");
            var chunk = Encoding.UTF8.GetString(_buffer, 0, n);
            if (Raw.Length < 1 << 20) Raw.Append(chunk);
            _pending += chunk;
        }
    }

    /// <summary>Reads blocks until one with <paramref name="header"/>; the ones before it are returned too.</summary>
    public List<TestBlock> ReadUntil(string header)
    {
        var blocks = new List<TestBlock>();
        while (true)
        {
            var b = ReadBlock();
            blocks.Add(b);
            if (b.Header == header) return blocks;
        }
    }

    /// <summary>Reads the whole dump (up to END PRELUDE:).</summary>
    public List<TestBlock> ReadDump() => ReadUntil("END PRELUDE:");

    /// <summary>Expects ACK or NAK next; returns true for ACK.</summary>
    public bool ReadReply()
    {
        var b = ReadBlock();
        Assert.True(b.Header is "ACK" or "NAK", $"expected ACK or NAK, got '{b}'");
        Assert.Empty(b.Lines);
        return b.Header == "ACK";
    }

    /// <summary>Sends PING: and expects ACK (skipping status updates that arrive first, which are returned).</summary>
    public List<TestBlock> Ping()
    {
        Send("PING:\n\n");
        var before = ReadUntilReply(out bool ack);
        Assert.True(ack, "PING: must be ACKed");
        return before;
    }

    /// <summary>Reads until ACK or NAK; the status blocks before it are returned.</summary>
    public List<TestBlock> ReadUntilReply(out bool ack)
    {
        var before = new List<TestBlock>();
        while (true)
        {
            var b = ReadBlock();
            if (b.Header is "ACK" or "NAK")
            {
                ack = b.Header == "ACK";
                return before;
            }
            before.Add(b);
        }
    }

    /// <summary>True when the server has closed the connection (reads return end of stream or a reset) within the deadline.</summary>
    public bool WaitClosed(TimeSpan deadline)
    {
        var until = DateTime.UtcNow + deadline;
        while (DateTime.UtcNow < until)
        {
            try
            {
                _tcp.ReceiveTimeout = 200;
                if (_stream.Read(_buffer) == 0) return true;
            }
            catch (IOException e) when (e.InnerException is SocketException { SocketErrorCode: SocketError.TimedOut or SocketError.WouldBlock })
            {
                // Still open.
            }
            catch (IOException)
            {
                return true; // reset
            }
        }
        return false;
    }

    public void Dispose() => _tcp.Dispose();
}
