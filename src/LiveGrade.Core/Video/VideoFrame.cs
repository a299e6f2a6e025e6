using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace LiveGrade.Core.Video;

/// <summary>Where a frame goes back to when its last reference is released (a pool, or a driver).</summary>
public interface IFrameOwner
{
    /// <summary>Called once, on the thread that released the last reference. Must not throw or block.</summary>
    void Return(VideoFrame frame);
}

/// <summary>
/// One picture in memory plus what is known about it. Frames are reference counted and reused: a source
/// rents one from a <see cref="FramePool"/> (or wraps driver memory), fills it, and hands it on; every
/// holder calls <see cref="AddRef"/> to keep it and <see cref="Release"/> when done; the last release
/// returns it to its owner. Nothing is allocated per frame in steady state.
/// <para>Pixel memory is either a pinned managed array (pool frames: safe to pass to GL and native code
/// by pointer while referenced) or external native memory (driver frames, zero copy).</para>
/// <para>Threading: metadata is written by the producer before the frame is published (the queue hand-off
/// is the memory barrier); afterwards holders only read it. The reference count is atomic.</para>
/// </summary>
public sealed class VideoFrame
{
    private readonly byte[]? _pinned;
    private readonly int _offset; // where the pixels start in _pinned: the first 64-byte boundary (a cache line, a 512-bit vector)
    private readonly IFrameOwner _owner;
    private nint _external;
    private int _externalLength;
    private int _references;

    /// <summary>A frame backed by a pinned managed buffer of <see cref="VideoMode.FrameBytes"/>.</summary>
    public VideoFrame(VideoMode mode, IFrameOwner owner)
    {
        Mode = mode;
        _owner = owner;
        _pinned = GC.AllocateUninitializedArray<byte>(mode.FrameBytes + Alignment - 1, pinned: true);
        unsafe
        {
            _offset = (int)(-(nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_pinned)) & (Alignment - 1));
        }
    }

    /// <summary>
    /// Pool frames' pixels start on a 64-byte boundary: whole cache lines, and the aligned stores that streaming
    /// (non-temporal) writes of a frame need. The pinned heap only promises 8.
    /// </summary>
    public const int Alignment = 64;

    /// <summary>A frame shell whose memory is attached per use with <see cref="AttachExternal"/> (driver buffers).</summary>
    public VideoFrame(IFrameOwner owner)
    {
        _owner = owner;
    }

    public VideoMode Mode { get; private set; }
    public int Width => Mode.Width;
    public int Height => Mode.Height;
    public PixelFormat Format => Mode.Format;

    /// <summary>Bytes from one row to the next; may exceed the format's minimum when a driver pads rows.</summary>
    public int RowBytes { get; private set; }

    /// <summary>Stopwatch timestamp (<see cref="Stopwatch.GetTimestamp"/>) of the moment the frame arrived in the process.</summary>
    public long CaptureTimestamp { get; set; }

    /// <summary>Source timecode (RP188, ST 2110 or generated), when the source has one.</summary>
    public Timecode? Timecode { get; set; }

    /// <summary>Frame number within the source, counting from 0 at start; gaps mean dropped frames.</summary>
    public long Sequence { get; set; }

    public FrameFlags Flags { get; set; }
    public YCbCrMatrix Matrix { get; set; } = YCbCrMatrix.Rec709;
    public SignalRange Range { get; set; } = SignalRange.Narrow;

    /// <summary>A value the owner may use to find its native object again (e.g. a driver frame handle).</summary>
    public nint OwnerToken { get; private set; }

    /// <summary>Current number of holders (0 when the frame sits in its pool).</summary>
    public int References => Volatile.Read(ref _references);

    /// <summary>The pixels. Valid while the caller holds a reference.</summary>
    public unsafe Span<byte> Data => _pinned is not null
        ? _pinned.AsSpan(_offset, RowBytes * Height)
        : new Span<byte>((void*)_external, _externalLength);

    /// <summary>Address of the pixels (stable: pool buffers are pinned). Valid while the caller holds a reference.</summary>
    public unsafe nint Pointer => _pinned is not null
        ? (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_pinned)) + _offset
        : _external;

    /// <summary>One row's bytes.</summary>
    public Span<byte> Row(int y) => Data.Slice(y * RowBytes, RowBytes);

    /// <summary>Called by the owner when handing the frame out: sets one reference and clears per-frame metadata.</summary>
    public void Reset(long sequence)
    {
        if (Interlocked.CompareExchange(ref _references, 1, 0) != 0)
        {
            throw new InvalidOperationException("frame handed out while still referenced");
        }
        if (_pinned is not null)
        {
            RowBytes = Mode.RowBytes;
        }
        Sequence = sequence;
        CaptureTimestamp = Stopwatch.GetTimestamp();
        Timecode = null;
        Flags = FrameFlags.None;
        Matrix = YCbCrMatrix.Rec709;
        Range = SignalRange.Narrow;
    }

    /// <summary>Points a shell frame at external memory (a driver's buffer); call before <see cref="Reset"/>.</summary>
    public void AttachExternal(VideoMode mode, nint pointer, int rowBytes, nint ownerToken)
    {
        if (_pinned is not null)
        {
            throw new InvalidOperationException("pool frames own their memory");
        }
        if (rowBytes < mode.RowBytes)
        {
            throw new ArgumentOutOfRangeException(nameof(rowBytes), rowBytes, $"{mode} needs at least {mode.RowBytes} bytes a row");
        }
        Mode = mode;
        RowBytes = rowBytes;
        _external = pointer;
        _externalLength = checked(rowBytes * mode.Height);
        OwnerToken = ownerToken;
    }

    /// <summary>Takes another reference; throws if the frame was already returned (a use-after-release bug).</summary>
    public VideoFrame AddRef()
    {
        var now = Interlocked.Increment(ref _references);
        if (now <= 1)
        {
            Interlocked.Decrement(ref _references);
            throw new InvalidOperationException("AddRef on a released frame");
        }
        return this;
    }

    /// <summary>Drops one reference; the last one returns the frame to its owner.</summary>
    public void Release()
    {
        var now = Interlocked.Decrement(ref _references);
        if (now == 0)
        {
            if (_pinned is null)
            {
                _external = 0;
                _externalLength = 0;
            }
            _owner.Return(this);
        }
        else if (now < 0)
        {
            Interlocked.Increment(ref _references);
            throw new InvalidOperationException("frame released more often than referenced");
        }
    }
}
