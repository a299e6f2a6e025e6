using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using LiveGrade.Color.Charts;
using LiveGrade.Color.Spaces;
using LiveGrade.Core.Video;

namespace LiveGrade.Video.Sources;

/// <summary>
/// A camera without a camera: the built-in chart scene (colour checker with skin tones, grey scale from
/// -10 to +10 stops, exposure ramp, speculars up to 64x diffuse white) in scene-linear light, encoded once
/// in a named camera log space, on a dark wall (the chart's own border grey), and tilted slowly up and down
/// (an 8-second cycle, starting on the chart) so that the picture moves like a camera operator's.
/// <para>Zero copy: the scene is encoded once into one pinned buffer, a frame's height plus the tilt's
/// travel, and every frame is a window onto it (a frame shell pointing at the first row it shows), so a
/// frame costs no pixel work at all. A pan would need a row stride wider than the frame, which the engine's
/// float frames do not carry; a tilt keeps the window's rows contiguous. Frames are read-only, as every
/// input frame is (outputs share them); a consumer writing into one would write into the scene.</para>
/// </summary>
public sealed class SyntheticCameraSource : ClockedSource, IFrameOwner
{
    private const double TiltSeconds = 8.0;
    private const float WallGrey = 0.03f; // scene-linear, as the chart's border between patches

    private readonly float[] _scene; // pinned: frames point into it
    private readonly int _travelRows;
    private readonly ConcurrentQueue<VideoFrame> _shells = new();

    public SyntheticCameraSource(string name, VideoMode mode, ColorSpace cameraSpace)
        : base(name, PatternSource.RequireFloat(mode))
    {
        CameraSpace = cameraSpace;
        _travelRows = mode.Height / 4;
        _scene = RenderScene(mode.Width, mode.Height, _travelRows, cameraSpace);
        for (int i = 0; i < PoolFrames; i++) _shells.Enqueue(new VideoFrame(this));
    }

    /// <summary>The camera encoding the frames carry (what the input transform must decode).</summary>
    public ColorSpace CameraSpace { get; }

    /// <summary>First scene row that frame <paramref name="index"/> shows: the tilt, centred on the chart at frame 0.</summary>
    public int TopRow(long index)
    {
        double seconds = index / Mode.Rate.PerSecond;
        int half = _travelRows / 2;
        return half + (int)Math.Round(half * Math.Sin(2 * Math.PI * seconds / TiltSeconds));
    }

    protected override unsafe VideoFrame? Produce(long index)
    {
        if (!_shells.TryDequeue(out var frame)) return null;
        int rowBytes = Mode.RowBytes;
        nint top = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_scene)) + (nint)TopRow(index) * rowBytes;
        frame.AttachExternal(Mode, top, rowBytes, 0);
        frame.Reset(index);
        frame.Range = SignalRange.Full;
        return frame;
    }

    /// <summary>Not called: <see cref="Produce"/> hands out windows onto the scene instead of filled pool frames.</summary>
    protected override void Render(VideoFrame frame, long index, bool fresh) =>
        throw new InvalidOperationException("the synthetic camera renders its scene once");

    void IFrameOwner.Return(VideoFrame frame) => _shells.Enqueue(frame);

    /// <summary>The chart at the frame's size, with <paramref name="travel"/>/2 rows of wall above and below, encoded.</summary>
    private static float[] RenderScene(int width, int height, int travel, ColorSpace cameraSpace)
    {
        var chart = SyntheticChart.RenderEncoded(width, height, cameraSpace);
        var wall = SyntheticChart.Encode([WallGrey, WallGrey, WallGrey, 1f], cameraSpace);
        int rowFloats = width * 4, above = travel / 2;
        var scene = GC.AllocateUninitializedArray<float>((height + travel) * rowFloats, pinned: true);
        for (int y = 0; y < height + travel; y++)
        {
            var row = scene.AsSpan(y * rowFloats, rowFloats);
            int chartRow = y - above;
            if (chartRow >= 0 && chartRow < height)
            {
                chart.AsSpan(chartRow * rowFloats, rowFloats).CopyTo(row);
            }
            else
            {
                for (int x = 0; x < rowFloats; x += 4) wall.CopyTo(row.Slice(x, 4));
            }
        }
        return scene;
    }
}
