using System.Text;

namespace LiveGrade.Engine.Videohub;

/// <summary>
/// The names of the Blackmagic Videohub Ethernet protocol's blocks that LiveGrade speaks. Source: Blackmagic
/// Design, "Videohub Developer Information" (in every Videohub manual), protocol 2.x; the dump order follows
/// a Smart Videohub on firmware speaking protocol 2.8 (labels, locks, routing, configuration, END PRELUDE).
/// </summary>
public static class VideohubBlocks
{
    public const string Preamble = "PROTOCOL PREAMBLE:";
    public const string Device = "VIDEOHUB DEVICE:";
    public const string InputLabels = "INPUT LABELS:";
    public const string OutputLabels = "OUTPUT LABELS:";
    public const string OutputLocks = "VIDEO OUTPUT LOCKS:";
    public const string OutputRouting = "VIDEO OUTPUT ROUTING:";
    public const string Configuration = "CONFIGURATION:";
    public const string EndPrelude = "END PRELUDE:";
    public const string Ping = "PING:";

    /// <summary>Replies have no colon: "ACK" or "NAK", each followed by a blank line.</summary>
    public const string Ack = "ACK";
    public const string Nak = "NAK";

    /// <summary>The protocol version LiveGrade announces (the 2.8 dump layout, with END PRELUDE).</summary>
    public const string ProtocolVersion = "2.8";
}

/// <summary>
/// One protocol block: its header line (with the colon, e.g. "VIDEO OUTPUT ROUTING:", or "ACK"/"NAK") and its
/// content lines. <see cref="Problem"/> is set when the block broke the reader's limits or had no valid header;
/// such a block carries no lines and is answered NAK.
/// </summary>
public sealed record VideohubBlock(string Header, IReadOnlyList<string> Lines, string? Problem = null)
{
    /// <summary>The block as it goes on the wire: header, lines, blank line, each ending in a newline.</summary>
    public string ToWire()
    {
        var sb = new StringBuilder(Header.Length + 2 + Lines.Sum(l => l.Length + 1));
        sb.Append(Header).Append('\n');
        foreach (var line in Lines)
        {
            sb.Append(line).Append('\n');
        }
        return sb.Append('\n').ToString();
    }

    /// <summary>Splits a content line "N rest" into its port number and the rest (the rest may be empty, e.g. an empty label).</summary>
    public static bool TrySplitPortLine(string line, out int port, out string rest)
    {
        rest = "";
        port = -1;
        int space = line.IndexOf(' ');
        var number = space < 0 ? line : line[..space];
        if (number.Length is 0 or > 6 || !number.All(char.IsAsciiDigit)) return false;
        port = int.Parse(number, System.Globalization.CultureInfo.InvariantCulture);
        rest = space < 0 ? "" : line[(space + 1)..];
        return true;
    }
}

/// <summary>
/// Turns the bytes of a Videohub connection into blocks: lines end in LF (a CR before it is dropped, as some
/// panels send CRLF), a block is a header line, content lines and a blank line; blank lines between blocks
/// are skipped. The reader holds at most <see cref="MaxLineBytes"/> of a line and <see cref="MaxBlockBytes"/>
/// / <see cref="MaxBlockLines"/> of a block: beyond that it discards the rest of the block (its memory stays
/// bounded whatever a client sends) and reports the block with a <see cref="VideohubBlock.Problem"/> at its
/// blank line, so the connection keeps its framing. Not thread-safe: one reader per connection.
/// </summary>
public sealed class VideohubBlockReader
{
    /// <summary>Longest line kept: a label line is a port number and a label of a few dozen characters.</summary>
    public const int MaxLineBytes = 1024;

    /// <summary>Largest block kept: a routing or label block of a 1024-port router fits with room to spare.</summary>
    public const int MaxBlockBytes = 64 * 1024;

    /// <summary>Most content lines in a block (one per port).</summary>
    public const int MaxBlockLines = 1024;

    private readonly byte[] _line = new byte[MaxLineBytes];
    private int _lineLength;
    private bool _lineTooLong;
    private string? _header;
    private List<string> _lines = [];
    private int _blockBytes;
    private string? _problem;

    /// <summary>Feeds received bytes; <paramref name="onBlock"/> is called for each block completed by them, in order.</summary>
    public void Feed(ReadOnlySpan<byte> data, Action<VideohubBlock> onBlock)
    {
        while (!data.IsEmpty)
        {
            int newline = data.IndexOf((byte)'\n');
            var chunk = newline < 0 ? data : data[..newline];
            if (!_lineTooLong)
            {
                if (_lineLength + chunk.Length > MaxLineBytes)
                {
                    _lineTooLong = true;
                }
                else
                {
                    chunk.CopyTo(_line.AsSpan(_lineLength));
                    _lineLength += chunk.Length;
                }
            }
            if (newline < 0) return;
            data = data[(newline + 1)..];
            EndLine(onBlock);
        }
    }

    /// <summary>True while a block has been started and not yet ended by its blank line.</summary>
    public bool InBlock => _header is not null || _problem is not null;

    private void EndLine(Action<VideohubBlock> onBlock)
    {
        int length = _lineLength;
        if (length > 0 && _line[length - 1] == (byte)'\r') length--;
        bool tooLong = _lineTooLong;
        _lineLength = 0;
        _lineTooLong = false;

        if (length == 0 && !tooLong)
        {
            if (!InBlock) return; // blank lines between blocks
            onBlock(_problem is { } p ? new VideohubBlock(_header ?? "", [], p) : new VideohubBlock(_header!, _lines));
            _header = null;
            _problem = null;
            _lines = [];
            _blockBytes = 0;
            return;
        }
        if (_problem is not null) return; // discarding the rest of a bad block
        _blockBytes += length + 1;
        if (tooLong)
        {
            _problem = $"a line longer than {MaxLineBytes} bytes";
            return;
        }
        var text = Encoding.UTF8.GetString(_line, 0, length);
        if (_header is null)
        {
            if (IsHeader(text))
            {
                _header = text;
            }
            else
            {
                _problem = "a block must start with a header such as 'VIDEO OUTPUT ROUTING:'";
            }
            return;
        }
        if (_lines.Count >= MaxBlockLines || _blockBytes > MaxBlockBytes)
        {
            _problem = $"a block larger than {MaxBlockLines} lines or {MaxBlockBytes / 1024} KiB";
            _lines = [];
            return;
        }
        _lines.Add(text);
    }

    /// <summary>Headers are upper-case words ending in a colon ("VIDEO OUTPUT ROUTING:"), or the replies ACK and NAK.</summary>
    public static bool IsHeader(string line)
    {
        if (line is VideohubBlocks.Ack or VideohubBlocks.Nak) return true;
        if (line.Length < 2 || line[^1] != ':' || !char.IsAsciiLetterUpper(line[0])) return false;
        for (int i = 0; i < line.Length - 1; i++)
        {
            char c = line[i];
            if (!char.IsAsciiLetterUpper(c) && !char.IsAsciiDigit(c) && c != ' ' && c != '_' && c != '-') return false;
        }
        return true;
    }
}
