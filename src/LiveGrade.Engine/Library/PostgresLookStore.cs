using System.Collections.Concurrent;
using System.Data.Common;
using System.Text.Json;
using Npgsql;

namespace LiveGrade.Engine.Library;

/// <summary>
/// The look library on a PostgreSQL server, shared by several grading stations. Same schema and queries as
/// <see cref="SqliteLookStore"/>. Each save sends <c>NOTIFY livegrade_looks</c> inside its transaction, so the
/// notification leaves only when the look is committed (PostgreSQL delivers notifications at commit); every
/// store instance LISTENs on a connection of its own and raises <see cref="ILookStore.LookSaved"/> for looks
/// saved by the others. When the listening connection drops (server restart, network), it reconnects with a
/// back-off of at most one second and raises the looks committed meanwhile (by id), so none is missed.
///
/// Durability is the server's: a commit returns after the WAL is flushed (synchronous_commit=on, PostgreSQL's
/// default), so an acknowledged look survives a crash of the server.
/// </summary>
public sealed class PostgresLookStore : SqlLookStore
{
    /// <summary>The notification channel.</summary>
    public const string Channel = "livegrade_looks";

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _connectionString;
    private readonly Guid _station = Guid.NewGuid();
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _listener;
    private readonly ManualResetEventSlim _listening = new();
    // Ids already reported (or saved here): notifications and catch-up after a reconnect may repeat an id, and
    // commits can reach listeners out of id order, so a set rather than a high-water mark.
    private readonly ConcurrentDictionary<long, byte> _seen = new();
    private readonly long _floor;

    /// <param name="connection">
    /// A Npgsql connection string ("Host=..;Port=..;Database=..;Username=..") or a URI
    /// "postgresql://user[:password]@host[:port]/database".
    /// </param>
    public PostgresLookStore(string connection)
    {
        var builder = new NpgsqlConnectionStringBuilder(FromUri(connection))
        {
            // A dead server must fail a save within seconds, not hang the DIT's panel.
            Timeout = 5,
            CommandTimeout = 15,
        };
        _connectionString = builder.ConnectionString;
        Location = $"postgresql://{builder.Host}:{builder.Port}/{builder.Database}";
        _dataSource = NpgsqlDataSource.Create(_connectionString);
        EnsureSchema();
        _floor = Run("read", () =>
        {
            using var c = OpenConnection();
            return Convert.ToInt64(Scalar(c, null, "SELECT COALESCE(MAX(id), 0) FROM looks"), System.Globalization.CultureInfo.InvariantCulture);
        });
        _listener = new Thread(Listen) { IsBackground = true, Name = "LookStore LISTEN" };
        _listener.Start();
        // The first LISTEN is in place before the constructor returns, so no save made after it is missed.
        _listening.Wait(TimeSpan.FromSeconds(10));
    }

    public override string Location { get; }

    /// <summary>True while the listening connection is up (false during a server restart).</summary>
    public bool IsListening { get; private set; }

    protected override string IdColumn => "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY";

    protected override string BlobType => "BYTEA";

    protected override DbConnection OpenConnection() => _dataSource.OpenConnection();

    protected override void OnSavedInTransaction(DbConnection connection, DbTransaction transaction, LookRecord record)
    {
        string payload = JsonSerializer.Serialize(new Payload(record.Id, _station.ToString("N"), record.Slot.Camera,
            record.Slot.Scene, record.Slot.Take, record.Slot.Roll, record.Slot.Clip, record.Version));
        _seen.TryAdd(record.Id, 0);
        Execute(connection, transaction, $"SELECT pg_notify('{Channel}', @payload)", ("payload", payload));
    }

    // A version is MAX(version) + 1 of its slot: without a lock, many stations saving one slot at once keep
    // colliding on the UNIQUE constraint and retrying. The lock (released at commit) makes them queue.
    protected override void LockSlotInTransaction(DbConnection connection, DbTransaction transaction, LookSlot slot) =>
        Execute(connection, transaction, "SELECT pg_advisory_xact_lock(hashtextextended(@slot, 0))",
            ("slot", $"{slot.Camera}\u001f{slot.Scene}\u001f{slot.Take}\u001f{slot.Roll}\u001f{slot.Clip}"));

