using System.Diagnostics;
using LiveGrade.Color.Spaces;
using LiveGrade.Core.Video;
using LiveGrade.Core.Video.Packing;
using LiveGrade.Video;

namespace LiveGrade.Engine.Pipeline;

/// <summary>
/// One camera input as the outputs see it: the newest frame of its source (one reference held here), a
/// generation number that outputs wait on, and the no-signal decision. A named pump thread moves frames
/// from the source's queue to <see cref="Acquire"/>; outputs that show this input wake on each new frame,
/// which locks their cadence to the camera's (as genlock would) and keeps latency to the render time.
/// Sources that deliver packed SDI or ST 2110 layouts (v210, 2vuy, r210, R12B, BGRA) are decoded here, once
/// per frame for every output that shows the camera, into a small pool of RGBA float frames; the packed
/// frame goes back to its source (a capture card's buffer) as soon as it is decoded.
/// </summary>
public sealed class InputSlot : IDisposable
{
    private readonly object _lock = new();
    private readonly Thread _pump;
    private volatile bool _running = true;
    private VideoFrame? _current;
    private long _generation;
    private long _lastFrameTimestamp;
    private readonly FrameDecoder _decoder = new();
    private FramePool? _decoded;
    private long _undecodable;

    public InputSlot(int index, string name, IVideoSource source, ColorSpace camera, TimeSpan noSignalTimeout)
    {
        Index = index;
        Name = name;
        Source = source;
        Camera = camera;
        NoSignalTimeout = noSignalTimeout;
        _lastFrameTimestamp = Stopwatch.GetTimestamp();
        _pump = new Thread(Pump) { Name = $"lg-in-{name}", IsBackground = true, Priority = ThreadPriority.AboveNormal };
    }

    public int Index { get; }
    public string Name { get; }
    public IVideoSource Source { get; }

    /// <summary>The camera's encoding (what the input transform decodes).</summary>
    public ColorSpace Camera { get; }

    public TimeSpan NoSignalTimeout { get; }

    /// <summary>Counts frames published to outputs.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>Timecode of the newest frame.</summary>
    public Timecode? LastTimecode { get; private set; }

    public void Start()
    {
        Source.Start();
        _pump.Start();
    }

    /// <summary>True when no frame arrived for <see cref="NoSignalTimeout"/> (or the source failed).</summary>
    public bool IsNoSignal =>
        Source.State is SourceState.Failed
        || Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastFrameTimestamp)) > NoSignalTimeout;

    /// <summary>The newest frame with a reference for the caller (who must release it), or null before the first.</summary>
    public VideoFrame? Acquire()
    {
        lock (_lock) return _current?.AddRef();
    }

    /// <summary>Waits until a frame newer than generation <paramref name="seen"/> arrives or the timeout passes; returns the generation.</summary>
    public long WaitForNewer(long seen, TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        lock (_lock)
        {
            while (_generation == seen && _running)
            {
                var left = deadline - Stopwatch.GetTimestamp();
                if (left <= 0) break;
                Monitor.Wait(_lock, TimeSpan.FromSeconds(left / (double)Stopwatch.Frequency));
            }
            return _generation;
        }
    }

    private void Pump()
    {
        while (_running)
        {
            if (!Source.Frames.WaitForFrame(100)) continue;
            var frame = Source.Frames.TryTakeLatest();
            if (frame is null) continue;
            if (frame.Format != PixelFormat.Rgba32F)
            {
                frame = Decode(frame);
                if (frame is null) continue;
            }
            VideoFrame? old;
            lock (_lock)
            {
                old = _current;
                _current = frame;
                _generation++;
                LastTimecode = frame.Timecode;
                Interlocked.Exchange(ref _lastFrameTimestamp, Stopwatch.GetTimestamp());
                Monitor.PulseAll(_lock);
            }
            old?.Release();
        }
    }

    /// <summary>Why the last undecodable frame could not be decoded (null when every frame could).</summary>
    public string? DecodeError { get; private set; }

    /// <summary>Frames the pump could not decode (unknown layout) or had no free float frame for.</summary>
    public long DecodeDrops => Interlocked.Read(ref _undecodable);

    /// <summary>The packed frame as an RGBA float frame (the packed one released), or null (counted) when it cannot be.</summary>
    private VideoFrame? Decode(VideoFrame packed)
    {
        try
        {
            var mode = new VideoMode(packed.Width, packed.Height, packed.Mode.Rate, PixelFormat.Rgba32F);
            // Outputs hold at most one frame each while they render; 6 covers a full router without waits.
            if (_decoded is null || _decoded.Mode != mode) _decoded = new FramePool(mode, 6);
            var frame = _decoded.TryRent();
            if (frame is null)
            {
                Interlocked.Increment(ref _undecodable);
                return null;
            }
            try
            {
                _decoder.Decode(packed, System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(frame.Data));
            }
            catch (Exception e) when (e is NotSupportedException or ArgumentException)
            {
                frame.Release();
                Interlocked.Increment(ref _undecodable);
                DecodeError = $"cannot decode {PixelFormats.Name(packed.Format)} frames: {e.Message.ReplaceLineEndings(" ")}";
                return null;
            }
            frame.Timecode = packed.Timecode;
            frame.CaptureTimestamp = packed.CaptureTimestamp;
            frame.Flags = packed.Flags;
            return frame;
        }
        finally
        {
            packed.Release();
        }
    }

    public void Dispose()
    {
        _running = false;
        lock (_lock) Monitor.PulseAll(_lock);
        Source.Stop();
        if (_pump.IsAlive) _pump.Join(TimeSpan.FromSeconds(1));
        lock (_lock)
        {
            _current?.Release();
            _current = null;
        }
        Source.Dispose();
    }
}
