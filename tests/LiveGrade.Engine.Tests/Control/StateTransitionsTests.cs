using LiveGrade.Engine.Control;
using static LiveGrade.Engine.Tests.Control.TestShows;

namespace LiveGrade.Engine.Tests.Control;

public class StateTransitionsTests
{
    private static EngineState Apply(EngineState s, ControlCommand c, string author = "dit")
    {
        var next = StateTransitions.Apply(s, c, author, out var refusal);
        Assert.True(next is not null, $"refused: {refusal}");
        return next!;
    }

    private static string Refusal(EngineState s, ControlCommand c, string author = "dit")
    {
        var next = StateTransitions.Apply(s, c, author, out var refusal);
        Assert.Null(next);
        Assert.False(string.IsNullOrWhiteSpace(refusal));
        Assert.DoesNotContain('\n', refusal!);
        return refusal!;
    }

    [Fact]
    public void Initial_state_follows_the_show()
    {
        var s = Initial();
        Assert.Equal(["A", "B", "C", "D"], s.Cameras.Select(c => c.Name));
        Assert.Equal(["A", "B", "C"], s.Outputs.Select(o => o.Route));
        Assert.Equal("clean", s.Outputs[2].View);
        Assert.Equal(new CdlValues(new(1.1, 1, 0.9), new(0, 0.01, 0), new(1, 1, 1), 0.9), s.Cameras[3].Cdl);
        Assert.Equal(CdlValues.Identity, s.Cameras[0].Cdl);
        Assert.All(s.Outputs, o => Assert.Null(o.LockedBy));
    }

    [Fact]
    public void Undo_and_redo_are_per_camera()
    {
        var s = Initial();
        s = Apply(s, new SetCdl("A", Cdl(1.1)));
        s = Apply(s, new SetCdl("B", Cdl(2.0)));
        s = Apply(s, new SetCdl("A", Cdl(1.2)));

        s = Apply(s, new UndoCdl("A"));
        Assert.Equal(Cdl(1.1), s.Camera("A")!.Cdl);
        Assert.Equal(Cdl(2.0), s.Camera("B")!.Cdl); // B's grade is not touched by A's undo

        s = Apply(s, new UndoCdl("A"));
        Assert.Equal(CdlValues.Identity, s.Camera("A")!.Cdl);
        Refusal(s, new UndoCdl("A"));

        s = Apply(s, new RedoCdl("A"));
        s = Apply(s, new RedoCdl("A"));
        Assert.Equal(Cdl(1.2), s.Camera("A")!.Cdl);
        Refusal(s, new RedoCdl("A"));

        // A new value after an undo forgets the redo branch.
        s = Apply(s, new UndoCdl("A"));
        s = Apply(s, new SetCdl("A", Cdl(1.5)));
        Refusal(s, new RedoCdl("A"));
        s = Apply(s, new UndoCdl("B"));
        Assert.Equal(CdlValues.Identity, s.Camera("B")!.Cdl);
        Assert.Equal(Cdl(1.5), s.Camera("A")!.Cdl);
    }

    [Fact]
    public void A_gesture_is_one_undo_step_per_author_and_a_new_gesture_or_author_starts_another()
    {
        var s = Initial();
        var before = s.Camera("A")!.Cdl;
        // A drag: many values with one gesture id from one client.
        s = Apply(s, new SetCdl("A", Cdl(1.1), "drag-1"), "panel");
        s = Apply(s, new SetCdl("A", Cdl(1.2), "drag-1"), "panel");
        s = Apply(s, new SetCdl("A", Cdl(1.3), "drag-1"), "panel");
        // The same id from another client is another movement.
        s = Apply(s, new SetCdl("A", Cdl(1.4), "drag-1"), "api");
        // A second drag of the panel.
        s = Apply(s, new SetCdl("A", Cdl(1.5), "drag-2"), "panel");
        s = Apply(s, new SetCdl("A", Cdl(1.6), "drag-2"), "panel");
        s = Apply(s, new UndoCdl("A"), "panel");
        Assert.Equal(Cdl(1.4), s.Camera("A")!.Cdl);
        s = Apply(s, new UndoCdl("A"), "panel");
        Assert.Equal(Cdl(1.3), s.Camera("A")!.Cdl);
        s = Apply(s, new UndoCdl("A"), "panel");
        Assert.Equal(before, s.Camera("A")!.Cdl);
        // After an undo the same id does not continue the undone step: a value with it pushes a new one.
        s = Apply(s, new SetCdl("A", Cdl(2.0), "drag-2"), "panel");
        s = Apply(s, new UndoCdl("A"), "panel");
        Assert.Equal(before, s.Camera("A")!.Cdl);
    }

