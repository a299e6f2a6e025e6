using LiveGrade.Engine.Control;

namespace LiveGrade.App.Panel;

/// <summary>A look to save: which camera, scene, take and clip it is for, the grade and the LUTs it sits with.</summary>
public sealed record ShelfDraft(
    string Camera,
    string Scene,
    string Take,
    string Clip,
    CdlValues Cdl,
    IReadOnlyList<string> Luts,
    string InputSpace,
    string WorkingSpace,
    string? Note);

/// <summary>A saved look as the panel lists it.</summary>
public sealed record ShelfLook(
    string Id,
    string Camera,
    string Scene,
    string Take,
    string Clip,
    int Version,
    DateTimeOffset SavedAt,
    CdlValues Cdl,
    IReadOnlyList<string> Luts,
    string? Note)
{
    /// <summary>"sc12 tk3 A001C003 v2".</summary>
    public string Title =>
        string.Join(' ', new[] { Scene.Length > 0 ? "sc" + Scene : "", Take.Length > 0 ? "tk" + Take : "", Clip, $"v{Version}" }.Where(s => s.Length > 0));
}

/// <summary>
/// Where the panel's looks tab saves and recalls looks. Recalling is not done here: the panel turns a saved look
/// into SetCdl and SetLuts commands on the control bus, like any other change. Implementations are called off
/// the panel thread (they touch disks or databases) and may throw <see cref="IOException"/> or
/// <see cref="LiveGrade.Core.Diagnostics.InputException"/> with a one-line reason.
/// </summary>
public interface ILookShelf
{
    /// <summary>Where the looks live, for people.</summary>
    string Location { get; }

    /// <summary>Saves a new version of the draft's camera/scene/take/clip; never overwrites an earlier one.</summary>
    ShelfLook Save(ShelfDraft draft);

    /// <summary>Saved looks of one camera, newest first.</summary>
    IReadOnlyList<ShelfLook> List(string camera);
}
