using System.Collections.Immutable;
using LiveGrade.Engine.Show;

namespace LiveGrade.Engine.Control;

/// <summary>
/// The pure function from (state, command, author) to the next state, or a one-line refusal. Pure so that
/// journal replay after a crash reproduces exactly the state the clients were acknowledged.
/// </summary>
public static class StateTransitions
{
    public static readonly string[] Views = ["graded", "clean", "lut"];
    public static readonly string[] Displays = ["rec1886", "pq1000", "hlg", "none"];

    /// <summary>Undo depth per camera; older steps are forgotten (a day of grading fits).</summary>
    public const int UndoDepth = 500;

    /// <summary>The state a show starts in, before the journal is replayed.</summary>
    public static EngineState Initial(ShowFile show)
    {
        var cameras = show.Inputs.Select(i => new CameraState(
            i.Name, i.Name,
            i.Cdl is { } c ? new CdlValues(new(c.Slope[0], c.Slope[1], c.Slope[2]), new(c.Offset[0], c.Offset[1], c.Offset[2]), new(c.Power[0], c.Power[1], c.Power[2]), c.Sat) : CdlValues.Identity,
            [.. i.Luts], [], []));
        var outputs = show.Outputs.Select(o => new OutputState(o.Name, o.Name, o.Route ?? show.Inputs[0].Name, o.View, o.Display, null)
        {
            // The show file was checked when it was read (ShowFile.Validate), so this cannot fail there.
            Overlays = OverlayRules.FromDefinition(o.Overlays, out var problem) ?? throw new Core.Diagnostics.InputException($"output '{o.Name}': {problem}"),
        });
        return new EngineState(0, [.. cameras], [.. outputs], [.. show.Presets]);
    }

