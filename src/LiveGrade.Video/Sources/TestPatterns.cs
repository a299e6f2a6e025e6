using System.Runtime.InteropServices;
using LiveGrade.Core.Video;

namespace LiveGrade.Video.Sources;

/// <summary>
/// The test pictures of a video engineer, rendered as display-referred Rec.709 RGBA float where 0 and 1
/// are video black and white (10-bit narrow codes 64 and 940), so that packing to v210 lands on the
/// code values the standards give.
/// </summary>
public static class TestPatterns
{
    /// <summary>
    /// SMPTE RP 219-1 HD colour bars (as ffmpeg's smptehdbars draws them), scaled to any size:
    /// pattern 1 (7/12 of the height): 40% grey sides (d = width/8), 75% bars white, yellow, cyan, green,
    /// magenta, red, blue; pattern 2 (1/12): 100% cyan, 100% white, 75% white, 100% blue;
    /// pattern 3 (1/12): 100% yellow, a luma ramp 0 to 100%, 100% red;
    /// pattern 4 (3/12): 15% grey, black, 100% white, black, PLUGE -2% / 0 / +2% / 0 / +4%, black, 15% grey.
    /// </summary>
    public static void Bars(Span<float> rgba, int width, int height)
    {
        int d = width / 8;
        int barsWidth = width - 2 * d;
        int p1 = height * 7 / 12, p2 = p1 + height / 12, p3 = p2 + height / 12;
        (float, float, float)[] bars75 =
        [
            (0.75f, 0.75f, 0.75f), (0.75f, 0.75f, 0f), (0f, 0.75f, 0.75f), (0f, 0.75f, 0f),
            (0.75f, 0f, 0.75f), (0.75f, 0f, 0f), (0f, 0f, 0.75f),
        ];
        for (int y = 0; y < height; y++)
        {
            var row = rgba.Slice(y * width * 4, width * 4);
            for (int x = 0; x < width; x++)
            {
                (float r, float g, float b) c;
                bool side = x < d || x >= width - d;
                int bar = Math.Clamp((x - d) * 7 / barsWidth, 0, 6);
                if (y < p1)
                {
                    c = side ? (0.4f, 0.4f, 0.4f) : bars75[bar];
                }
                else if (y < p2)
                {
                    c = x < d ? (0f, 1f, 1f) : x >= width - d ? (0f, 0f, 1f) : bar == 0 ? (1f, 1f, 1f) : (0.75f, 0.75f, 0.75f);
                }
                else if (y < p3)
                {
                    float ramp = Math.Clamp((x - d) / (float)(barsWidth - 1), 0f, 1f);
                    c = x < d ? (1f, 1f, 0f) : x >= width - d ? (1f, 0f, 0f) : (ramp, ramp, ramp);
                }
                else
                {
                    c = Pattern4(x, width, d);
                }
                row[x * 4] = c.r;
                row[x * 4 + 1] = c.g;
                row[x * 4 + 2] = c.b;
                row[x * 4 + 3] = 1f;
            }
        }
    }

    private static (float, float, float) Pattern4(int x, int width, int d)
    {
        if (x < d || x >= width - d) return (0.15f, 0.15f, 0.15f);
        // Bottom row widths in units of the bar width c = (width - 2d) / 7: 1.5c black, 2c white,
        // 5/6c black, then the PLUGE: 1/3c each of -2%, 0, +2%, 0, +4%, then black to the side panel.
        double c = (width - 2.0 * d) / 7.0;
        double u = (x - d) / c;
        float v = u switch
        {
            < 1.5 => 0f,
            < 3.5 => 1f,
            < 3.5 + 5.0 / 6 => 0f,
            < 3.5 + 5.0 / 6 + 1.0 / 3 => -0.02f,
            < 3.5 + 5.0 / 6 + 2.0 / 3 => 0f,
            < 3.5 + 5.0 / 6 + 3.0 / 3 => 0.02f,
            < 3.5 + 5.0 / 6 + 4.0 / 3 => 0f,
            < 3.5 + 5.0 / 6 + 5.0 / 3 => 0.04f,
            _ => 0f,
        };
        return (v, v, v);
    }

    /// <summary>Four horizontal bands of linear ramps from 0 to 1 across the width: grey, red, green, blue.</summary>
    public static void Ramp(Span<float> rgba, int width, int height)
    {
        for (int y = 0; y < height; y++)
        {
            int band = Math.Min(3, y * 4 / height);
            var row = rgba.Slice(y * width * 4, width * 4);
            for (int x = 0; x < width; x++)
            {
                float v = width == 1 ? 0 : x / (float)(width - 1);
                row[x * 4] = band is 0 or 1 ? v : 0;
                row[x * 4 + 1] = band is 0 or 2 ? v : 0;
                row[x * 4 + 2] = band is 0 or 3 ? v : 0;
                row[x * 4 + 3] = 1f;
            }
        }
    }

    /// <summary>
    /// A circular zone plate: grey = 0.5 + 0.5 cos(π r² / (2R)) with R the half-diagonal, so the local
    /// frequency r / (2R) cycles per pixel reaches Nyquist (0.5) at the corners. Shows scaling and
    /// aliasing in any resize or chroma filter.
    /// </summary>
    public static void ZonePlate(Span<float> rgba, int width, int height)
    {
        double cx = (width - 1) / 2.0, cy = (height - 1) / 2.0;
        double radius = Math.Sqrt(cx * cx + cy * cy);
        for (int y = 0; y < height; y++)
        {
            var row = rgba.Slice(y * width * 4, width * 4);
            for (int x = 0; x < width; x++)
            {
                double dx = x - cx, dy = y - cy;
                float v = (float)(0.5 + 0.5 * Math.Cos(Math.PI * (dx * dx + dy * dy) / (2 * radius)));
                row[x * 4] = v;
                row[x * 4 + 1] = v;
                row[x * 4 + 2] = v;
                row[x * 4 + 3] = 1f;
            }
        }
    }

    /// <summary>The float RGBA view of an <see cref="PixelFormat.Rgba32F"/> frame's pixels.</summary>
    public static Span<float> Floats(VideoFrame frame)
    {
        if (frame.Format != PixelFormat.Rgba32F)
        {
            throw new ArgumentException($"expected an rgba32f frame, got {PixelFormats.Name(frame.Format)}", nameof(frame));
        }
        return MemoryMarshal.Cast<byte, float>(frame.Data);
    }
}

/// <summary>A still test pattern at the mode's cadence (bars, ramp, zone plate): rendered once per pool frame.</summary>
public sealed class PatternSource : ClockedSource
{
    private readonly Action<Span<float>, int, int> _draw;

    public PatternSource(string name, VideoMode mode, Action<Span<float>, int, int> draw)
        : base(name, RequireFloat(mode))
    {
        _draw = draw;
    }

    protected override void Render(VideoFrame frame, long index, bool fresh)
    {
        if (fresh)
        {
            _draw(TestPatterns.Floats(frame), frame.Width, frame.Height);
        }
        frame.Range = SignalRange.Full;
    }

    internal static VideoMode RequireFloat(VideoMode mode) =>
        mode.Format == PixelFormat.Rgba32F ? mode
        : throw new ArgumentException($"generated sources make rgba32f frames, not {PixelFormats.Name(mode.Format)}", nameof(mode));
}
