namespace LiveGrade.Core.Video;

/// <summary>
/// The counters every source, sink and output keeps, always on (design.md): frames received (or sent),
/// dropped (never shown: queue full, pool exhausted, lost), repeated (the previous picture shown again
/// because the next was late), late (arrived after its slot). Lock-free; read with <see cref="Snapshot"/>.
/// </summary>
public sealed class FrameCounters
{
    private long _received;
    private long _dropped;
    private long _repeated;
    private long _late;

    public void CountReceived() => Interlocked.Increment(ref _received);
    public void CountDropped(long n = 1) => Interlocked.Add(ref _dropped, n);
    public void CountRepeated() => Interlocked.Increment(ref _repeated);
    public void CountLate() => Interlocked.Increment(ref _late);

    public long Received => Interlocked.Read(ref _received);
    public long Dropped => Interlocked.Read(ref _dropped);
    public long Repeated => Interlocked.Read(ref _repeated);
    public long Late => Interlocked.Read(ref _late);

    public FrameCountersSnapshot Snapshot() => new(Received, Dropped, Repeated, Late);
}

/// <summary>The counters at one moment.</summary>
public readonly record struct FrameCountersSnapshot(long Received, long Dropped, long Repeated, long Late);
