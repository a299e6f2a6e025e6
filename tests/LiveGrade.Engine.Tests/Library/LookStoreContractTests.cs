using LiveGrade.Engine.Library;

namespace LiveGrade.Engine.Tests.Library;

/// <summary>
/// What every look store does, run against SQLite and PostgreSQL alike (the subclasses say how to open one):
/// every field back exactly, versions that never overwrite, search by each key, atomic multi-look saves, events.
/// </summary>
public abstract class LookStoreContractTests : IDisposable
{
    private readonly List<ILookStore> _opened = [];

    /// <summary>A new, empty library (each call of one test instance opens the same library anew).</summary>
    protected abstract ILookStore OpenStore();

    protected ILookStore Open()
    {
        var s = OpenStore();
        _opened.Add(s);
        return s;
    }

    public virtual void Dispose()
    {
        foreach (var s in _opened)
        {
            s.Dispose();
        }
        GC.SuppressFinalize(this);
    }

    [Fact]
    public void Every_field_reads_back_exactly_after_reopening()
    {
        var draft = Samples.Full();
        long id;
        using (var store = OpenStore())
        {
            var saved = store.Save(draft);
            id = saved.Id;
            Assert.Equal(1, saved.Version);
            Assert.True(saved.HasThumbnail);
        }
        var again = Open();
        var read = again.Get(id)!;
        Samples.AssertSameLook(draft, read.Look);
        Assert.Equal(1, read.Version);
        Assert.True(read.HasThumbnail);
        Assert.Equal(Samples.Png, again.ReadThumbnail(id));
        // Doubles stored as 8-byte floats: bit for bit, not merely close.
        Assert.Equal(draft.Cdl.Slope.Select(BitConverter.DoubleToInt64Bits), read.Cdl.Slope.Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(BitConverter.DoubleToInt64Bits(draft.Cdl.Saturation), BitConverter.DoubleToInt64Bits(read.Cdl.Saturation));
    }

    [Fact]
    public void A_save_for_the_same_slot_is_a_new_version_and_the_old_one_stays()
    {
        var store = Open();
        var first = store.Save(Samples.Draft("A", "12", "3", seed: 1));
        var second = store.Save(Samples.Draft("A", "12", "3", seed: 2) with { Author = "assistant" });
        var third = store.Save(Samples.Draft("A", "12", "3", seed: 3));
        Assert.Equal([1, 2, 3], new[] { first.Version, second.Version, third.Version });

        var latest = Assert.Single(store.Find(new LookQuery { Camera = "A" }));
        Assert.Equal(third.Id, latest.Id);
        var versions = store.Versions(first.Slot);
        Assert.Equal([1, 2, 3], versions.Select(v => v.Version));
        Assert.True(versions[0].Cdl.SameValues(first.Cdl), "version 1 was overwritten");
        Assert.Equal("assistant", versions[1].Look.Author);
        Assert.True(versions[0].SavedAt <= versions[2].SavedAt);
        Assert.Equal(3, store.Find(new LookQuery { Camera = "A", AllVersions = true }).Count);
    }

    [Fact]
    public void Looks_are_found_by_each_key_alone_and_together()
    {
        var store = Open();
        store.SaveAll(
        [
            Samples.Draft("A", "12", "3", "A001", "A001C003") with { TimecodeIn = "10:00:00:00", TimecodeOut = "10:00:10:00" },
            Samples.Draft("A", "12", "4", "A001", "A001C004") with { TimecodeIn = "10:00:10:00", TimecodeOut = "10:00:20:00", Author = "jo" },
            Samples.Draft("B", "12", "3", "B002", "B002C001") with { TimecodeIn = "10:00:00:05", TimecodeOut = "10:00:09:00" },
            Samples.Draft("B", "14", "1", "B002", "B002C002"),
        ]);
        IEnumerable<string> Clips(LookQuery q) => store.Find(q).Select(l => l.Slot.Clip);
        Assert.Equal(["A001C003", "A001C004"], Clips(new LookQuery { Camera = "A" }));
        Assert.Equal(["A001C003", "A001C004"], Clips(new LookQuery { Camera = "a" })); // case-insensitive
        Assert.Equal(["A001C003", "A001C004", "B002C001"], Clips(new LookQuery { Scene = "12" }));
        Assert.Equal(["A001C003", "B002C001"], Clips(new LookQuery { Take = "3" }));
        Assert.Equal(["B002C001", "B002C002"], Clips(new LookQuery { Roll = "B002" }));
        Assert.Equal(["B002C002"], Clips(new LookQuery { Clip = "b002c002" }));
        Assert.Equal(["A001C004"], Clips(new LookQuery { Author = "jo" }));
        Assert.Equal(["A001C003", "B002C001"], Clips(new LookQuery { Timecode = "10:00:05:00" }));
        Assert.Equal(["A001C004"], Clips(new LookQuery { Timecode = "10:00:10:00" })); // out is exclusive
        Assert.Equal(["B002C001"], Clips(new LookQuery { Camera = "B", Scene = "12", Take = "3" }));
        Assert.Empty(Clips(new LookQuery { Camera = "C" }));
        Assert.Empty(Clips(new LookQuery { Scene = "1" })); // whole values, not prefixes
    }

    [Fact]
    public void A_LUT_shared_by_many_looks_is_kept_once_and_read_back_whole()
    {
        var store = Open();
        var lut = Samples.ShowLut();
        store.SaveAll([Samples.Draft("A", "1", "1") with { Luts = [lut] }, Samples.Draft("B", "1", "1") with { Luts = [lut, lut] }]);
        var found = store.Find(LookQuery.Everything);
        Assert.Equal([1, 2], found.Select(f => f.Look.Luts.Count));
        Assert.All(found.SelectMany(f => f.Look.Luts), l => Assert.Equal(lut.Content, l.Content));
        Assert.Equal(1, CountLutFiles(store));
    }

    /// <summary>Rows in look_lut_files, read with the store's own connection type.</summary>
    protected abstract long CountLutFiles(ILookStore store);

    [Fact]
    public void A_batch_with_one_bad_look_saves_none()
    {
        var store = Open();
        var bad = Samples.Draft("A", "1", "2") with { TimecodeIn = "10:00:05:00", TimecodeOut = "10:00:00:00" };
        Assert.Throws<ArgumentException>(() => store.SaveAll([Samples.Draft("A", "1", "1"), bad]));
        Assert.Empty(store.Find(LookQuery.Everything));
        Assert.Throws<ArgumentException>(() => store.Save(Samples.Draft("A", "1", "1") with { Thumbnail = [1, 2, 3] }));
        Assert.Throws<ArgumentException>(() => store.Save(Samples.Draft("A", "1", "1") with { TimecodeIn = "25:00:00:00", FrameRate = Core.Video.FrameRate.Fps25 }));
        Assert.Empty(store.Find(LookQuery.Everything));
    }

    [Fact]
    public void A_save_raises_LookSaved_with_the_new_version()
    {
        var store = Open();
        using var raised = new ManualResetEventSlim();
        LookSavedEventArgs? seen = null;
        store.LookSaved += (_, e) => { seen = e; raised.Set(); };
        var saved = store.Save(Samples.Draft("A", "5", "1"));
        Assert.True(raised.Wait(TimeSpan.FromSeconds(5)), "no LookSaved event");
        Assert.Equal(saved.Id, seen!.Id);
        Assert.Equal(saved.Slot, seen.Slot);
        Assert.False(seen.IsRemote);
    }
}
