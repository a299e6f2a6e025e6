using System.Diagnostics;
using LiveGrade.Engine.Control;

namespace LiveGrade.App.Panel;

/// <summary>
/// Hands the panel's commands to the control bus on a thread of its own ("lg-panel-submit"), so that the
/// journal's durable write (an fsync per command) never stalls a panel frame. Order is kept; while a drag is
/// still waiting, a newer value of the same gesture replaces the waiting one (the picture follows the hand at
/// the speed the journal allows, and the undo step is one either way). Every command is submitted with the
/// author "panel". Refusals are kept as one line for the status bar.
/// </summary>
public sealed class PanelCommandQueue : IDisposable
{
    public const string Author = "panel";

    /// <summary>Commands waiting beyond this mean the journal is stuck; further ones are refused at once.</summary>
    public const int Capacity = 256;

    private readonly ControlBus _bus;
    private readonly LinkedList<ControlCommand> _queue = new();
    private readonly object _lock = new();
    private readonly Thread _thread;
    private bool _running = true;
    private bool _busy;
    private string? _lastRefusal;

    public PanelCommandQueue(ControlBus bus)
    {
        _bus = bus;
        _thread = new Thread(Run) { Name = "lg-panel-submit", IsBackground = true };
        _thread.Start();
    }

    /// <summary>Commands accepted and refused by the bus so far.</summary>
    public long Accepted { get; private set; }

    public long Refused { get; private set; }

    /// <summary>The last refusal, one line (e.g. "output 'DIT' is locked by videohub"), or null.</summary>
    public string? LastRefusal
    {
        get
        {
            lock (_lock) return _lastRefusal;
        }
    }

    /// <summary>Commands waiting or being submitted.</summary>
    public int Pending
    {
        get
        {
            lock (_lock) return _queue.Count + (_busy ? 1 : 0);
        }
    }

    /// <summary>Queues a command; false (and a refusal line) when the queue is full.</summary>
    public bool Enqueue(ControlCommand command)
    {
        lock (_lock)
        {
            if (command is SetCdl cdl && cdl.Gesture is not null && _queue.Last?.Value is SetCdl waiting
                && waiting.Gesture == cdl.Gesture && string.Equals(waiting.Camera, cdl.Camera, StringComparison.OrdinalIgnoreCase))
            {
                _queue.Last.Value = command;
                return true;
            }
            if (_queue.Count >= Capacity)
            {
                _lastRefusal = $"{Capacity} commands are waiting for the journal; this one was dropped";
                Refused++;
                return false;
            }
            _queue.AddLast(command);
            Monitor.PulseAll(_lock); // the submit thread, and any Flush waiting on the same lock
            return true;
        }
    }

    /// <summary>Waits until every queued command has been submitted (tests, shutdown). False on timeout.</summary>
    public bool Flush(TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        lock (_lock)
        {
            while (_queue.Count > 0 || _busy)
            {
                var left = deadline - Stopwatch.GetTimestamp();
                if (left <= 0) return false;
                Monitor.Wait(_lock, TimeSpan.FromSeconds(left / (double)Stopwatch.Frequency));
            }
            return true;
        }
    }

    private void Run()
    {
        while (true)
        {
            ControlCommand command;
            lock (_lock)
            {
                while (_queue.Count == 0 && _running) Monitor.Wait(_lock);
                if (_queue.Count == 0) return;
                command = _queue.First!.Value;
                _queue.RemoveFirst();
                _busy = true;
            }
            var result = _bus.Submit(command, Author);
            lock (_lock)
            {
                _busy = false;
                if (result.Accepted)
                {
                    Accepted++;
                }
                else
                {
                    Refused++;
                    _lastRefusal = result.Error;
                }
                Monitor.PulseAll(_lock);
            }
        }
    }

    /// <summary>Submits what is still waiting (up to 2 s), then stops the thread.</summary>
    public void Dispose()
    {
        Flush(TimeSpan.FromSeconds(2));
        lock (_lock)
        {
            _running = false;
            Monitor.PulseAll(_lock);
        }
        _thread.Join(TimeSpan.FromSeconds(2));
    }
}
