using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace LiveGrade.Engine.Library;

/// <summary>
/// The look library in one SQLite file (the embedded default, one station). Write-ahead log with
/// synchronous=FULL: a save's commit has reached the disk (fsync of the WAL) when <see cref="SqlLookStore.Save"/>
/// returns, and a crash at any moment leaves every committed look readable (SQLite's atomic commit). Tables are
/// named look_* so that the file can be shared with the engine's journal.
/// </summary>
public sealed class SqliteLookStore : SqlLookStore
{
    private readonly string _connectionString;

    /// <param name="path">The database file; created with its folder when missing.</param>
    /// <param name="busyTimeout">How long a save waits for another process holding the write lock before it fails.</param>
    public SqliteLookStore(string path, TimeSpan? busyTimeout = null)
    {
        Path = System.IO.Path.GetFullPath(path);
        var timeout = busyTimeout ?? TimeSpan.FromSeconds(5);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            // Microsoft.Data.Sqlite retries SQLITE_BUSY until the command timeout; a locked library then fails clearly.
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(timeout.TotalSeconds)),
        }.ToString();
        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LookStoreException($"cannot create the folder: {e.Message}", Path, e);
        }
        EnsureSchema();
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    public override string Location => Path;

    protected override string IdColumn => "INTEGER PRIMARY KEY AUTOINCREMENT";

    protected override string BlobType => "BLOB";

    protected override DbConnection OpenConnection()
    {
        var c = new SqliteConnection(_connectionString);
        try
        {
            c.Open();
            using var cmd = c.CreateCommand();
            // WAL is a property of the file (kept once set); synchronous and foreign keys are per connection.
            // FULL: fsync the WAL at every commit, so an acknowledged save survives power loss, not only a crash.
            cmd.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;";
            cmd.ExecuteNonQuery();
            return c;
        }
        catch
        {
            c.Dispose();
            throw;
        }
    }

    protected override bool IsUniqueViolation(Exception e) =>
        e is SqliteException { SqliteErrorCode: 19 } s && s.Message.Contains("UNIQUE", StringComparison.Ordinal);

    protected override LookStoreException? Translate(Exception e, string doing)
    {
        if (e is not SqliteException s)
        {
            return null;
        }
        // Primary result codes (sqlite3.h): extended codes carry the primary one in their low byte.
        string? reason = (s.SqliteErrorCode & 0xFF) switch
        {
            5 or 6 => "the database is locked by another program (another LiveGrade on the same file?)",
            8 => "the database is read-only (file or disk mounted read-only)",
            10 => $"disk I/O error ({s.Message.TrimEnd('.')})",
            11 => "the database file is corrupt",
            13 => "the disk is full",
            14 => "the database file cannot be opened (folder missing or not writable)",
            26 => "the file is not a SQLite database",
            _ => null,
        };
        if (reason is null)
        {
            return null;
        }
        string consequence = doing.StartsWith("save", StringComparison.Ordinal)
            ? "; nothing was saved, earlier looks are intact" : "";
        return new LookStoreException($"cannot {doing}: {reason}{consequence}", Path, e);
    }

    public override void Dispose()
    {
        // Pooled connections keep the file open (and its WAL un-checkpointed); release them with the store.
        using var c = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(c);
    }
}
