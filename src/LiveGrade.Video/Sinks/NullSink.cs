using LiveGrade.Core.Video;

namespace LiveGrade.Video.Sinks;

/// <summary>Takes every frame and does nothing with it: for benchmarks and for outputs watched only through snapshots.</summary>
public sealed class NullSink(string name, VideoMode mode) : IVideoSink
{
    public string Name { get; } = name;
    public VideoMode Mode { get; } = mode;
    public FrameCounters Counters { get; } = new();
    public string? LastError => null;

    public void Start()
    {
    }

    public bool Send(VideoFrame frame)
    {
        Counters.CountReceived();
        return true;
    }

    public void Stop()
    {
    }

    public void Dispose()
    {
    }
}
