using System.CommandLine;
using LiveGrade.Engine.Control;

namespace LiveGrade.App.Commands;

/// <summary>
/// The control-port options shared by every verb that runs a show (`run`, `demo`, `control-host`):
/// --videohub-port, --api-port, --bind, --token and --external-videohub. Each overrides the show file's
/// value; a port of 0 turns that server off. The token may also come from LIVEGRADE_TOKEN, which keeps it out
/// of the process list. (The journal is named by each verb's own --journal.)
/// </summary>
public sealed class ControlArguments
{
    public const string TokenVariable = "LIVEGRADE_TOKEN";

    private readonly Option<int?> _videohubPort = new("--videohub-port") { Description = "Blackmagic Videohub protocol server port (9990 is the usual one; 0 = off; default: the show's)" };
    private readonly Option<int?> _apiPort = new("--api-port") { Description = "HTTP/WebSocket control API port (0 = off; default: the show's)" };
    private readonly Option<string?> _bind = new("--bind") { Description = "address both servers listen on (default: the show's, else 127.0.0.1); beyond loopback the API needs --token" };
    private readonly Option<string?> _token = new("--token") { Description = $"API bearer token, at least 16 characters (or set {TokenVariable})" };
    private readonly Option<string?> _external = new("--external-videohub") { Description = "HOST[:PORT] of an external Videohub router that recalled presets are also sent to" };

    public void AddTo(Command command)
    {
        foreach (var o in new Option[] { _videohubPort, _apiPort, _bind, _token, _external })
        {
            command.Add(o);
        }
    }

    /// <param name="journalPath">The journal the verb chose (null: changes stay in memory).</param>
    public ControlHostOptions ToOptions(ParseResult parse, string? journalPath) => new()
    {
        JournalPath = journalPath,
        VideohubPort = parse.GetValue(_videohubPort),
        ApiPort = parse.GetValue(_apiPort),
        Bind = parse.GetValue(_bind),
        Token = parse.GetValue(_token) ?? NonEmpty(Environment.GetEnvironmentVariable(TokenVariable)),
        ExternalVideohub = parse.GetValue(_external),
    };

    /// <summary>The journal a show keeps by default, as `run` names it: "NAME.show.json" journals to "NAME.show.journal.db" beside it.</summary>
    public static string DefaultJournalFor(string showPath) => Path.ChangeExtension(Path.GetFullPath(showPath), ".journal.db");

    private static string? NonEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;
}
