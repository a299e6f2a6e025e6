using System.Text.Json;
using LiveGrade.Core.Diagnostics;
using Microsoft.Data.Sqlite;

namespace LiveGrade.Engine.Control;

/// <summary>One journalled command: its position, when, who, and what.</summary>
public sealed record JournalEntry(long Sequence, DateTimeOffset At, string Author, ControlCommand Command);

/// <summary>
/// The durable record of every accepted command, in SQLite (WAL, synchronous=FULL): <see cref="Append"/>
/// returns only after the command is on disk, so an acknowledged change survives kill -9 and power loss.
/// Restart reads the whole journal back (<see cref="ReadAll"/>) and replays it. Not thread-safe: the
/// control bus serialises access.
/// </summary>
public sealed class Journal : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly SqliteConnection _db;
    private readonly SqliteCommand _insert;

    public Journal(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
            _db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path, Pooling = false }.ToString());
            _db.Open();
            Execute("PRAGMA journal_mode=WAL;");
            Execute("PRAGMA synchronous=FULL;");
            Execute("PRAGMA busy_timeout=2000;");
            Execute("CREATE TABLE IF NOT EXISTS journal (seq INTEGER PRIMARY KEY, at TEXT NOT NULL, author TEXT NOT NULL, command TEXT NOT NULL);");
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException)
        {
            throw new InputException($"cannot open the journal: {e.Message.ReplaceLineEndings(" ")}", Path);
        }
        _insert = _db.CreateCommand();
        _insert.CommandText = "INSERT INTO journal (seq, at, author, command) VALUES ($seq, $at, $author, $command);";
        _insert.Parameters.Add("$seq", SqliteType.Integer);
        _insert.Parameters.Add("$at", SqliteType.Text);
        _insert.Parameters.Add("$author", SqliteType.Text);
        _insert.Parameters.Add("$command", SqliteType.Text);
    }

    public string Path { get; }

    /// <summary>Writes one entry durably. Throws <see cref="JournalException"/> (disk full, read-only) and writes nothing then.</summary>
    public void Append(JournalEntry entry)
    {
        try
        {
            _insert.Parameters["$seq"].Value = entry.Sequence;
            _insert.Parameters["$at"].Value = entry.At.ToString("O");
            _insert.Parameters["$author"].Value = entry.Author;
            _insert.Parameters["$command"].Value = JsonSerializer.Serialize(entry.Command, Json);
            _insert.ExecuteNonQuery();
        }
        catch (SqliteException e)
        {
            throw new JournalException($"journal {Path}: {e.Message.ReplaceLineEndings(" ")}", e);
        }
    }

    /// <summary>Every entry in order. Entries that no longer parse (written by a newer version) are skipped and reported.</summary>
    public List<JournalEntry> ReadAll(Action<string>? warn = null)
    {
        var list = new List<JournalEntry>();
        using var cmd = _db.CreateCommand();
        cmd.CommandText = "SELECT seq, at, author, command FROM journal ORDER BY seq;";
        using var reader = cmd.ExecuteReader();
        while (reader.Read())
        {
            var seq = reader.GetInt64(0);
            try
            {
                var command = JsonSerializer.Deserialize<ControlCommand>(reader.GetString(3), Json)
                    ?? throw new JsonException("empty command");
                list.Add(new JournalEntry(seq, DateTimeOffset.Parse(reader.GetString(1), System.Globalization.CultureInfo.InvariantCulture), reader.GetString(2), command));
            }
            catch (Exception e) when (e is JsonException or FormatException or NotSupportedException)
            {
                warn?.Invoke($"journal {Path}: entry {seq} skipped: {e.Message.ReplaceLineEndings(" ")}");
            }
        }
        return list;
    }

    /// <summary>The highest sequence on disk, counting entries <see cref="ReadAll"/> skipped (0 when empty), so new entries never reuse one.</summary>
    public long LastSequence()
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = "SELECT COALESCE(MAX(seq), 0) FROM journal;";
        return Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private void Execute(string sql)
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    public void Dispose()
    {
        _insert.Dispose();
        _db.Dispose();
    }
}

/// <summary>The journal could not make a command durable; the command was not applied.</summary>
public sealed class JournalException(string message, Exception inner) : Exception(message, inner);
