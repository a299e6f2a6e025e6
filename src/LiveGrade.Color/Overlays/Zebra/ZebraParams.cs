using System.Globalization;
using LiveGrade.Color.Scopes;
using LiveGrade.Color.Scopes.Rendering;
using LiveGrade.Core.Diagnostics;

namespace LiveGrade.Color.Overlays.Zebra;

/// <summary>
/// A zebra level: luma at or above <see cref="LowIre"/> (and, for a band, at or below <see cref="HighIre"/>)
/// is striped. Judged on the pixel's 10-bit luma code, so "95" means codes from ceil(64 + 8.76 * 95) = 897.
/// </summary>
public sealed record ZebraLevel(double LowIre, double? HighIre = null)
{
    /// <summary>Lowest 10-bit code that is striped.</summary>
    public int LowCode => (int)System.Math.Clamp(System.Math.Ceiling(VideoLevels.IreToCode(LowIre) - 1e-9), 0, VideoLevels.Codes);

    /// <summary>Highest 10-bit code that is striped (1023 when open-ended).</summary>
    public int HighCode => HighIre is { } h
        ? (int)System.Math.Clamp(System.Math.Floor(VideoLevels.IreToCode(h) + 1e-9), -1, VideoLevels.Codes - 1)
        : VideoLevels.Codes - 1;

    /// <summary>Parses "95" (95 IRE and above) or "65-75" (a band, e.g. for skin).</summary>
    public static ZebraLevel Parse(string text)
    {
        var parts = text.Split('-', 2, StringSplitOptions.TrimEntries);
        static double Number(string s, string whole) =>
            double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v) && v is >= -8 and <= 110
                ? v : throw new InputException($"--zebra: '{whole}' is not an IRE level (-8..110) or a band LO-HI");
        if (parts.Length == 2 && parts[0].Length > 0)
        {
            double lo = Number(parts[0], text), hi = Number(parts[1], text);
            return lo <= hi ? new ZebraLevel(lo, hi) : throw new InputException($"--zebra: band '{text}' has low above high");
        }
        return new ZebraLevel(Number(text, text));
    }
}

/// <summary>
/// Zebras at one or two levels. Zebra 1 stripes run "/" and zebra 2 stripes run "\", so both read at once;
/// where both apply, zebra 2 wins. <see cref="Phase"/> moves the stripes (the live engine advances it per
/// frame so they crawl, as camera zebras do).
/// </summary>
public sealed record ZebraParams(ZebraLevel First, ZebraLevel? Second, YCbCrMatrix Matrix)
{
    /// <summary>Stripe period in pixels (half stripe, half picture).</summary>
    public int Period { get; init; } = 8;
    public int Phase { get; init; }
    public Rgb FirstColour { get; init; } = new(0.05f, 0.05f, 0.05f);
    public Rgb SecondColour { get; init; } = new(0.95f, 0.1f, 0.6f);

    /// <summary>True where zebra 1's "/" stripe pattern is drawn at pixel (x, y).</summary>
    public bool FirstStripe(int x, int y) => Mod(x + y + Phase, Period) < Period / 2;

    /// <summary>True where zebra 2's "\" stripe pattern is drawn.</summary>
    public bool SecondStripe(int x, int y) => Mod(x - y + Phase, Period) < Period / 2;

    private static int Mod(int a, int m) => (a % m + m) % m;
}
