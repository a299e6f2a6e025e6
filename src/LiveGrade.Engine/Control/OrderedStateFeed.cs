namespace LiveGrade.Engine.Control;

/// <summary>
/// A subscriber's view of the control bus that is always in order: a starting snapshot, then every accepted
/// change exactly once and strictly in sequence. The bus tells listeners outside its lock, so two commands
/// submitted at the same moment from two threads can reach a listener in either order; a Videohub broadcast
/// or an event stream that went out of order would leave a client showing the older route. Every accepted
/// command advances <see cref="EngineState.Sequence"/> by exactly one, so changes are put back in order by
/// that number (a late one waits here for the one before it, which is already on its way on another thread).
/// <paramref name="onChange"/> runs under this feed's lock, on whichever submitting thread completed the run,
/// and must not block (enqueue and return).
/// </summary>
public sealed class OrderedStateFeed : IDisposable
{
    private readonly object _lock = new();
    private readonly SortedDictionary<long, StateChange> _early = [];
    private readonly Action<StateChange> _onChange;
    private readonly IDisposable _subscription;
    private long _next;
    private bool _disposed;

    /// <param name="bus">The bus to follow.</param>
    /// <param name="onChange">Called with each change after <see cref="Start"/>, in sequence order.</param>
    public OrderedStateFeed(ControlBus bus, Action<StateChange> onChange)
    {
        _onChange = onChange;
        lock (_lock)
        {
            // Subscribe before reading the snapshot: any change not in the snapshot is published after we listen.
            // Changes arriving meanwhile wait on the lock until the snapshot and _next are set.
            _subscription = bus.Subscribe(Receive);
            Start = bus.State;
            _next = Start.Sequence + 1;
        }
    }

    /// <summary>The state the feed starts from; the first change delivered follows it directly.</summary>
    public EngineState Start { get; }

    private void Receive(StateChange change)
    {
        lock (_lock)
        {
            if (_disposed) return;
            long sequence = change.After.Sequence;
            if (sequence < _next) return; // already in the snapshot
            if (sequence > _next)
            {
                _early[sequence] = change;
                return;
            }
            Deliver(change);
            while (_early.Remove(_next, out var waiting))
            {
                Deliver(waiting);
            }
        }
    }

    private void Deliver(StateChange change)
    {
        _next = change.After.Sequence + 1;
        try
        {
            _onChange(change);
        }
        catch (Exception)
        {
            // The consumer's failure is its own; the feed keeps its order for the next change.
        }
    }

    public void Dispose()
    {
        lock (_lock) _disposed = true;
        _subscription.Dispose();
    }
}
