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
    string Renderer);

/// <summary>One input's condition.</summary>
public sealed record InputStats(string Name, string State, string? LastError, long Received, long Dropped, string? Timecode);

/// <summary>Live figures of a running engine, for the API, the panel and the stats table. Thread-safe.</summary>
public interface IEngineStatus
{
    IReadOnlyList<OutputStats> Outputs();
    IReadOnlyList<InputStats> Inputs();
}
