using System.Diagnostics;
using LiveGrade.Color.Ops;
using LiveGrade.Core.Video;
using LiveGrade.Core.Video.Packing;
using LiveGrade.Gpu.Context;
using LiveGrade.Gpu.Formats;
using LiveGrade.Gpu.Processing;
using Silk.NET.OpenGL;
using PixelFormat = LiveGrade.Core.Video.PixelFormat;

namespace LiveGrade.Gpu.Streaming;

/// <summary>
/// The GPU path of one stream: packed frame -> upload -> unpack -> look -> pack -> readback -> packed frame
/// from a <see cref="FramePool"/>, pipelined <see cref="Depth"/> frames deep.
///
/// Buffers (all made once; nothing is allocated in GL or managed memory per frame):
/// an upload ring of <see cref="Depth"/> slots in one persistently mapped, coherent buffer (the CPU copies
/// frame N into slot N mod Depth); one device buffer the unpack shader reads (filled from the slot by a GPU
/// copy, the PBO transfer); one RGBA32F texture; one device buffer the pack shader writes; a readback ring
/// of <see cref="Depth"/> slots in a persistently mapped buffer (filled by a GPU copy) and one fence per slot.
///
/// Flow of <see cref="Submit"/> for frame N: copy N into its upload slot, record the GPU work and a fence,
/// then complete frame N - (Depth - 1): wait on its fence (already signalled in steady state: the GPU has
/// had Depth - 1 frame times), copy its readback slot into a pooled frame and return it. So with the
/// default depth of 3 the readback of frame N is mapped when frame N + 2 is submitted, and the CPU never
/// waits on the GPU in steady state. Slot N mod Depth is free again by then, because frame N - Depth was
/// completed one call earlier. <see cref="Drain"/> completes the frames still in flight at the end.
///
/// Threading: every call runs on the context's GL thread. Called there (e.g. from the GL thread's frame
/// loop or inside <see cref="IGlContext.Invoke{T}"/>), <see cref="Submit"/> allocates nothing; called from
/// another thread it dispatches through Invoke, which allocates a small closure per call.
/// </summary>
public sealed class GpuFramePipeline : IDisposable
{
    private const int Stamps = 6;

    private readonly IGlContext _context;
    private readonly GL _gl;
    private readonly FramePool _outputPool;
    private readonly FrameUnpackPass _unpack;
    private readonly FramePackPass _pack;
    private readonly GpuLookProcessor _look;
    private readonly int _inBytes, _outBytes, _inSlot, _outSlot;
    private readonly uint _uploadRing, _inDevice, _texture, _outDevice, _readbackRing;
    private readonly nint _uploadMap, _readbackMap;
    private readonly nint[] _fences;
    private readonly uint[] _queries;
    private readonly bool _timers;
    private readonly SlotInfo[] _slots;
    private long _submitted, _completed;
    private GpuFrameTimings _total;
    private int _timedFrames;

    private struct SlotInfo
    {
        public long Sequence, CaptureTimestamp;
        public Timecode? Timecode;
        public FrameFlags Flags;
        public double UploadCopyMs;
    }