    [Fact]
    public void Undo_keeps_a_bounded_history()
    {
        var s = Initial();
        for (int i = 1; i <= StateTransitions.UndoDepth + 20; i++)
        {
            s = Apply(s, new SetCdl("A", Cdl(1 + i * 0.001)));
        }
        int undone = 0;
        while (StateTransitions.Apply(s, new UndoCdl("A"), "dit", out _) is { } next)
        {
            s = next;
            undone++;
        }
        Assert.Equal(StateTransitions.UndoDepth, undone);
        // The oldest steps are the ones forgotten: 20 changes plus the identity fell off the bottom.
        Assert.Equal(Cdl(1 + 20 * 0.001), s.Camera("A")!.Cdl);
    }

    [Fact]
    public void Bad_cdl_values_are_refused()
    {
        var s = Initial();
        Assert.Contains("slope", Refusal(s, new SetCdl("A", Cdl(-1))));
        Assert.Contains("power", Refusal(s, new SetCdl("A", Cdl(1, 0, 0))));
        Assert.Contains("saturation", Refusal(s, new SetCdl("A", Cdl(1, 0, 1, double.NaN))));
        Assert.Contains("offset", Refusal(s, new SetCdl("A", Cdl(1, double.PositiveInfinity))));
        Assert.Contains("no camera", Refusal(s, new SetCdl("Z", Cdl(1))));
    }

    [Fact]
    public void A_locked_output_refuses_routes_from_everyone_but_its_owner()
    {
        var s = Initial();
        s = Apply(s, new LockOutput("DIT", "panel-1"), "panel-1");
        Assert.Contains("locked by panel-1", Refusal(s, new Route("DIT", "C"), "panel-2"));
        s = Apply(s, new Route("DIT", "C"), "panel-1");
        Assert.Equal("C", s.Output("DIT")!.Route);

        // Another client can neither take nor lift the lock, but can force it off.
        Refusal(s, new LockOutput("DIT", "panel-2"), "panel-2");
        Refusal(s, new LockOutput("DIT", null), "panel-2");
        s = Apply(s, new LockOutput("DIT", null, Force: true), "panel-2");
        Assert.Null(s.Output("DIT")!.LockedBy);
        s = Apply(s, new Route("DIT", "B"), "panel-2");
        Assert.Equal("B", s.Output("DIT")!.Route);
    }

    [Fact]
    public void A_preset_is_all_or_none()
    {
        var s = Initial();
        s = Apply(s, new LockOutput("Village", "panel-1"), "panel-1");
        var refused = Refusal(s, new RecallPreset("wide"), "dit");
        Assert.Contains("preset 'wide'", refused);
        Assert.Equal("A", s.Output("DIT")!.Route); // not half applied: DIT comes before the locked Village in the salvo

        s = Apply(s, new RecallPreset("wide"), "panel-1");
        Assert.Equal(["D", "D", "C"], s.Outputs.Select(o => o.Route));
        Assert.Contains("no preset", Refusal(s, new RecallPreset("nope")));
    }

