using LiveGrade.Engine.Library;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace LiveGrade.Engine.Tests.Library;

public sealed class SqliteLookStoreTests(ITestOutputHelper output) : LookStoreContractTests
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("livegrade-looks-");

    private string DbPath => Path.Combine(_dir.FullName, "livegrade.db");

    protected override ILookStore OpenStore() => new SqliteLookStore(DbPath, TimeSpan.FromSeconds(1));

    protected override long CountLutFiles(ILookStore store)
    {
        using var c = new SqliteConnection($"Data Source={((SqliteLookStore)store).Path}");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*) FROM look_lut_files";
        return (long)cmd.ExecuteScalar()!;
    }

    public override void Dispose()
    {
        base.Dispose();
        SqliteConnection.ClearAllPools();
        _dir.Delete(recursive: true);
    }

    [Fact]
    public void The_library_is_in_WAL_mode_with_full_sync()
    {
        var store = (SqliteLookStore)Open();
        store.Save(Samples.Draft("A", "1", "1"));
        using var c = new SqliteConnection($"Data Source={store.Path}");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", (string)cmd.ExecuteScalar()!);
        Assert.True(File.Exists(store.Path + "-wal"), "no write-ahead log beside the database");
    }

    [Fact]
    public void Default_location_is_LIVEGRADE_HOME()
    {
        string home = Path.Combine(_dir.FullName, "home");
        string? before = Environment.GetEnvironmentVariable("LIVEGRADE_HOME");
        string? library = Environment.GetEnvironmentVariable("LIVEGRADE_LIBRARY");
        try
        {
            Environment.SetEnvironmentVariable("LIVEGRADE_HOME", home);
            Environment.SetEnvironmentVariable("LIVEGRADE_LIBRARY", null);
            using var store = LookLibrary.Open();
            Assert.Equal(Path.Combine(home, "livegrade.db"), store.Location);
            using var inFolder = LookLibrary.Open(Path.Combine(_dir.FullName, "show"));
            Assert.Equal(Path.Combine(_dir.FullName, "show", "livegrade.db"), inFolder.Location);
        }
        finally
        {
            Environment.SetEnvironmentVariable("LIVEGRADE_HOME", before);
            Environment.SetEnvironmentVariable("LIVEGRADE_LIBRARY", library);
        }
    }

    [Fact]
    public void A_locked_library_fails_a_save_in_one_line_and_loses_nothing()
    {
        var store = Open();
        var kept = store.Save(Samples.Draft("A", "1", "1"));
        // Another program holds the write lock (as a second LiveGrade in the middle of a long write would).
        using (var other = new SqliteConnection($"Data Source={DbPath};Pooling=False"))
        {
            other.Open();
            using var cmd = other.CreateCommand();
            cmd.CommandText = "BEGIN EXCLUSIVE";
            cmd.ExecuteNonQuery();
            var e = Assert.Throws<LookStoreException>(() => store.Save(Samples.Draft("A", "1", "1", seed: 2)));
            output.WriteLine(e.ToOneLine());
            Assert.Contains("locked", e.Message);
            Assert.Contains("nothing was saved", e.Message);
            Assert.DoesNotContain('\n', e.ToOneLine());
        }
        var versions = store.Versions(kept.Slot);
        Assert.Equal([1], versions.Select(v => v.Version));
        Assert.True(versions[0].Cdl.SameValues(kept.Cdl));
        Assert.Equal(2, store.Save(Samples.Draft("A", "1", "1", seed: 2)).Version); // works again once released
    }

    [TmpfsFact]
    public void A_full_disk_fails_a_save_in_one_line_and_keeps_every_look_saved_before()
    {
        using var disk = new Tmpfs(kilobytes: 768);
        string path = Path.Combine(disk.Path, "livegrade.db");
        var saved = new List<LookRecord>();
        LookStoreException? failure = null;
        using (var store = new SqliteLookStore(path, TimeSpan.FromSeconds(1)))
        {
            // Each look carries a 64 KiB thumbnail of noise (incompressible), so the disk fills after a few.
            var rng = new Random(5);
            for (int i = 0; i < 100 && failure is null; i++)
            {
                var png = new byte[64 * 1024];
                rng.NextBytes(png);
                Samples.Png.CopyTo(png, 0);
                try
                {
                    saved.Add(store.Save(Samples.Draft("A", "7", i.ToString(System.Globalization.CultureInfo.InvariantCulture), seed: i) with { Thumbnail = png }));
                }
                catch (LookStoreException e)
                {
                    failure = e;
                }
            }
        }
        Assert.NotNull(failure);
        output.WriteLine($"{saved.Count} looks saved before: {failure!.ToOneLine()}");
        Assert.Contains("disk is full", failure.Message);
        Assert.Contains("nothing was saved", failure.Message);
        Assert.True(saved.Count >= 3, $"only {saved.Count} looks fitted: the test disk is too small to mean anything");

        // Reopened: every acknowledged look is there, whole; the failed one is not.
        using var reopened = new SqliteLookStore(path);
        var found = reopened.Find(new LookQuery { Scene = "7", AllVersions = true });
        Assert.Equal(saved.Select(s => s.Id), found.Select(f => f.Id).Order());
        foreach (var s in saved)
        {
            Assert.True(reopened.Get(s.Id)!.Cdl.SameValues(s.Cdl));
            Assert.Equal(s.Look.Thumbnail, reopened.ReadThumbnail(s.Id));
        }
    }

    [TmpfsFact]
    public void A_read_only_disk_fails_a_save_in_one_line_and_keeps_the_library()
    {
        using var disk = new Tmpfs(kilobytes: 4096);
        string path = Path.Combine(disk.Path, "livegrade.db");
        LookRecord kept;
        using (var store = new SqliteLookStore(path))
        {
            kept = store.Save(Samples.Full());
        }
        SqliteConnection.ClearAllPools();
        disk.RemountReadOnly();
        var e = Assert.Throws<LookStoreException>(() =>
        {
            using var store = new SqliteLookStore(path, TimeSpan.FromSeconds(1));
            store.Save(Samples.Draft("A", "1", "1"));
        });
        output.WriteLine(e.ToOneLine());
        Assert.Matches("read-only|cannot be opened", e.Message);
        Assert.DoesNotContain('\n', e.ToOneLine());
        SqliteConnection.ClearAllPools();
        disk.RemountReadWrite();
        using var again = new SqliteLookStore(path);
        Samples.AssertSameLook(kept.Look, again.Get(kept.Id)!.Look);
        Assert.Single(again.Find(new LookQuery { AllVersions = true }));
    }

    [Fact]
    public void A_file_that_is_not_a_library_is_refused_in_one_line()
    {
        File.WriteAllText(DbPath, "this is a text file, not a database, and it is long enough to have a header page\n");
        var e = Assert.Throws<LookStoreException>(() => new SqliteLookStore(DbPath));
        Assert.Contains("not a SQLite database", e.Message);
    }
}