    protected override bool IsUniqueViolation(Exception e) => e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    protected override LookStoreException? Translate(Exception e, string doing)
    {
        string consequence = doing.StartsWith("save", StringComparison.Ordinal) ? "; nothing was saved, earlier looks are intact" : "";
        string? reason = e switch
        {
            PostgresException { SqlState: PostgresErrorCodes.DiskFull } => "the server's disk is full",
            PostgresException { SqlState: PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.CrashShutdown }
                => "the server is shutting down or starting up",
            PostgresException { SqlState: PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification }
                => "the server refused the login",
            PostgresException { SqlState: PostgresErrorCodes.InvalidCatalogName } => "the database does not exist",
            PostgresException { SqlState: PostgresErrorCodes.LockNotAvailable } => "the database is locked",
            PostgresException p => $"the server answered {p.SqlState}: {p.MessageText}",
            NpgsqlException { InnerException: System.Net.Sockets.SocketException or IOException or TimeoutException } or NpgsqlException { IsTransient: true }
                => "cannot reach the server",
            _ => null,
        };
        return reason is null ? null : new LookStoreException($"cannot {doing}: {reason}{consequence}", Location, e);
    }

    private void Listen()
    {
        var backoff = TimeSpan.FromMilliseconds(50);
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                using var c = new NpgsqlConnection(_connectionString);
                c.Open();
                c.Notification += (_, e) => OnNotification(e.Payload);
                using (var cmd = new NpgsqlCommand($"LISTEN {Channel}", c))
                {
                    cmd.ExecuteNonQuery();
                }
                IsListening = true;
                _listening.Set();
                backoff = TimeSpan.FromMilliseconds(50);
                CatchUp(c);
                while (!_stop.IsCancellationRequested)
                {
                    // Wait wakes for a notification or after the timeout; a dead connection throws here.
                    if (!c.Wait(TimeSpan.FromMilliseconds(500)))
                    {
                        using var ping = new NpgsqlCommand("SELECT 1", c);
                        ping.ExecuteScalar();
                    }
                }
            }
            catch (Exception) when (!_stop.IsCancellationRequested)
            {
                IsListening = false;
                _listening.Set();
                _stop.Token.WaitHandle.WaitOne(backoff);
                backoff = TimeSpan.FromMilliseconds(Math.Min(1000, backoff.TotalMilliseconds * 2));
            }
            catch (Exception)
            {
                return;
            }
        }
    }

    /// <summary>After (re)connecting: raise the looks other stations committed since this store opened that were not yet
    /// reported (those committed while nobody listened).</summary>
    private void CatchUp(NpgsqlConnection c)
    {
        using var cmd = new NpgsqlCommand(
            "SELECT id, camera, scene, take, roll, clip, version FROM looks WHERE id > @last ORDER BY id", c);
        cmd.Parameters.AddWithValue("last", _floor);
        var missed = new List<LookSavedEventArgs>();
        using (var r = cmd.ExecuteReader())
        {
            while (r.Read())
            {
                missed.Add(new LookSavedEventArgs(r.GetInt64(0),
                    new LookSlot(r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5)), r.GetInt32(6), isRemote: true));
            }
        }
        foreach (var m in missed)
        {
            Seen(m);
        }
    }

    private void OnNotification(string payload)
    {
        Payload? p;
        try
        {
            p = JsonSerializer.Deserialize<Payload>(payload);
        }
        catch (JsonException)
        {
            return; // someone else's NOTIFY on our channel: not ours to read
        }
        if (p is null || p.Camera is null)
        {
            return;
        }
        Seen(new LookSavedEventArgs(p.Id, new LookSlot(p.Camera, p.Scene, p.Take, p.Roll, p.Clip), p.Version, isRemote: true));
    }

    /// <summary>Raises each other station's save once (own saves were marked seen when they were made).</summary>
    private void Seen(LookSavedEventArgs args)
    {
        if (_seen.TryAdd(args.Id, 0))
        {
            RaiseLookSaved(args);
        }
    }

    public override void Dispose()
    {
        _stop.Cancel();
        _listener.Join(TimeSpan.FromSeconds(5));
        _dataSource.Dispose();
        _stop.Dispose();
        _listening.Dispose();
    }

    /// <summary>Turns "postgresql://user:pw@host:port/db" into a connection string; other text is returned as is.</summary>
    public static string FromUri(string text)
    {
        if (!text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase) && !text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase))
        {
            return text;
        }
        var uri = new Uri(text);
        var b = new NpgsqlConnectionStringBuilder { Host = uri.Host, Port = uri.Port > 0 ? uri.Port : 5432, Database = uri.AbsolutePath.Trim('/') };
        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            b.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length == 2)
            {
                b.Password = Uri.UnescapeDataString(parts[1]);
            }
        }
        return b.ConnectionString;
    }

    private sealed record Payload(long Id, string Station, string? Camera, string? Scene, string? Take, string? Roll, string? Clip, int Version);
}
