namespace LiveGrade.Core.Video;

/// <summary>
/// A frame rate as an exact fraction (30000/1001, not 29.97), so that durations, timecode and RTP
/// timestamps never drift. The standard rates of a set are listed in <see cref="Standard"/>.
/// </summary>
public readonly record struct FrameRate
{
    public FrameRate(int numerator, int denominator)
    {
        if (numerator <= 0 || denominator <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(numerator), $"{numerator}/{denominator} is not a frame rate");
        }
        Numerator = numerator;
        Denominator = denominator;
    }

    public int Numerator { get; }
    public int Denominator { get; }

    public static FrameRate Fps23_976 { get; } = new(24000, 1001);
    public static FrameRate Fps24 { get; } = new(24, 1);
    public static FrameRate Fps25 { get; } = new(25, 1);
    public static FrameRate Fps29_97 { get; } = new(30000, 1001);
    public static FrameRate Fps30 { get; } = new(30, 1);
    public static FrameRate Fps48 { get; } = new(48, 1);
    public static FrameRate Fps50 { get; } = new(50, 1);
    public static FrameRate Fps59_94 { get; } = new(60000, 1001);
    public static FrameRate Fps60 { get; } = new(60, 1);

    public static IReadOnlyList<FrameRate> Standard { get; } =
        [Fps23_976, Fps24, Fps25, Fps29_97, Fps30, Fps48, Fps50, Fps59_94, Fps60];

    /// <summary>Frames per second as a double, for display and statistics only.</summary>
    public double PerSecond => (double)Numerator / Denominator;

    /// <summary>The integer frame count of a timecode second: 24 for 23.976, 30 for 29.97, 60 for 59.94.</summary>
    public int TimecodeBase => (int)Math.Round(PerSecond);

    /// <summary>True for the NTSC rates where SMPTE 12M drop-frame timecode exists (29.97 and 59.94).</summary>
    public bool SupportsDropFrame => Denominator == 1001 && TimecodeBase is 30 or 60;

    /// <summary>Duration of one frame in <see cref="TimeSpan"/> ticks (100 ns), rounded to the nearest tick.</summary>
    public TimeSpan FrameDuration => TimeSpan.FromTicks((long)Math.Round(TimeSpan.TicksPerSecond * (double)Denominator / Numerator));

    /// <summary>Start time of frame <paramref name="frame"/> from zero, exact to the tick (integer maths).</summary>
    public TimeSpan TimeOfFrame(long frame) => TimeSpan.FromTicks(checked(frame * TimeSpan.TicksPerSecond * Denominator / Numerator));

    /// <summary>Index of the frame that is showing at <paramref name="time"/> from zero.</summary>
    public long FrameAt(TimeSpan time) => checked(time.Ticks * Numerator / (TimeSpan.TicksPerSecond * Denominator));

    /// <summary>Parses "23.976", "24", "25", "29.97", "30", "48", "50", "59.94", "60", or "N/D".</summary>
    public static bool TryParse(string text, out FrameRate rate)
    {
        rate = default;
        text = text.Trim();
        var slash = text.IndexOf('/');
        if (slash > 0)
        {
            if (int.TryParse(text[..slash], out var n) && int.TryParse(text[(slash + 1)..], out var d) && n > 0 && d > 0)
            {
                rate = new FrameRate(n, d);
                return true;
            }
            return false;
        }
        if (!double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var fps))
        {
            return false;
        }
        foreach (var r in Standard)
        {
            // 23.98 and 23.976 both name 24000/1001; tolerance is half the gap between any two standard rates.
            if (Math.Abs(r.PerSecond - fps) < 0.01)
            {
                rate = r;
                return true;
            }
        }
        return false;
    }

    /// <summary>"23.976", "25", "29.97", ... (three decimals at most, trailing zeros dropped).</summary>
    public override string ToString() =>
        Denominator == 1 ? Numerator.ToString(System.Globalization.CultureInfo.InvariantCulture)
        : Math.Round(PerSecond, 3).ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
}
