using System.Text.Json.Serialization;

namespace LiveGrade.Engine.Control;

/// <summary>
/// A change a person (or a control surface) asks for. Every command goes through the
/// <see cref="ControlBus"/>, is journalled before it is acknowledged, and is replayed on restart, so
/// commands are plain data with a stable JSON form (the "kind" property names the type).
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(SetCdl), "setCdl")]
[JsonDerivedType(typeof(SetLuts), "setLuts")]
[JsonDerivedType(typeof(UndoCdl), "undo")]
[JsonDerivedType(typeof(RedoCdl), "redo")]
[JsonDerivedType(typeof(Route), "route")]
[JsonDerivedType(typeof(RecallPreset), "preset")]
[JsonDerivedType(typeof(SetLabel), "label")]
[JsonDerivedType(typeof(LockOutput), "lock")]
[JsonDerivedType(typeof(SetView), "view")]
[JsonDerivedType(typeof(SetOverlays), "overlays")]
public abstract record ControlCommand;

/// <summary>
/// Sets a camera's CDL (undoable). <paramref name="Gesture"/>: an id the client gives to every value of one
/// continuous movement (a drag of a wheel or a field); consecutive values with the same id from the same author
/// make one undo step, so undo after a drag returns to where the drag began. Null: every value is its own step.
/// </summary>
public sealed record SetCdl(string Camera, CdlValues Cdl, string? Gesture = null) : ControlCommand;

/// <summary>Replaces a camera's look LUTs (paths as the show names them).</summary>
public sealed record SetLuts(string Camera, string[] Luts) : ControlCommand;

/// <summary>Steps a camera's CDL back one change.</summary>
public sealed record UndoCdl(string Camera) : ControlCommand;

/// <summary>Steps a camera's CDL forward again after an undo.</summary>
public sealed record RedoCdl(string Camera) : ControlCommand;

/// <summary>Shows <paramref name="Input"/> on <paramref name="Output"/> (refused while another client holds the lock).</summary>
public sealed record Route(string Output, string Input) : ControlCommand;

/// <summary>Applies a salvo: many routes at once, all or none.</summary>
public sealed record RecallPreset(string Name) : ControlCommand;

/// <summary>Renames an input or output on the router ("input" or "output").</summary>
public sealed record SetLabel(string Target, string Name, string Label) : ControlCommand;

/// <summary>Locks (Owner set), unlocks (Owner null), or force-unlocks (Force) an output's route.</summary>
public sealed record LockOutput(string Output, string? Owner, bool Force = false) : ControlCommand;

/// <summary>Changes what an output shows (view: graded/clean/lut) and its display transform.</summary>
public sealed record SetView(string Output, string? View, string? Display) : ControlCommand;

/// <summary>
/// Turns an output's overlays on or off; a null field keeps its current setting. <paramref name="Zebra2"/>:
/// "N", "LO-HI" or "off"; <paramref name="Scopes"/> replaces every corner at once (a corner left out has no
/// scope); <paramref name="Compare"/> replaces the compare mode (mode "off" ends it). Values are checked as the
/// show file's are (<see cref="OverlayRules"/>).
/// </summary>
public sealed record SetOverlays(
    string Output,
    bool? FalseColor = null,
    double? Zebra = null,
    double? FrameLines = null,
    bool? Waveform = null,
    string? Zebra2 = null,
    bool? ActionSafe = null,
    bool? TitleSafe = null,
    bool? CentreCross = null,
    Show.ScopeCornersDefinition? Scopes = null,
    Show.CompareDefinition? Compare = null) : ControlCommand;
