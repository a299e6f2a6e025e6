using LiveGrade.Engine.Control;
using Microsoft.Data.Sqlite;
using static LiveGrade.Engine.Tests.Control.TestShows;

namespace LiveGrade.Engine.Tests.Control;

public class JournalReplayTests
{
    private static ControlBus Open(string path, List<string>? warnings = null, LiveGrade.Engine.Show.ShowFile? show = null) =>
        new(StateTransitions.Initial(show ?? TestShows.Show()), new Journal(path), w => warnings?.Add(w));

    private static void Accept(ControlBus bus, ControlCommand c, string author = "dit")
    {
        var r = bus.Submit(c, author);
        Assert.True(r.Accepted, r.Error);
    }

    [Fact]
    public void Compare_modes_against_looks_and_stills_and_scope_taps_survive_a_restart()
    {
        var path = Path.Combine(TempDir(), "j.sqlite");
        EngineState before;
        using (var bus = Open(path))
        {
            Accept(bus, new SetOverlays("DIT",
                Scopes: new LiveGrade.Engine.Show.ScopeCornersDefinition { TopLeft = "waveform", BottomRight = "vectorscope", Taps = new() { TopLeft = "camera" } },
                Compare: new LiveGrade.Engine.Show.CompareDefinition
                {
                    Mode = "side-by-side", Against = "look",
                    Look = new() { Name = "sc12 tk3 v2", Cdl = new() { Slope = [1.1, 1, 0.9], Offset = [0.01, 0, 0], Power = [1, 1, 1.05], Sat = 0.8 }, Luts = ["luts/show.cube"] },
                }));
            Accept(bus, new SetOverlays("Village", Compare: new LiveGrade.Engine.Show.CompareDefinition { Mode = "wipe", Position = 0.3, Angle = 45, Against = "still", Still = "stills/ref.exr" }));
            Accept(bus, new SetOverlays("Client", Compare: new LiveGrade.Engine.Show.CompareDefinition { Mode = "split", Position = 0.6, Against = "lut" }));
            before = bus.State;
        }
        using var again = Open(path);
        Assert.Equal(3, again.Replayed);
        Assert.Equal(before.Outputs.ToArray(), again.State.Outputs.ToArray());
        var dit = again.State.Output("DIT")!.Overlays;
        Assert.Equal(InsetTap.Camera, dit.Scopes.TopLeftTap);
        Assert.Equal(InsetTap.Output, dit.Scopes.BottomRightTap);
        Assert.Equal(LiveGrade.Color.Overlays.Compare.CompareMode.SideBySide, dit.Compare!.Mode);
        Assert.Equal(new SecondLook("sc12 tk3 v2", new CdlValues(new(1.1, 1, 0.9), new(0.01, 0, 0), new(1, 1, 1.05), 0.8), ["luts/show.cube"]), dit.Compare.Look);
        Assert.Equal((CompareAgainst.Still, "stills/ref.exr", 45.0), (again.State.Output("Village")!.Overlays.Compare!.Against, again.State.Output("Village")!.Overlays.Compare!.Still, again.State.Output("Village")!.Overlays.Compare!.AngleDegrees));
        Assert.Equal(CompareAgainst.Lut, again.State.Output("Client")!.Overlays.Compare!.Against);
    }

    [Fact]
    public void Replay_restores_the_exact_state_including_history_and_locks()
    {
        var path = Path.Combine(TempDir(), "j.sqlite");
        EngineState before;
        using (var bus = Open(path))
        {
            Accept(bus, new SetCdl("A", Cdl(1.1)));
            Accept(bus, new SetCdl("A", Cdl(1.2, 0.01)));
            Accept(bus, new SetCdl("B", Cdl(0.9, -0.02, 1.1, 0.8)));
            Accept(bus, new UndoCdl("A"));
            Accept(bus, new Route("Client", "D"));
            Accept(bus, new LockOutput("Client", "panel-1"), "panel-1");
            Accept(bus, new SetLabel("input", "C", "Steadicam"));
            Accept(bus, new SetView("DIT", "lut", "hlg"));
            Assert.False(bus.Submit(new Route("Client", "A"), "dit").Accepted); // refused: never journalled
            before = bus.State;
        }
        using var again = Open(path);
        Assert.Equal(8, again.Replayed);
        var after = again.State;
        Assert.Equal(before.Sequence, after.Sequence);
        for (int i = 0; i < before.Cameras.Length; i++)
        {
            CameraState b = before.Cameras[i], a = after.Cameras[i];
            Assert.Equal(b.Cdl, a.Cdl);
            Assert.Equal(b.Label, a.Label);
            Assert.Equal(b.Undo, a.Undo);
            Assert.Equal(b.Redo, a.Redo);
            Assert.Equal(b.LookVersion, a.LookVersion);
        }
        Assert.Equal(before.Outputs.ToArray(), after.Outputs.ToArray());

        // The history replayed too: redo brings back the value undone before the restart, then undo walks back.
        Accept(again, new RedoCdl("A"));
        Assert.Equal(Cdl(1.2, 0.01), again.State.Camera("A")!.Cdl);
        Accept(again, new UndoCdl("A"));
        Accept(again, new UndoCdl("A"));
        Assert.Equal(CdlValues.Identity, again.State.Camera("A")!.Cdl);
        // The lock belongs to the same author after the restart.
        Assert.False(again.Submit(new Route("Client", "A"), "dit").Accepted);
        Accept(again, new Route("Client", "A"), "panel-1");
    }