    /// <param name="input">Mode of the frames given to <see cref="Submit"/>.</param>
    /// <param name="outputPool">Where output frames come from; its mode is the output mode (same size as the input).</param>
    /// <param name="outputMatrix">YCbCr matrix and range of the output (4:2:2 and integer RGB layouts).</param>
    public GpuFramePipeline(IGlContext context, VideoMode input, FramePool outputPool, OpList look, int depth = 3,
        YCbCrMatrix outputMatrix = YCbCrMatrix.Rec709, SignalRange outputRange = SignalRange.Narrow,
        ChromaFilter chromaFilter = ChromaFilter.Cosited)
    {
        if (depth < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(depth), depth, "the pipeline needs at least two frames in flight");
        }
        var output = outputPool.Mode;
        if (output.Width != input.Width || output.Height != input.Height)
        {
            throw new ArgumentException($"output {output} must have the input's size ({input})");
        }
        _context = context;
        _outputPool = outputPool;
        InputMode = input;
        OutputMode = output;
        Depth = depth;
        OutputMatrix = outputMatrix;
        OutputRange = outputRange;
        ChromaFilter = chromaFilter;
        _inBytes = input.FrameBytes;
        _outBytes = output.FrameBytes;
        _fences = new nint[depth];
        _slots = new SlotInfo[depth];
        _queries = new uint[depth * Stamps];
        _look = new GpuLookProcessor(context, look);
        (_gl, _unpack, _pack, _inSlot, _outSlot, _uploadRing, _inDevice, _texture, _outDevice, _readbackRing, _uploadMap, _readbackMap, _timers) =
            context.Invoke(gl => Create(gl));
    }

    private unsafe (GL, FrameUnpackPass, FramePackPass, int, int, uint, uint, uint, uint, uint, nint, nint, bool) Create(GL gl)
    {
        var unpack = new FrameUnpackPass(gl, InputMode.Format);
        var pack = new FramePackPass(gl, OutputMode.Format);
        gl.GetInteger(GetPName.ShaderStorageBufferOffsetAlignment, out int align);
        align = Math.Max(align, 256);
        int inSlot = (_inBytes + align - 1) / align * align, outSlot = (_outBytes + align - 1) / align * align;
        var write = BufferStorageMask.MapWriteBit | BufferStorageMask.MapPersistentBit | BufferStorageMask.MapCoherentBit;
        var read = BufferStorageMask.MapReadBit | BufferStorageMask.MapPersistentBit | BufferStorageMask.MapCoherentBit
            | BufferStorageMask.ClientStorageBit;
        gl.CreateBuffers(1, out uint uploadRing);
        gl.NamedBufferStorage(uploadRing, (nuint)((long)inSlot * Depth), null, write);
        nint uploadMap = (nint)gl.MapNamedBufferRange(uploadRing, 0, (nuint)((long)inSlot * Depth),
            MapBufferAccessMask.WriteBit | MapBufferAccessMask.PersistentBit | MapBufferAccessMask.CoherentBit);
        gl.CreateBuffers(1, out uint inDevice);
        gl.NamedBufferStorage(inDevice, (nuint)inSlot, null, BufferStorageMask.None);
        gl.CreateTextures(TextureTarget.Texture2D, 1, out uint texture);
        gl.TextureStorage2D(texture, 1, SizedInternalFormat.Rgba32f, (uint)InputMode.Width, (uint)InputMode.Height);
        gl.CreateBuffers(1, out uint outDevice);
        gl.NamedBufferStorage(outDevice, (nuint)outSlot, null, BufferStorageMask.None);
        gl.CreateBuffers(1, out uint readbackRing);
        gl.NamedBufferStorage(readbackRing, (nuint)((long)outSlot * Depth), null, read);
        nint readbackMap = (nint)gl.MapNamedBufferRange(readbackRing, 0, (nuint)((long)outSlot * Depth),
            MapBufferAccessMask.ReadBit | MapBufferAccessMask.PersistentBit | MapBufferAccessMask.CoherentBit);
        if (uploadMap == 0 || readbackMap == 0)
        {
            throw new InvalidOperationException($"could not map the staging buffers persistently (GL error {gl.GetError()})");
        }
        gl.GetQuery(GLEnum.Timestamp, GLEnum.QueryCounterBits, out int bits);
        bool timers = bits > 0;
        if (timers)
        {
            gl.GenQueries((uint)_queries.Length, _queries);
        }
        var err = gl.GetError();
        if (err != GLEnum.NoError)
        {
            throw new InvalidOperationException($"GL error {err} creating the frame pipeline");
        }
        return (gl, unpack, pack, inSlot, outSlot, uploadRing, inDevice, texture, outDevice, readbackRing, uploadMap, readbackMap, timers);
    }

    public VideoMode InputMode { get; }
    public VideoMode OutputMode { get; }
    public int Depth { get; }
    public YCbCrMatrix OutputMatrix { get; }
    public SignalRange OutputRange { get; }
    public ChromaFilter ChromaFilter { get; }

    /// <summary>The look processor (call its Update to change CDL values: uniforms only).</summary>
    public GpuLookProcessor Look => _look;

    /// <summary>Frames completed with no free output frame in the pool (dropped, counted).</summary>
    public long Dropped { get; private set; }

    /// <summary>Times a completion found its fence not yet signalled and the CPU had to wait.</summary>
    public long Stalls { get; private set; }

    /// <summary>Whether GPU stage times come from timer queries.</summary>
    public bool HasGpuTimers => _timers;

    /// <summary>Timings of the last completed frame.</summary>
    public GpuFrameTimings Last { get; private set; }

    /// <summary>Mean timings over the frames completed since <see cref="ResetTimings"/>.</summary>
    public GpuFrameTimings Mean => _timedFrames == 0 ? default : _total.Divide(_timedFrames);

    public void ResetTimings()
    {
        _total = default;
        _timedFrames = 0;
        Stalls = 0;
    }

    /// <summary>
    /// Submits <paramref name="input"/> (the caller keeps its reference; the bytes are copied before return)
    /// and returns the finished output of frame N - (Depth - 1), or null while the pipeline fills or when the
    /// output pool had no free frame (<see cref="Dropped"/>). The caller owns the returned frame's reference.
    /// </summary>
    public VideoFrame? Submit(VideoFrame input) =>
        _context.IsCurrentThread ? SubmitOnGlThread(input) : SubmitThroughInvoke(input);

    // Separate so that the closure capturing the frame is only allocated on this path, not on every call.
    private VideoFrame? SubmitThroughInvoke(VideoFrame input) => _context.Invoke(_ => SubmitOnGlThread(input));

    /// <summary>Completes the frames still in flight, oldest first, into <paramref name="finished"/>.</summary>
    public void Drain(List<VideoFrame> finished)
    {
        if (!_context.IsCurrentThread)
        {
            _context.Invoke(_ => Drain(finished));
            return;
        }
        while (_completed < _submitted)
        {
            if (Complete() is { } f)
            {
                finished.Add(f);
            }
        }
    }

    private unsafe VideoFrame? SubmitOnGlThread(VideoFrame input)
    {
        if (input.Mode != InputMode)
        {
            throw new ArgumentException($"frame is {input.Mode}, the pipeline expects {InputMode}");
        }
        var gl = _gl;
        int slot = (int)(_submitted % Depth);
        if (_submitted - _completed >= Depth)
        {
            Complete(); // only when the caller submits faster than it lets frames complete (never with Submit's own order)
        }
        long t0 = Stopwatch.GetTimestamp();
        int rowBytes = input.RowBytes;
        var src = input.Data;
        var dst = new Span<byte>((byte*)_uploadMap + (long)slot * _inSlot, _inBytes);
        if (rowBytes == InputMode.RowBytes)
        {
            src.Slice(0, _inBytes).CopyTo(dst);
        }
        else
        {
            for (int y = 0; y < InputMode.Height; y++)
            {
                src.Slice(y * rowBytes, InputMode.RowBytes).CopyTo(dst.Slice(y * InputMode.RowBytes));
            }
        }
        _slots[slot] = new SlotInfo
        {
            Sequence = input.Sequence,
            CaptureTimestamp = input.CaptureTimestamp,
            Timecode = input.Timecode,
            Flags = input.Flags,
            UploadCopyMs = Stopwatch.GetElapsedTime(t0).TotalMilliseconds,
        };

        Stamp(slot, 0);
        gl.CopyNamedBufferSubData(_uploadRing, _inDevice, (nint)slot * _inSlot, 0, (nuint)_inBytes);
        gl.MemoryBarrier(MemoryBarrierMask.ShaderStorageBarrierBit);
        Stamp(slot, 1);
        _unpack.Dispatch(gl, _inDevice, 0, InputMode.RowBytes, InputMode.Width, InputMode.Height, input.Matrix, input.Range, _texture);
        Stamp(slot, 2);
        _look.Dispatch(gl, _texture, InputMode.Width, InputMode.Height);
        Stamp(slot, 3);
        _pack.Dispatch(gl, _texture, OutputMode.Width, OutputMode.Height, OutputMatrix, OutputRange, ChromaFilter, _outDevice, 0, OutputMode.RowBytes);
        Stamp(slot, 4);
        gl.CopyNamedBufferSubData(_outDevice, _readbackRing, 0, (nint)slot * _outSlot, (nuint)_outBytes);
        Stamp(slot, 5);
        gl.MemoryBarrier(MemoryBarrierMask.ClientMappedBufferBarrierBit);
        _fences[slot] = gl.FenceSync(SyncCondition.SyncGpuCommandsComplete, SyncBehaviorFlags.None);
        gl.Flush();
        _submitted++;
        return _submitted - _completed >= Depth ? Complete() : null;
    }

    private void Stamp(int slot, int stage)
    {
        if (_timers)
        {
            _gl.QueryCounter(_queries[slot * Stamps + stage], QueryCounterTarget.Timestamp);
        }
    }

    private unsafe VideoFrame? Complete()
    {
        var gl = _gl;
        int slot = (int)(_completed % Depth);
        nint fence = _fences[slot];
        var status = gl.ClientWaitSync(fence, SyncObjectMask.Bit, 0);
        if (status == GLEnum.TimeoutExpired)
        {
            Stalls++;
            status = gl.ClientWaitSync(fence, SyncObjectMask.Bit, 5_000_000_000);
        }
        gl.DeleteSync(fence);
        _fences[slot] = 0;
        _completed++;
        if (status is not (GLEnum.AlreadySignaled or GLEnum.ConditionSatisfied))
        {
            throw new InvalidOperationException($"GPU frame did not complete ({status})");
        }

        var t = new GpuFrameTimings { UploadCopyMs = _slots[slot].UploadCopyMs };
        if (_timers)
        {
            Span<ulong> ns = stackalloc ulong[Stamps];
            for (int i = 0; i < Stamps; i++)
            {
                gl.GetQueryObject(_queries[slot * Stamps + i], QueryObjectParameterName.Result, out ulong v);
                ns[i] = v;
            }
            t.UploadTransferMs = (ns[1] - ns[0]) / 1e6;
            t.UnpackMs = (ns[2] - ns[1]) / 1e6;
            t.GradeMs = (ns[3] - ns[2]) / 1e6;
            t.PackMs = (ns[4] - ns[3]) / 1e6;
            t.ReadbackTransferMs = (ns[5] - ns[4]) / 1e6;
        }
        else
        {
            t.UploadTransferMs = t.UnpackMs = t.GradeMs = t.PackMs = t.ReadbackTransferMs = double.NaN;
        }

        var frame = _outputPool.TryRent();
        if (frame is null)
        {
            Dropped++;
            Last = t;
            return null;
        }
        long c0 = Stopwatch.GetTimestamp();
        var src = new ReadOnlySpan<byte>((byte*)_readbackMap + (long)slot * _outSlot, _outBytes);
        int rowBytes = frame.RowBytes;
        if (rowBytes == OutputMode.RowBytes)
        {
            src.CopyTo(frame.Data);
        }
        else
        {
            for (int y = 0; y < OutputMode.Height; y++)
            {
                src.Slice(y * OutputMode.RowBytes, OutputMode.RowBytes).CopyTo(frame.Data.Slice(y * rowBytes));
            }
        }
        t.ReadbackCopyMs = Stopwatch.GetElapsedTime(c0).TotalMilliseconds;
        ref var info = ref _slots[slot];
        frame.Sequence = info.Sequence;
        frame.CaptureTimestamp = info.CaptureTimestamp;
        frame.Timecode = info.Timecode;
        frame.Flags = info.Flags;
        frame.Matrix = OutputMatrix;
        frame.Range = OutputRange;
        info.Timecode = null;
        Last = t;
        _total.Add(t);
        _timedFrames++;
        return frame;
    }

    public void Dispose()
    {
        _context.Invoke(gl =>
        {
            foreach (var f in _fences.Where(f => f != 0))
            {
                gl.DeleteSync(f);
            }
            gl.UnmapNamedBuffer(_uploadRing);
            gl.UnmapNamedBuffer(_readbackRing);
            foreach (var b in new[] { _uploadRing, _inDevice, _outDevice, _readbackRing })
            {
                gl.DeleteBuffer(b);
            }
            gl.DeleteTexture(_texture);
            if (_timers)
            {
                gl.DeleteQueries((uint)_queries.Length, _queries);
            }
            _unpack.Delete(gl);
            _pack.Delete(gl);
        });
        _look.Dispose();
    }
}
