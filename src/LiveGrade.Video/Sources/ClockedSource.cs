using System.Diagnostics;
using LiveGrade.Core.Video;

namespace LiveGrade.Video.Sources;

/// <summary>
/// Base of the sources that make their own pictures (test patterns, the synthetic camera, files): one
/// named thread renders frame n into a pooled frame and publishes it at start + n frame periods, timed
/// from <see cref="Stopwatch"/> against absolute deadlines so that the cadence never drifts. A frame that
/// cannot be made in its slot (pool exhausted, render too slow) is counted dropped and the clock moves on,
/// as a camera would. Timecode runs from the time of day at start (free-run, as cameras usually do).
/// </summary>
public abstract class ClockedSource : IVideoSource
{
    protected const int PoolFrames = 6; // queue (3) + one being rendered + two held by consumers
    private readonly object _gate = new();
    private Thread? _thread;
    private volatile bool _running;
    private volatile bool _signalLost;
    private volatile SourceState _state = SourceState.Stopped;
    private FramePool? _pool; // made on first use: a source that overrides Produce never needs it

    protected ClockedSource(string name, VideoMode mode)
    {
        Name = name;
        Mode = mode;
        Frames = new FrameQueue(3, Counters);
    }

    public string Name { get; }
    public VideoMode Mode { get; }
    public SourceState State => _state;
    public string? LastError { get; private set; }

    /// <summary>Records a problem that did not stop the source (a bad file in a sequence), as one line.</summary>
    protected void SetError(string oneLine) => LastError = oneLine;
    public FrameCounters Counters { get; } = new();
    public FrameQueue Frames { get; }

    /// <summary>Timecode of frame 0; set before <see cref="Start"/> (default: time of day at start).</summary>
    public Timecode? StartTimecode { get; set; }

    /// <summary>
    /// Stops publishing while true, as a pulled cable would (the thread keeps its clock), so that the
    /// engine's no-signal handling can be tested and demonstrated without hardware.
    /// </summary>
    public bool SignalLost
    {
        get => _signalLost;
        set => _signalLost = value;
    }

    public void Start()
    {
        lock (_gate)
        {
            if (_running) return;
            _running = true;
            _state = SourceState.Starting;
            _thread = new Thread(Run) { Name = $"lg-src-{Name}", IsBackground = true, Priority = ThreadPriority.AboveNormal };
            _thread.Start();
        }
    }

    public void Stop()
    {
        Thread? t;
        lock (_gate)
        {
            _running = false;
            t = _thread;
            _thread = null;
        }
        t?.Join(TimeSpan.FromSeconds(2));
        _state = SourceState.Stopped;
        OnStopped();
    }

    /// <summary>Releases what the source holds between runs (child processes, files); called after the thread ended.</summary>
    protected virtual void OnStopped()
    {
    }

    public void Dispose()
    {
        Stop();
        Frames.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// Fills <paramref name="frame"/> (already sized to <see cref="Mode"/>) with picture <paramref name="index"/>.
    /// Called on the source's thread only. <paramref name="fresh"/> is false when this pool frame already
    /// holds an earlier picture of this source, so static patterns can skip rendering.
    /// </summary>
    protected abstract void Render(VideoFrame frame, long index, bool fresh);

    /// <summary>
    /// Makes picture <paramref name="index"/> as a frame with one reference, or null when no frame is free
    /// (counted dropped). By default: a pooled frame filled by <see cref="Render"/>; a source whose pictures
    /// already exist in memory may hand out frames that point at them instead (no copy).
    /// Called on the source's thread only.
    /// </summary>
    protected virtual VideoFrame? Produce(long index)
    {
        _pool ??= new FramePool(Mode, PoolFrames);
        var frame = _pool.TryRent();
        if (frame is null) return null;
        Render(frame, index, _rendered.Add(frame));
        return frame;
    }

    private readonly HashSet<VideoFrame> _rendered = new(ReferenceEqualityComparer.Instance);

    private void Run()
    {
        var rate = Mode.Rate;
        var drop = rate.SupportsDropFrame;
        var startTc = StartTimecode ?? Timecode.FromFrameCount(rate.FrameAt(DateTime.Now.TimeOfDay), rate, drop);
        var start = Stopwatch.GetTimestamp();
        long index = 0;
        try
        {
            while (_running)
            {
                var due = start + (long)(rate.TimeOfFrame(index).Ticks * (Stopwatch.Frequency / (double)TimeSpan.TicksPerSecond));
                WaitUntil(due);
                if (!_running) break;

                // Behind by more than a frame (machine stalled): skip the slots that passed, count them.
                var now = Stopwatch.GetTimestamp();
                var slotTicks = (long)(rate.FrameDuration.Ticks * (Stopwatch.Frequency / (double)TimeSpan.TicksPerSecond));
                if (now - due > slotTicks)
                {
                    var missed = (now - due) / slotTicks;
                    Counters.CountDropped(missed);
                    index += missed;
                    continue;
                }

                if (_signalLost)
                {
                    index++;
                    continue;
                }

                var frame = Produce(index);
                if (frame is null)
                {
                    Counters.CountDropped();
                    index++;
                    continue;
                }
                frame.Timecode = startTc.Add(index, rate);
                frame.Sequence = index;
                frame.CaptureTimestamp = Stopwatch.GetTimestamp();
                Counters.CountReceived();
                Frames.Add(frame);
                _state = SourceState.Live;
                index++;
            }
        }
        catch (Exception e)
        {
            // A source must never take the process down: report and stop delivering.
            LastError = $"{Name}: {e.Message.ReplaceLineEndings(" ")}";
            _state = SourceState.Failed;
            _running = false;
        }
    }

    /// <summary>
    /// Sleeps until the deadline. Sleeping (not spinning) costs up to a millisecond of jitter, which no
    /// consumer notices (outputs run on their own clocks) and leaves the CPU to the renderers.
    /// </summary>
    private void WaitUntil(long due)
    {
        while (_running)
        {
            var left = due - Stopwatch.GetTimestamp();
            if (left <= 0) return;
            Thread.Sleep(Math.Max(1, (int)Math.Ceiling(left * 1000.0 / Stopwatch.Frequency)));
        }
    }
}
