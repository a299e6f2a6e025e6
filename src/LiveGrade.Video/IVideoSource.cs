using LiveGrade.Core.Video;

namespace LiveGrade.Video;

/// <summary>What a source is doing, as the engine and the panel show it.</summary>
public enum SourceState
{
    /// <summary>Created or stopped; delivers nothing.</summary>
    Stopped,

    /// <summary>Started, no frame yet.</summary>
    Starting,

    /// <summary>Frames arriving at cadence.</summary>
    Live,

    /// <summary>Started, but no frame for longer than the no-signal timeout (cable out, stream stopped).</summary>
    NoSignal,

    /// <summary>Could not start or broke for good; <see cref="IVideoSource.LastError"/> says why in one line.</summary>
    Failed,
}

/// <summary>
/// A producer of frames: a test pattern, the synthetic camera, a file, an RTP receiver, a DeckLink input.
/// Each source runs on its own named thread (or the driver's) and publishes finished frames into
/// <see cref="Frames"/>, a bounded queue that drops the oldest when the consumer is slow. A source never
/// throws out of its thread: failures become <see cref="SourceState.Failed"/> or
/// <see cref="SourceState.NoSignal"/> with <see cref="LastError"/>, and a source whose signal comes back
/// goes Live again by itself.
/// </summary>
public interface IVideoSource : IDisposable
{
    /// <summary>The name the user gave (or the source syntax, e.g. "bars").</summary>
    string Name { get; }

    /// <summary>The mode frames currently arrive in. May change while running (auto-detection); frames carry their own.</summary>
    VideoMode Mode { get; }

    SourceState State { get; }

    /// <summary>The latest problem as one line (null when none).</summary>
    string? LastError { get; }

    /// <summary>received: frames published; dropped: frames lost before or in the queue; late: frames past their slot.</summary>
    FrameCounters Counters { get; }

    /// <summary>Finished frames, newest last. The consumer owns the reference of every frame it takes.</summary>
    FrameQueue Frames { get; }

    /// <summary>Starts delivering. Idempotent. Errors surface through <see cref="State"/>, not exceptions, except bad arguments.</summary>
    void Start();

    /// <summary>Stops delivering and waits for the source's thread to end (bounded). Idempotent.</summary>
    void Stop();
}

/// <summary>
/// A consumer of frames at the output's cadence: SDI out, RTP out, a window, files, null. <see cref="Send"/>
/// never blocks the caller (the engine's output clock); a sink that cannot keep up drops and counts.
/// </summary>
public interface IVideoSink : IDisposable
{
    string Name { get; }

    /// <summary>The mode the sink expects; the engine packs to this format and size.</summary>
    VideoMode Mode { get; }

    /// <summary>received: frames accepted; dropped: frames it could not take; repeated/late as the sink reports them.</summary>
    FrameCounters Counters { get; }

    string? LastError { get; }

    void Start();

    /// <summary>Offers a frame. The sink takes its own reference when it keeps the frame; the caller keeps its own.</summary>
    bool Send(VideoFrame frame);

    void Stop();
}