    /// <summary>Applies <paramref name="command"/>; returns the new state, or null with <paramref name="refusal"/> set.</summary>
    public static EngineState? Apply(EngineState s, ControlCommand command, string author, out string? refusal)
    {
        refusal = null;
        switch (command)
        {
            case SetCdl c:
            {
                var i = s.CameraIndex(c.Camera);
                if (i < 0) return Refuse($"no camera '{c.Camera}'", out refusal);
                if (c.Cdl is null || c.Cdl.Problem() is { } p) return Refuse($"camera '{c.Camera}': {c.Cdl?.Problem() ?? "no CDL"}", out refusal);
                var cam = s.Cameras[i];
                var gesture = c.Gesture is null ? null : $"{author}/{c.Gesture}";
                if (cam.Cdl == c.Cdl) return s with { Sequence = s.Sequence + 1 };
                // The same gesture continuing: the undo step it opened already holds where it began.
                var undo = gesture is not null && gesture == cam.CdlGesture ? cam.Undo : Push(cam.Undo, cam.Cdl);
                return WithCamera(s, i, cam with { Cdl = c.Cdl, Undo = undo, Redo = [], LookVersion = cam.LookVersion + 1, CdlGesture = gesture });
            }
            case SetLuts c:
            {
                var i = s.CameraIndex(c.Camera);
                if (i < 0) return Refuse($"no camera '{c.Camera}'", out refusal);
                if (c.Luts is null || c.Luts.Length > 8) return Refuse("a look holds at most 8 LUTs", out refusal);
                var cam = s.Cameras[i];
                return WithCamera(s, i, cam with { Luts = [.. c.Luts], LookVersion = cam.LookVersion + 1 });
            }
            case UndoCdl c:
            {
                var i = s.CameraIndex(c.Camera);
                if (i < 0) return Refuse($"no camera '{c.Camera}'", out refusal);
                var cam = s.Cameras[i];
                if (cam.Undo.IsEmpty) return Refuse($"camera '{c.Camera}': nothing to undo", out refusal);
                var undo = cam.Undo.Pop(out var previous);
                return WithCamera(s, i, cam with { Cdl = previous, Undo = undo, Redo = cam.Redo.Push(cam.Cdl), LookVersion = cam.LookVersion + 1, CdlGesture = null });
            }
            case RedoCdl c:
            {
                var i = s.CameraIndex(c.Camera);
                if (i < 0) return Refuse($"no camera '{c.Camera}'", out refusal);
                var cam = s.Cameras[i];
                if (cam.Redo.IsEmpty) return Refuse($"camera '{c.Camera}': nothing to redo", out refusal);
                var redo = cam.Redo.Pop(out var next);
                return WithCamera(s, i, cam with { Cdl = next, Redo = redo, Undo = Push(cam.Undo, cam.Cdl), LookVersion = cam.LookVersion + 1, CdlGesture = null });
            }
            case Route c:
            {
                var o = s.OutputIndex(c.Output);
                if (o < 0) return Refuse($"no output '{c.Output}'", out refusal);
                if (s.CameraIndex(c.Input) < 0) return Refuse($"no input '{c.Input}'", out refusal);
                var output = s.Outputs[o];
                if (output.LockedBy is { } owner && owner != author) return Refuse($"output '{c.Output}' is locked by {owner}", out refusal);
                return WithOutput(s, o, output with { Route = s.Cameras[s.CameraIndex(c.Input)].Name });
            }
            case RecallPreset c:
            {
                var preset = s.Presets.FirstOrDefault(p => string.Equals(p.Name, c.Name, StringComparison.OrdinalIgnoreCase));
                if (preset is null) return Refuse($"no preset '{c.Name}'", out refusal);
                var next = s;
                foreach (var (output, input) in preset.Routes)
                {
                    // All or none: one locked output refuses the whole salvo.
                    next = Apply(next, new Route(output, input), author, out refusal);
                    if (next is null) return Refuse($"preset '{c.Name}': {refusal}", out refusal);
                }
                return next with { Sequence = s.Sequence + 1 };
            }
            case SetLabel c:
            {
                if (c.Label is null || c.Label.Length > 64 || c.Label.Any(char.IsControl)) return Refuse("a label is 1..64 printable characters", out refusal);
                if (c.Target == "input" && s.CameraIndex(c.Name) is var i and >= 0) return WithCamera(s, i, s.Cameras[i] with { Label = c.Label });
                if (c.Target == "output" && s.OutputIndex(c.Name) is var o and >= 0) return WithOutput(s, o, s.Outputs[o] with { Label = c.Label });
                return Refuse($"no {c.Target} '{c.Name}'", out refusal);
            }
            case LockOutput c:
            {
                var o = s.OutputIndex(c.Output);
                if (o < 0) return Refuse($"no output '{c.Output}'", out refusal);
                var output = s.Outputs[o];
                if (c.Owner is null)
                {
                    if (output.LockedBy is { } holder && holder != author && !c.Force) return Refuse($"output '{c.Output}' is locked by {holder}", out refusal);
                    return WithOutput(s, o, output with { LockedBy = null });
                }
                if (output.LockedBy is { } other && other != c.Owner) return Refuse($"output '{c.Output}' is locked by {other}", out refusal);
                return WithOutput(s, o, output with { LockedBy = c.Owner });
            }
            case SetView c:
            {
                var o = s.OutputIndex(c.Output);
                if (o < 0) return Refuse($"no output '{c.Output}'", out refusal);
                if (c.View is not null && !Views.Contains(c.View)) return Refuse($"view must be one of {string.Join(", ", Views)}", out refusal);
                if (c.Display is not null && !Displays.Contains(c.Display)) return Refuse($"display must be one of {string.Join(", ", Displays)}", out refusal);
                var output = s.Outputs[o];
                return WithOutput(s, o, output with { View = c.View ?? output.View, Display = c.Display ?? output.Display, ViewVersion = output.ViewVersion + 1 });
            }
            case SetOverlays c:
            {
                var o = s.OutputIndex(c.Output);
                if (o < 0) return Refuse($"no output '{c.Output}'", out refusal);
                var output = s.Outputs[o];
                var now = OverlayRules.Change(output.Overlays, c, out var problem);
                if (now is null) return Refuse($"output '{c.Output}': {problem}", out refusal);
                return WithOutput(s, o, output with { Overlays = now });
            }
            default:
                return Refuse("unknown command", out refusal);
        }
    }

    private static ImmutableStack<CdlValues> Push(ImmutableStack<CdlValues> stack, CdlValues value)
    {
        var pushed = stack.Push(value);
        if (pushed.Count() <= UndoDepth) return pushed;
        return ImmutableStack.CreateRange(pushed.Take(UndoDepth).Reverse());
    }

    private static EngineState WithCamera(EngineState s, int i, CameraState c) =>
        s with { Sequence = s.Sequence + 1, Cameras = s.Cameras.SetItem(i, c) };

    private static EngineState WithOutput(EngineState s, int i, OutputState o) =>
        s with { Sequence = s.Sequence + 1, Outputs = s.Outputs.SetItem(i, o) };

    private static EngineState? Refuse(string reason, out string? refusal)
    {
        refusal = reason;
        return null;
    }
}
