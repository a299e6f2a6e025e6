namespace LiveGrade.Core.Video;

/// <summary>
/// The bounded hand-off between two threads (capture → GL → output; design.md: 3 frames). The producer
/// never waits: when the queue is full the oldest frame is released and counted as dropped, because on
/// set the newest picture matters more than every picture. The consumer can take the oldest
/// (<see cref="TryTake"/>) or skip to the newest (<see cref="TryTakeLatest"/>, releasing and counting the
/// skipped ones). The queue holds one reference per frame it contains. Thread-safe (one lock, held for a
/// few instructions; no allocation after construction).
/// </summary>
public sealed class FrameQueue : IDisposable
{
    private readonly VideoFrame?[] _ring;
    private readonly object _lock = new();
    private readonly FrameCounters _counters;
    private readonly ManualResetEventSlim _available = new(false);
    private int _head;
    private int _count;
    private bool _disposed;

    /// <param name="capacity">Frames held at most.</param>
    /// <param name="counters">Where drops are counted (usually the producer's counters).</param>
    public FrameQueue(int capacity, FrameCounters counters)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _ring = new VideoFrame?[capacity];
        _counters = counters;
    }

    public int Capacity => _ring.Length;

    public int Count
    {
        get { lock (_lock) return _count; }
    }

    /// <summary>Adds a frame, taking over the caller's reference. Returns false when the oldest had to be dropped.</summary>
    public bool Add(VideoFrame frame)
    {
        VideoFrame? dropped = null;
        lock (_lock)
        {
            if (_disposed)
            {
                dropped = frame;
            }
            else
            {
                if (_count == _ring.Length)
                {
                    dropped = _ring[_head];
                    _ring[_head] = null;
                    _head = (_head + 1) % _ring.Length;
                    _count--;
                }
                _ring[(_head + _count) % _ring.Length] = frame;
                _count++;
                _available.Set();
            }
        }
        if (dropped is null) return true;
        _counters.CountDropped();
        dropped.Release();
        return false;
    }

    /// <summary>Takes the oldest frame (the caller now owns its reference), or null when empty.</summary>
    public VideoFrame? TryTake()
    {
        lock (_lock)
        {
            if (_count == 0) return null;
            var frame = _ring[_head];
            _ring[_head] = null;
            _head = (_head + 1) % _ring.Length;
            _count--;
            if (_count == 0) _available.Reset();
            return frame;
        }
    }

    /// <summary>Takes the newest frame; older ones are released and counted as dropped. Null when empty.</summary>
    public VideoFrame? TryTakeLatest()
    {
        VideoFrame? newest = null;
        var skipped = 0;
        while (TryTake() is { } frame)
        {
            if (newest is not null)
            {
                newest.Release();
                skipped++;
            }
            newest = frame;
        }
        if (skipped > 0) _counters.CountDropped(skipped);
        return newest;
    }

    /// <summary>Blocks until a frame is queued or the timeout passes; true when a frame is there. For a consumer thread.</summary>
    public bool WaitForFrame(int timeoutMs)
    {
        try
        {
            return _available.Wait(timeoutMs);
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
    }

    /// <summary>Releases every queued frame; later adds are released at once.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
        }
        while (TryTake() is { } frame)
        {
            frame.Release();
        }
        _available.Set(); // wake a waiting consumer so it sees the end
    }
}