    [Fact]
    public void Every_accepted_command_advances_the_sequence_by_one()
    {
        // OrderedStateFeed relies on this to put notifications back in order.
        ControlCommand[] commands =
        [
            new SetCdl("A", Cdl(1.1)), new SetCdl("A", Cdl(1.1)), new SetLuts("A", ["show.cube"]), new UndoCdl("A"), new RedoCdl("A"),
            new Route("DIT", "B"), new Route("DIT", "B"), new RecallPreset("all-a"), new SetLabel("input", "A", "Cam A"),
            new SetLabel("output", "DIT", "DIT monitor"), new LockOutput("DIT", "dit"), new LockOutput("DIT", null),
            new SetView("Client", "lut", "pq1000"),
        ];
        var s = Initial();
        foreach (var c in commands)
        {
            var next = Apply(s, c);
            Assert.Equal(s.Sequence + 1, next.Sequence);
            s = next;
        }
    }

    [Fact]
    public void Labels_views_and_displays_are_checked()
    {
        var s = Initial();
        s = Apply(s, new SetLabel("input", "A", "Camera A (Alexa)"));
        Assert.Equal("Camera A (Alexa)", s.Camera("A")!.Label);
        Refusal(s, new SetLabel("input", "A", "two\nlines"));
        Refusal(s, new SetLabel("input", "A", new string('x', 65)));
        Refusal(s, new SetLabel("output", "Nope", "x"));
        s = Apply(s, new SetView("DIT", "clean", null));
        Assert.Equal(("clean", "rec1886"), (s.Output("DIT")!.View, s.Output("DIT")!.Display));
        Refusal(s, new SetView("DIT", "wireframe", null));
        Refusal(s, new SetView("DIT", null, "rec601"));
    }

