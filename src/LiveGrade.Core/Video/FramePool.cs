using System.Collections.Concurrent;

namespace LiveGrade.Core.Video;

/// <summary>
/// A fixed set of frames of one <see cref="VideoMode"/>, allocated once (pinned) and reused for the life
/// of a source. <see cref="TryRent"/> never allocates and never blocks: when every frame is in use the
/// producer is running ahead of its consumers, and it must drop the frame it was about to make (and count it).
/// Thread-safe.
/// </summary>
public sealed class FramePool : IFrameOwner
{
    private readonly ConcurrentQueue<VideoFrame> _free = new();
    private long _rented;
    private long _exhausted;

    public FramePool(VideoMode mode, int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Mode = mode;
        Capacity = capacity;
        for (var i = 0; i < capacity; i++)
        {
            _free.Enqueue(new VideoFrame(mode, this));
        }
    }

    public VideoMode Mode { get; }
    public int Capacity { get; }

    /// <summary>Frames currently handed out.</summary>
    public int InUse => Capacity - _free.Count;

    /// <summary>Times <see cref="TryRent"/> found no free frame.</summary>
    public long Exhausted => Interlocked.Read(ref _exhausted);

    /// <summary>A free frame with one reference and cleared metadata, or null when all are in use.</summary>
    public VideoFrame? TryRent()
    {
        if (!_free.TryDequeue(out var frame))
        {
            Interlocked.Increment(ref _exhausted);
            return null;
        }
        frame.Reset(Interlocked.Increment(ref _rented) - 1);
        return frame;
    }

    void IFrameOwner.Return(VideoFrame frame) => _free.Enqueue(frame);
}