    [Fact]
    public void A_refused_preset_leaves_no_trace()
    {
        var path = Path.Combine(TempDir(), "j.sqlite");
        using (var bus = Open(path))
        {
            Accept(bus, new LockOutput("Village", "panel-1"), "panel-1");
            var r = bus.Submit(new RecallPreset("wide"), "dit");
            Assert.False(r.Accepted);
            Assert.Contains("locked", r.Error);
            Assert.Equal(["A", "B", "C"], bus.State.Outputs.Select(o => o.Route));
        }
        using var again = Open(path);
        Assert.Equal(1, again.Replayed);
        Assert.Equal(["A", "B", "C"], again.State.Outputs.Select(o => o.Route));
    }

    [Fact]
    public void Acknowledged_commands_are_on_disk_before_the_journal_is_closed()
    {
        // What kill -9 leaves: the database and its WAL as they are while the bus is still open.
        var dir = TempDir();
        var path = Path.Combine(dir, "j.sqlite");
        using var bus = Open(path);
        for (int i = 0; i < 50; i++)
        {
            Accept(bus, new SetCdl("A", Cdl(1 + i * 0.01)));
        }
        var copy = Path.Combine(dir, "copy.sqlite");
        File.Copy(path, copy);
        Assert.True(File.Exists(path + "-wal"), "the journal runs in WAL mode");
        File.Copy(path + "-wal", copy + "-wal");
        using var replayed = Open(copy);
        Assert.Equal(50, replayed.Replayed);
        Assert.Equal(bus.State.Camera("A")!.Cdl, replayed.State.Camera("A")!.Cdl);
    }

    [Fact]
    public void Entries_that_no_longer_read_or_apply_are_skipped_with_a_warning()
    {
        var path = Path.Combine(TempDir(), "j.sqlite");
        using (var bus = Open(path))
        {
            Accept(bus, new SetCdl("A", Cdl(1.1)));
            Accept(bus, new SetCdl("D", Cdl(1.3)));
            Accept(bus, new SetCdl("B", Cdl(1.2)));
        }
        using (var db = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            db.Open();
            using var cmd = db.CreateCommand();
            cmd.CommandText = "INSERT INTO journal (seq, at, author, command) VALUES (4, '2025-01-01T00:00:00Z', 'x', '{\"kind\":\"teleport\"}');";
            cmd.ExecuteNonQuery();
        }
        // The show changed: camera D is gone.
        var show = TestShows.Show() with { Inputs = [.. TestShows.Show().Inputs.Where(i => i.Name != "D")] };
        var warnings = new List<string>();
        using var again = Open(path, warnings, show);
        Assert.Equal(Cdl(1.1), again.State.Camera("A")!.Cdl);
        Assert.Equal(Cdl(1.2), again.State.Camera("B")!.Cdl);
        Assert.Equal(2, warnings.Count);
        Assert.Contains(warnings, w => w.Contains("entry 2") && w.Contains("no camera 'D'"));
        Assert.Contains(warnings, w => w.Contains("entry 4") && w.Contains("skipped"));
        // New commands continue after the highest sequence on disk.
        var r = again.Submit(new SetCdl("A", Cdl(1.4)), "dit");
        Assert.True(r.Accepted, r.Error);
        Assert.Equal(5, r.Sequence);
    }

    [Fact]
    public void A_command_the_journal_cannot_store_is_refused_and_not_applied()
    {
        var path = Path.Combine(TempDir(), "j.sqlite");
        using var bus = Open(path);
        Accept(bus, new SetCdl("A", Cdl(1.1)));
        using (var db = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            db.Open();
            using var cmd = db.CreateCommand();
            cmd.CommandText = "DROP TABLE journal;";
            cmd.ExecuteNonQuery();
        }
        var notified = 0;
        using var _ = bus.Subscribe(_ => notified++);
        var r = bus.Submit(new SetCdl("A", Cdl(1.5)), "dit");
        Assert.False(r.Accepted);
        Assert.Contains("journal", r.Error);
        Assert.Equal(Cdl(1.1), bus.State.Camera("A")!.Cdl);
        Assert.Equal(0, notified);
    }
}
