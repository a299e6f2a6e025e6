namespace LiveGrade.Engine.Control;

/// <summary>One output's figures (the stats table and the JSON of `demo --stats-json` use these names).</summary>
public sealed record OutputStats(
    string Name,
    double Fps,
    double LatencyP50Ms,
    double LatencyP99Ms,
    long Frames,
    long Dropped,
    long Repeated,
    long Late,
    string Renderer)
{
    /// <summary>
    /// Of <see cref="Dropped"/>, the input frames the output never showed because it was still busy with an
    /// earlier one (the rest were lost at its hand-off: no free frame, a sink that refused).
    /// </summary>
    public long Skipped { get; init; }
}

/// <summary>One input's condition.</summary>
public sealed record InputStats(string Name, string State, string? LastError, long Received, long Dropped, string? Timecode);

/// <summary>Live figures of a running engine, for the API, the panel and the stats table. Thread-safe.</summary>
public interface IEngineStatus
{
    IReadOnlyList<OutputStats> Outputs();
    IReadOnlyList<InputStats> Inputs();
}

/// <summary>
/// Grabs an output's current picture as a reference still and compares the output against it: the picture (after
/// the look, before the overlays) is written to the show's stills folder and a <see cref="SetOverlays"/> naming it
/// goes through the bus (journalled, so the compare survives a restart; the still is on disk). Thread-safe.
/// </summary>
public interface IReferenceGrabber
{
    /// <summary>The bus's answer to the compare command, or a refusal saying why nothing was grabbed; and the still's path as the show names it.</summary>
    Task<(CommandResult Result, string? Still)> GrabReferenceAsync(string output, string author);
}
