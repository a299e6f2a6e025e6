using LiveGrade.Color.Charts;
using LiveGrade.Color.Processing;
using LiveGrade.Color.Spaces;
using LiveGrade.Core.Video;

namespace LiveGrade.Video.Sources;

/// <summary>
/// A camera without a camera: the built-in chart scene (colour checker with skin tones, grey scale from
/// -10 to +10 stops, exposure ramp, speculars up to 64x diffuse white) in scene-linear light, encoded once
/// in a named camera log space, then panned slowly left and right (an 8-second cycle) so that the picture
/// moves like a camera operator's. Encoded once, copied per frame: the per-frame cost is a row copy.
/// </summary>
public sealed class SyntheticCameraSource : ClockedSource
{
    private const double PanSeconds = 8.0;
    private readonly float[] _scene;
    private readonly int _sceneWidth;

    public SyntheticCameraSource(string name, VideoMode mode, ColorSpace cameraSpace)
        : base(name, PatternSource.RequireFloat(mode))
    {
        CameraSpace = cameraSpace;
        _sceneWidth = mode.Width + mode.Width / 4;
        _scene = SyntheticChart.RenderEncoded(_sceneWidth, mode.Height, cameraSpace);
    }

    /// <summary>The camera encoding the frames carry (what the input transform must decode).</summary>
    public ColorSpace CameraSpace { get; }

    protected override void Render(VideoFrame frame, long index, bool fresh)
    {
        var seconds = index / Mode.Rate.PerSecond;
        var slack = _sceneWidth - Mode.Width;
        var offset = (int)Math.Round(slack * 0.5 * (1 - Math.Cos(2 * Math.PI * seconds / PanSeconds)));
        var dst = TestPatterns.Floats(frame);
        var rowFloats = Mode.Width * 4;
        for (int y = 0; y < Mode.Height; y++)
        {
            _scene.AsSpan((y * _sceneWidth + offset) * 4, rowFloats).CopyTo(dst.Slice(y * rowFloats, rowFloats));
        }
        frame.Range = SignalRange.Full;
    }
}