    [Fact]
    public void Overlays_change_field_by_field_and_bad_values_are_refused_naming_the_field()
    {
        var s = Initial();
        s = Apply(s, new SetOverlays("DIT", Zebra: 95, Zebra2: "70-80", ActionSafe: true, CentreCross: true,
            Scopes: new LiveGrade.Engine.Show.ScopeCornersDefinition { BottomLeft = "waveform", TopRight = "Vectorscope" },
            Compare: new LiveGrade.Engine.Show.CompareDefinition { Mode = "wipe", Position = 0.3, Angle = 30 }));
        var ov = s.Output("DIT")!.Overlays;
        Assert.Equal((95.0, 70.0, (double?)80), (ov.Zebra, ov.Zebra2!.LowIre, ov.Zebra2.HighIre));
        Assert.Equal((true, false, true), (ov.ActionSafe, ov.TitleSafe, ov.CentreCross));
        Assert.Equal(new ScopeInsets(InsetScope.None, InsetScope.Vectorscope, InsetScope.Waveform, InsetScope.None), ov.Scopes);
        Assert.Equal(new CompareState(Color.Overlays.Compare.CompareMode.Wipe, 0.3, 30), ov.Compare);

        // Null fields keep their setting; scopes are replaced whole; "off" ends zebra 2 and the compare.
        s = Apply(s, new SetOverlays("DIT", FalseColor: true, Scopes: new LiveGrade.Engine.Show.ScopeCornersDefinition { TopLeft = "parade" }));
        ov = s.Output("DIT")!.Overlays;
        Assert.True(ov.FalseColor);
        Assert.NotNull(ov.Zebra2);
        Assert.Equal(ScopeInsets.None with { TopLeft = InsetScope.Parade }, ov.Scopes);
        Assert.NotNull(ov.Compare);
        s = Apply(s, new SetOverlays("DIT", Zebra2: "off", Compare: new LiveGrade.Engine.Show.CompareDefinition { Mode = "off" }));
        Assert.Null(s.Output("DIT")!.Overlays.Zebra2);
        Assert.Null(s.Output("DIT")!.Overlays.Compare);
        s = Apply(s, new SetOverlays("DIT", Zebra2: "100", Compare: new LiveGrade.Engine.Show.CompareDefinition { Mode = "split", Position = 0.25, Angle = 45 }));
        Assert.Equal(new Color.Overlays.Zebra.ZebraLevel(100), s.Output("DIT")!.Overlays.Zebra2);
        Assert.Equal(new CompareState(Color.Overlays.Compare.CompareMode.Split, 0.25, 0), s.Output("DIT")!.Overlays.Compare); // a split is vertical

        Assert.Contains("zebra2 must be", Refusal(s, new SetOverlays("DIT", Zebra2: "loud")));
        Assert.Contains("zebra2 band '80-70'", Refusal(s, new SetOverlays("DIT", Zebra2: "80-70")));
        Assert.Contains("zebra2 must be", Refusal(s, new SetOverlays("DIT", Zebra2: "200")));
        Assert.Contains("scopes.bottomRight must be waveform, parade, vectorscope, histogram or none, not 'oscilloscope'", Refusal(s, new SetOverlays("DIT", Scopes: new LiveGrade.Engine.Show.ScopeCornersDefinition { BottomRight = "oscilloscope" })));
        Assert.Contains("compare.mode must be off, split, wipe or side-by-side, not 'fade'", Refusal(s, new SetOverlays("DIT", Compare: new LiveGrade.Engine.Show.CompareDefinition { Mode = "fade" })));
        Assert.Contains("compare.position must be 0..1", Refusal(s, new SetOverlays("DIT", Compare: new LiveGrade.Engine.Show.CompareDefinition { Mode = "wipe", Position = 1.5 })));
        Assert.Contains("compare.position must be 0..1", Refusal(s, new SetOverlays("DIT", Compare: new LiveGrade.Engine.Show.CompareDefinition { Mode = "wipe", Position = double.NaN })));
        Assert.Contains("compare.angle must be", Refusal(s, new SetOverlays("DIT", Compare: new LiveGrade.Engine.Show.CompareDefinition { Mode = "wipe", Angle = 1000 })));
        Assert.StartsWith("output 'DIT': ", Refusal(s, new SetOverlays("DIT", Zebra: 300)));
        // A refused command leaves the state as it was.
        Assert.Equal(s.Output("DIT")!.Overlays, Apply(s, new SetOverlays("DIT")).Output("DIT")!.Overlays);
    }

    [Fact]
    public void An_overlays_command_from_the_wire_and_the_journal_reads_back_the_same()
    {
        const string json = """{ "compare": { "mode": "wipe", "position": 0.3, "angle": 30 }, "kind": "overlays", "output": "DIT", "zebra2": "70-80", "scopes": { "bottomRight": "vectorscope" } }""";
        var c = System.Text.Json.JsonSerializer.Deserialize<ControlCommand>(json, LiveGrade.Engine.Api.ApiJson.Options);
        var overlays = Assert.IsType<SetOverlays>(c);
        Assert.Equal("vectorscope", overlays.Scopes!.BottomRight);
        var again = System.Text.Json.JsonSerializer.Deserialize<ControlCommand>(System.Text.Json.JsonSerializer.Serialize<ControlCommand>(overlays, LiveGrade.Engine.Api.ApiJson.Options), LiveGrade.Engine.Api.ApiJson.Options);
        var s = Apply(Initial(), again!);
        Assert.Equal(InsetScope.Vectorscope, s.Output("DIT")!.Overlays.Scopes.BottomRight);
        Assert.Equal(0.3, s.Output("DIT")!.Overlays.Compare!.Position);
        // The API's state view gives the overlays back in the show file's terms.
        var view = LiveGrade.Engine.Api.StateView.From("show", s).Outputs.Single(o => o.Name == "DIT").Overlays!;
        Assert.Equal(("70-80", "vectorscope", "wipe", 30.0), (view.Zebra2, view.Scopes.BottomRight, view.Compare.Mode, view.Compare.Angle));
    }
}
