using System.Globalization;

namespace LiveGrade.Core.Video;

/// <summary>
/// SMPTE ST 12-1 time address (HH:MM:SS:FF), with drop-frame counting for 29.97 and 59.94.
/// Drop-frame skips the labels :00 and :01 (:00 to :03 at 59.94) at the start of every minute except
/// every tenth minute, so that the label keeps pace with the clock (ST 12-1 §5.2.2). Wraps at 24 hours.
/// Immutable; arithmetic goes through the frame count so that labels are always legal.
/// </summary>
public readonly record struct Timecode
{
    private Timecode(int hours, int minutes, int seconds, int frames, bool dropFrame)
    {
        Hours = hours;
        Minutes = minutes;
        Seconds = seconds;
        Frames = frames;
        DropFrame = dropFrame;
    }

    public int Hours { get; }
    public int Minutes { get; }
    public int Seconds { get; }
    public int Frames { get; }

    /// <summary>True when the label counts drop-frame (printed with ';' before the frames).</summary>
    public bool DropFrame { get; }

    /// <summary>Frames a day at a rate (the modulus of the frame count).</summary>
    public static long FramesPerDay(FrameRate rate, bool dropFrame) =>
        dropFrame ? 144L * FramesPer10Minutes(rate) : 86400L * rate.TimecodeBase;

    /// <summary>Builds a timecode from its label fields, rejecting labels that do not exist (e.g. 00:01:00;00 drop-frame).</summary>
    public static Timecode FromFields(int hours, int minutes, int seconds, int frames, FrameRate rate, bool dropFrame)
    {
        if (!IsValid(hours, minutes, seconds, frames, rate, dropFrame, out var reason))
        {
            throw new ArgumentOutOfRangeException(nameof(frames), reason);
        }
        return new Timecode(hours, minutes, seconds, frames, dropFrame);
    }

    /// <summary>The label of frame <paramref name="frameCount"/> counted from 00:00:00:00 (wrapping at 24 hours).</summary>
    public static Timecode FromFrameCount(long frameCount, FrameRate rate, bool dropFrame)
    {
        CheckDropFrame(rate, dropFrame);
        var fps = rate.TimecodeBase;
        var n = Mod(frameCount, FramesPerDay(rate, dropFrame));
        if (dropFrame)
        {
            // Add back the labels skipped before this frame, then count as non-drop.
            var drop = DroppedPerMinute(rate);
            var per10 = FramesPer10Minutes(rate);
            var perMinute = fps * 60 - drop;
            var tens = n / per10;
            var rest = n % per10;
            n += 9 * drop * tens + (rest > drop ? drop * ((rest - drop) / perMinute) : 0);
        }
        var frames = (int)(n % fps);
        var totalSeconds = n / fps;
        return new Timecode((int)(totalSeconds / 3600), (int)(totalSeconds / 60 % 60), (int)(totalSeconds % 60), frames, dropFrame);
    }

    /// <summary>Frames from 00:00:00:00 to this label at <paramref name="rate"/>.</summary>
    public long ToFrameCount(FrameRate rate)
    {
        CheckDropFrame(rate, DropFrame);
        var fps = rate.TimecodeBase;
        long n = ((Hours * 3600L) + (Minutes * 60L) + Seconds) * fps + Frames;
        if (DropFrame)
        {
            var totalMinutes = Hours * 60L + Minutes;
            n -= DroppedPerMinute(rate) * (totalMinutes - totalMinutes / 10);
        }
        return n;
    }

    /// <summary>The label <paramref name="frames"/> later (or earlier when negative), wrapping at 24 hours.</summary>
    public Timecode Add(long frames, FrameRate rate) => FromFrameCount(ToFrameCount(rate) + frames, rate, DropFrame);

    /// <summary>Parses "HH:MM:SS:FF" (non-drop) or "HH:MM:SS;FF" / "HH:MM:SS.FF" (drop-frame).</summary>
    public static bool TryParse(string text, FrameRate rate, out Timecode timecode, out string? error)
    {
        timecode = default;
        error = null;
        var t = text.Trim();
        if (t.Length != 11 || t[2] != ':' || t[5] != ':' || t[8] is not (':' or ';' or '.' or ','))
        {
            error = $"'{text}' is not a timecode (HH:MM:SS:FF or HH:MM:SS;FF)";
            return false;
        }
        var drop = t[8] != ':';
        if (!TwoDigits(t, 0, out var h) || !TwoDigits(t, 3, out var m) || !TwoDigits(t, 6, out var s) || !TwoDigits(t, 9, out var f))
        {
            error = $"'{text}' is not a timecode (digits expected)";
            return false;
        }
        if (!IsValid(h, m, s, f, rate, drop, out var reason))
        {
            error = $"'{text}': {reason}";
            return false;
        }
        timecode = new Timecode(h, m, s, f, drop);
        return true;
    }

    /// <summary>
    /// The label as SMPTE BCD in one word (as DeckLink's BMDTimecodeBCD and RP188 carry it):
    /// bits 31-24 hours, 23-16 minutes, 15-8 seconds, 7-0 frames, two BCD digits each.
    /// </summary>
    public uint ToBcd() => (Bcd(Hours) << 24) | (Bcd(Minutes) << 16) | (Bcd(Seconds) << 8) | Bcd(Frames);

    /// <summary>Reads <see cref="ToBcd"/>'s layout; false when a digit is not decimal or a field is out of range.</summary>
    public static bool TryFromBcd(uint bcd, FrameRate rate, bool dropFrame, out Timecode timecode)
    {
        timecode = default;
        if (!FromBcd(bcd >> 24, out var h) || !FromBcd(bcd >> 16, out var m) || !FromBcd(bcd >> 8, out var s) || !FromBcd(bcd, out var f))
        {
            return false;
        }
        if (!IsValid(h, m, s, f, rate, dropFrame, out _))
        {
            return false;
        }
        timecode = new Timecode(h, m, s, f, dropFrame);
        return true;
    }

    /// <summary>Characters <see cref="Format"/> writes: "HH:MM:SS:FF".</summary>
    public const int FormattedLength = 11;

    /// <summary>Writes "HH:MM:SS:FF" (';' before the frames when drop-frame) without allocating; returns 11.</summary>
    public int Format(Span<char> into)
    {
        if (into.Length < FormattedLength) throw new ArgumentException($"timecode needs {FormattedLength} characters", nameof(into));
        Two(into, 0, Hours);
        into[2] = ':';
        Two(into, 3, Minutes);
        into[5] = ':';
        Two(into, 6, Seconds);
        into[8] = DropFrame ? ';' : ':';
        Two(into, 9, Frames);
        return FormattedLength;

        static void Two(Span<char> s, int at, int v)
        {
            s[at] = (char)('0' + v / 10 % 10);
            s[at + 1] = (char)('0' + v % 10);
        }
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Hours:00}:{Minutes:00}:{Seconds:00}{(DropFrame ? ';' : ':')}{Frames:00}");

    private static bool IsValid(int h, int m, int s, int f, FrameRate rate, bool drop, out string reason)
    {
        reason = "";
        if (drop && !rate.SupportsDropFrame)
        {
            reason = $"drop-frame timecode does not exist at {rate} fps";
            return false;
        }
        if (h is < 0 or > 23 || m is < 0 or > 59 || s is < 0 or > 59 || f < 0 || f >= rate.TimecodeBase)
        {
            reason = $"field out of range at {rate} fps";
            return false;
        }
        if (drop && s == 0 && m % 10 != 0 && f < DroppedPerMinute(rate))
        {
            reason = "this label is skipped in drop-frame counting";
            return false;
        }
        return true;
    }

    private static void CheckDropFrame(FrameRate rate, bool dropFrame)
    {
        if (dropFrame && !rate.SupportsDropFrame)
        {
            throw new ArgumentException($"drop-frame timecode does not exist at {rate} fps", nameof(dropFrame));
        }
    }

    // 2 labels a minute at 29.97, 4 at 59.94 (ST 12-1 drops in proportion to the rate).
    private static int DroppedPerMinute(FrameRate rate) => rate.TimecodeBase / 15;

    private static long FramesPer10Minutes(FrameRate rate) =>
        rate.SupportsDropFrame ? rate.TimecodeBase * 600L - 9L * DroppedPerMinute(rate) : rate.TimecodeBase * 600L;

    private static long Mod(long a, long m) => ((a % m) + m) % m;

    private static bool TwoDigits(string s, int at, out int value)
    {
        value = 0;
        if (!char.IsAsciiDigit(s[at]) || !char.IsAsciiDigit(s[at + 1])) return false;
        value = (s[at] - '0') * 10 + (s[at + 1] - '0');
        return true;
    }

    private static uint Bcd(int v) => (uint)(((v / 10) << 4) | (v % 10));

    private static bool FromBcd(uint b, out int value)
    {
        var hi = (int)((b >> 4) & 0xF);
        var lo = (int)(b & 0xF);
        value = hi * 10 + lo;
        return hi < 10 && lo < 10;
    }
}
