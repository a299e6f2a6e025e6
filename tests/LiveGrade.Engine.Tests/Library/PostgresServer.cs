using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace LiveGrade.Engine.Tests.Library;

/// <summary>
/// A real PostgreSQL server for the tests, from Debian's postgresql package: initdb into a temporary folder, then
/// pg_ctl start on a free port on 127.0.0.1 with trust authentication for one test user. PostgreSQL refuses to
/// run as root, so under root (CI) the server runs as the package's postgres user through runuser. Stopped and
/// deleted when disposed.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    private const string User = "livegrade";
    private readonly string _bin;
    private readonly string? _runAs;
    private readonly string _root;
    private readonly string _data;

    public PostgresServer()
    {
        (_bin, _runAs) = Locate(out var why) ?? throw new InvalidOperationException(why);
        _root = Directory.CreateTempSubdirectory("livegrade-pg-").FullName;
        _data = Path.Combine(_root, "data");
        if (_runAs is not null)
        {
            Run("chown", [_runAs, _root]);
        }
        Port = FreePort();
        // initdb --no-sync only skips syncing initdb's own files; the server itself runs with fsync on (the default),
        // which the restart test relies on.
        Pg("initdb", ["-D", _data, "-U", User, "--auth=trust", "-E", "UTF8", "--no-sync"]);
        Start();
    }

    public int Port { get; }

    /// <summary>A connection string to a database of this server.</summary>
    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = User, Database = database, Pooling = true }.ConnectionString;

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public string CreateDatabase(string name)
    {
        // Unpooled: a pooled connection may have died with a server another test restarted.
        using var c = new NpgsqlConnection(ConnectionString("postgres") + ";Pooling=false");
        c.Open();
        using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", c);
        cmd.ExecuteNonQuery();
        return ConnectionString(name);
    }

    public void Start() =>
        Pg("pg_ctl", ["-D", _data, "-l", Path.Combine(_root, "server.log"), "-w", "-t", "60",
            "-o", $"-p {Port} -k {_root} -c listen_addresses=127.0.0.1", "start"]);

    /// <summary>Stops the server; immediate is a crash (no shutdown checkpoint): recovery replays the WAL at start.</summary>
    public void Stop(bool immediate) => Pg("pg_ctl", ["-D", _data, "-w", "-t", "60", "-m", immediate ? "immediate" : "fast", "stop"]);

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            Stop(immediate: false);
        }
        catch (InvalidOperationException)
        {
        }
        Directory.Delete(_root, recursive: true);
    }

    /// <summary>Null when the tests can start a server here, else why not.</summary>
    public static string? WhyUnavailable() => Locate(out var why) is null ? why : null;

    private static (string Bin, string? RunAs)? Locate(out string why)
    {
        why = "";
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
                .Where(b => File.Exists(Path.Combine(b, "initdb"))).OrderByDescending(b => b, StringComparer.Ordinal).FirstOrDefault()
            : null;
        if (bin is null)
        {
            why = "PostgreSQL is not installed (Debian package postgresql: scripts/bootstrap.sh installs it for ./test.sh)";
            return null;
        }
        if (Environment.UserName != "root")
        {
            return (bin, null);
        }
        if (!File.Exists("/usr/sbin/runuser") && !File.Exists("/sbin/runuser"))
        {
            why = "running as root and no runuser to start PostgreSQL as another user";
            return null;
        }
        try
        {
            Run("id", ["postgres"]);
        }
        catch (InvalidOperationException)
        {
            why = "running as root and there is no 'postgres' user to run PostgreSQL as";
            return null;
        }
        return (bin, "postgres");
    }

    private void Pg(string tool, string[] args)
    {
        string exe = Path.Combine(_bin, tool);
        if (_runAs is null)
        {
            Run(exe, args);
        }
        else
        {
            Run("runuser", ["-u", _runAs, "--", exe, .. args]);
        }
    }

    private static void Run(string file, string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true, WorkingDirectory = "/" };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        string err = p.StandardError.ReadToEnd();
        if (!p.WaitForExit(120_000))
        {
            p.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{file} did not finish in 120 s");
        }
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({p.ExitCode}): {err.Trim()} {stdout.Result.Trim()}");
        }
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}

/// <summary>One server for every PostgreSQL test class (initdb takes seconds).</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "PostgreSQL server";
}

public sealed class PostgresFixture : IDisposable
{
    private readonly Lazy<PostgresServer> _server = new(() => new PostgresServer());
    private int _databases;

    public PostgresServer Server => _server.Value;

    /// <summary>A fresh database for one test.</summary>
    public string NewDatabase() => Server.CreateDatabase($"looks_{Interlocked.Increment(ref _databases)}");

    public void Dispose()
    {
        if (_server.IsValueCreated)
        {
            _server.Value.Dispose();
        }
    }
}

/// <summary>A fact that runs where a PostgreSQL server can be started; elsewhere it is skipped with the reason.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> s_why = new(PostgresServer.WhyUnavailable);

    public PostgresFactAttribute()
    {
        if (s_why.Value is { } why)
        {
            Skip = why;
        }
    }
}
