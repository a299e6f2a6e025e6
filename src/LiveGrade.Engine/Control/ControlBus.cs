namespace LiveGrade.Engine.Control;

/// <summary>What came of a submitted command: accepted (with its journal sequence) or refused, with one line why.</summary>
public readonly record struct CommandResult(bool Accepted, long Sequence, string? Error)
{
    public static CommandResult Refused(string error) => new(false, 0, error);
}

/// <summary>An accepted change, as subscribers (Videohub clients, API sockets, the panel) receive it.</summary>
public sealed record StateChange(long Sequence, string Author, ControlCommand Command, EngineState Before, EngineState After);

/// <summary>
/// The one way to change the engine: the panel, the Videohub server, the network API and show start-up
/// all <see cref="Submit"/> commands here. Each accepted command is journalled durably, then becomes the
/// new <see cref="State"/> (one atomic reference swap: render threads see it at their next frame
/// boundary, never half-applied), then subscribers are told, outside the lock and each in a try/catch so
/// one broken client cannot stop the others. Thread-safe; commands are serialised.
/// </summary>
public sealed class ControlBus : IDisposable
{
    private readonly object _lock = new();
    private readonly Journal? _journal;
    private readonly List<Action<StateChange>> _subscribers = [];
    private EngineState _state;
    private long _journalSequence;

    /// <param name="initial">The show's starting state.</param>
    /// <param name="journal">Where commands are made durable (null: in memory only, for tests and benchmarks).</param>
    /// <param name="warn">Receives one-line warnings from replay.</param>
    public ControlBus(EngineState initial, Journal? journal, Action<string>? warn = null)
    {
        _state = initial;
        _journal = journal;
        if (journal is null) return;
        foreach (var entry in journal.ReadAll(warn))
        {
            var next = StateTransitions.Apply(_state, entry.Command, entry.Author, out var refusal);
            if (next is null)
            {
                warn?.Invoke($"journal entry {entry.Sequence} no longer applies to this show: {refusal}");
            }
            else
            {
                _state = next;
            }
            _journalSequence = entry.Sequence;
            Replayed++;
        }
        // Entries skipped as unreadable still hold their sequence numbers; continue after all of them.
        _journalSequence = Math.Max(_journalSequence, journal.LastSequence());
    }

    /// <summary>The current state. Read it once per frame and use that value for the whole frame.</summary>
    public EngineState State => Volatile.Read(ref _state);

    /// <summary>Commands read back from the journal at start.</summary>
    public int Replayed { get; }

    /// <summary>Adds a listener; it is called on the submitting thread after each accepted command and must not block.</summary>
    public IDisposable Subscribe(Action<StateChange> listener)
    {
        lock (_subscribers) _subscribers.Add(listener);
        return new Unsubscriber(this, listener);
    }

    /// <summary>Validates, journals, applies, then notifies. Never throws for bad commands or a failing disk.</summary>
    public CommandResult Submit(ControlCommand command, string author)
    {
        StateChange change;
        lock (_lock)
        {
            var before = _state;
            var after = StateTransitions.Apply(before, command, author, out var refusal);
            if (after is null) return CommandResult.Refused(refusal ?? "refused");
            var sequence = _journalSequence + 1;
            try
            {
                _journal?.Append(new JournalEntry(sequence, DateTimeOffset.UtcNow, author, command));
            }
            catch (JournalException e)
            {
                // Not durable, so not applied: the client hears why and the picture does not change.
                return CommandResult.Refused(e.Message);
            }
            _journalSequence = sequence;
            Volatile.Write(ref _state, after);
            change = new StateChange(sequence, author, command, before, after);
        }
        Action<StateChange>[] listeners;
        lock (_subscribers) listeners = [.. _subscribers];
        foreach (var listener in listeners)
        {
            try
            {
                listener(change);
            }
            catch (Exception)
            {
                // A listener's failure is its own (it logs); the command stands.
            }
        }
        return new CommandResult(true, change.Sequence, null);
    }

    public void Dispose() => _journal?.Dispose();

    private sealed class Unsubscriber(ControlBus bus, Action<StateChange> listener) : IDisposable
    {
        public void Dispose()
        {
            lock (bus._subscribers) bus._subscribers.Remove(listener);
        }
    }
}
