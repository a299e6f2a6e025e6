using System.Diagnostics;
using System.Globalization;

namespace LiveGrade.Color.Tests.Reference;

/// <summary>
/// SMPTE RP 219 HD colour bars from ffmpeg's smptehdbars source, as a 10-bit 4:2:2 frame (yuv422p10le raw
/// planes), plus the same frame as R'G'B' float through the BT.709 narrow-range inverse in double precision,
/// so the scopes' Y'CbCr (single precision) lands back on exactly the codes ffmpeg wrote.
/// </summary>
/// <remarks>
/// ffmpeg defines the bars' colours as 8-bit code values (libavfilter/vsrc_testsrc.c) and converts them to
/// 10 bits by shifting left by two, so each level is within 2 codes of RP 219's own 10-bit values. The
/// conversion runs with nearest-neighbour scaling: swscale's default bicubic filter smears the chroma of the
/// three rows above each pattern edge, which is not part of the pattern.
/// </remarks>
public sealed class SmpteBars
{
    public const int Width = 1920, Height = 1080;

    /// <summary>RP 219's first pattern row (7/12 of the height, 630 rows at 1080): 40% grey, seven 75% bars, 40% grey.</summary>
    public const int TopRows = 630;

    /// <summary>Left edge of the 75% white bar and the width of each of the seven bars at 1920 (d = W/8, w = 3W/28 rounded even).</summary>
    public const int FirstBarX = 240, BarWidth = 206;

    private static readonly Lazy<SmpteBars> s_frame = new(Generate);

    private SmpteBars(string rawPath, ushort[] y, ushort[] cb, ushort[] cr)
    {
        RawPath = rawPath;
        Y = y;
        Cb = cb;
        Cr = cr;
    }

    /// <summary>The yuv422p10le file ffmpeg wrote (for signalstats).</summary>
    public string RawPath { get; }
    public ushort[] Y { get; }

    /// <summary>Chroma planes, Width/2 per row.</summary>
    public ushort[] Cb { get; }
    public ushort[] Cr { get; }

    public static SmpteBars Frame => s_frame.Value;

    /// <summary>R'G'B' float RGBA (alpha 1), values outside 0..1 kept (super-black, the ramp's sub-black codes).</summary>
    public float[] ToRgb()
    {
        const double kr = 0.2126, kb = 0.0722, kg = 1 - kr - kb;
        var px = new float[Width * Height * 4];
        for (int y = 0; y < Height; y++)
        {
            for (int x = 0; x < Width; x++)
            {
                double ey = (Y[y * Width + x] - 64) / 876.0;
                double ecb = (Cb[y * Width / 2 + x / 2] - 512) / 896.0;
                double ecr = (Cr[y * Width / 2 + x / 2] - 512) / 896.0;
                double r = ey + 2 * (1 - kr) * ecr, b = ey + 2 * (1 - kb) * ecb;
                double g = (ey - kr * r - kb * b) / kg;
                int i = (y * Width + x) * 4;
                (px[i], px[i + 1], px[i + 2], px[i + 3]) = ((float)r, (float)g, (float)b, 1f);
            }
        }
        return px;
    }

    private static SmpteBars Generate()
    {
        string dir = Path.Combine(Path.GetTempPath(), "livegrade-tests");
        Directory.CreateDirectory(dir);
        string path = Path.Combine(dir, $"smptehdbars-{Environment.ProcessId}.yuv");
        Ffmpeg.Run("-v", "error", "-y", "-f", "lavfi", "-i", $"smptehdbars=size={Width}x{Height}", "-frames:v", "1",
            "-sws_flags", "neighbor", "-pix_fmt", "yuv422p10le", "-f", "rawvideo", path);
        byte[] data = File.ReadAllBytes(path);
        int ySamples = Width * Height, cSamples = Width / 2 * Height;
        if (data.Length != (ySamples + 2 * cSamples) * 2)
        {
            throw new InvalidOperationException($"ffmpeg wrote {data.Length} bytes, not a {Width}x{Height} yuv422p10le frame");
        }
        ushort[] Plane(int offset, int count)
        {
            var p = new ushort[count];
            Buffer.BlockCopy(data, offset * 2, p, 0, count * 2);
            return p;
        }
        return new SmpteBars(path, Plane(0, ySamples), Plane(ySamples, cSamples), Plane(ySamples + cSamples, cSamples));
    }
}

/// <summary>Runs the ffmpeg command-line tool (an independent reference; installed by scripts/bootstrap.sh).</summary>
public static class Ffmpeg
{
    public static string Run(params string[] args)
    {
        var psi = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("cannot start ffmpeg");
        var stdout = p.StandardOutput.ReadToEndAsync();
        string stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"ffmpeg failed ({p.ExitCode}): {stderr}");
        }
        return stdout.Result + stderr;
    }

    /// <summary>YMIN, YLOW, YAVG, YHIGH, YMAX of a raw planar 10-bit frame from ffmpeg's signalstats filter.</summary>
    public static (int Min, int Low, double Avg, int High, int Max) SignalStats(string rawPath, int width, int height, string pixFmt)
    {
        string log = Run("-hide_banner", "-f", "rawvideo", "-pix_fmt", pixFmt, "-s", $"{width}x{height}", "-i", rawPath,
            "-vf", "signalstats,metadata=print", "-f", "null", "-");
        string Value(string key)
        {
            string tag = $"lavfi.signalstats.{key}=";
            int at = log.IndexOf(tag, StringComparison.Ordinal);
            if (at < 0)
            {
                throw new InvalidOperationException($"signalstats printed no {key}: {log}");
            }
            int end = log.IndexOfAny(['\n', '\r'], at);
            return log[(at + tag.Length)..(end < 0 ? log.Length : end)].Trim();
        }
        int I(string k) => int.Parse(Value(k), CultureInfo.InvariantCulture);
        return (I("YMIN"), I("YLOW"), double.Parse(Value("YAVG"), CultureInfo.InvariantCulture), I("YHIGH"), I("YMAX"));
    }

    /// <summary>Writes a yuv444p10le raw frame whose Y plane is <paramref name="luma"/> (chroma neutral).</summary>
    public static void WriteLuma444(string path, ushort[] luma, int width, int height)
    {
        var bytes = new byte[width * height * 3 * 2];
        Buffer.BlockCopy(luma, 0, bytes, 0, width * height * 2);
        for (int i = width * height; i < width * height * 3; i++)
        {
            bytes[i * 2] = 0;      // 512 little-endian: 0x0200
            bytes[i * 2 + 1] = 2;
        }
        File.WriteAllBytes(path, bytes);
    }
}
