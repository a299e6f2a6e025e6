using System.Buffers;
using System.Globalization;
using LiveGrade.Color.Ops.Lut1D;
using LiveGrade.Core.Diagnostics;

namespace LiveGrade.Color.Formats.Lut;

/// <summary>
/// Walks the lines of a LUT file held in memory, with 1-based line numbers, without allocating per line.
/// Lines end at "\n"; a trailing "\r" is removed with the surrounding white space.
/// </summary>
internal ref struct LutLines
{
    private readonly ReadOnlySpan<char> _text;
    private int _position;

    public LutLines(ReadOnlySpan<char> text)
    {
        _text = text;
        _position = 0;
        Number = 0;
    }

    /// <summary>1-based number of the line last returned by <see cref="Next"/> (0 before the first).</summary>
    public int Number { get; private set; }

    /// <summary>Number of the last line that held anything other than white space.</summary>
    public int LastContentLine { get; private set; }

    /// <summary>The next line, trimmed; false at the end of the text.</summary>
    public bool Next(out ReadOnlySpan<char> line)
    {
        if (_position >= _text.Length)
        {
            line = default;
            return false;
        }
        var rest = _text[_position..];
        int end = rest.IndexOf('\n');
        if (end < 0)
        {
            line = rest.Trim();
            _position = _text.Length;
        }
        else
        {
            line = rest[..end].Trim();
            _position += end + 1;
        }
        Number++;
        if (!line.IsEmpty)
        {
            LastContentLine = Number;
        }
        return true;
    }
}

/// <summary>
/// Tokens and numbers shared by the LUT readers. Number policy for every format: numbers are invariant
/// culture decimals (exponents allowed); NaN and infinities are rejected, and so is anything whose
/// magnitude exceeds <see cref="Lut1DOpData.MaxMagnitude"/> (which includes values that overflow float).
/// A LUT with a NaN in it cannot be applied meaningfully; refusing it at load keeps it off the outputs.
/// </summary>
internal static class LutText
{
    /// <summary>Largest file accepted by any reader: 256 MiB (a 129^3 cube in text is about 60 MiB).</summary>
    public const long MaxFileBytes = 256L * 1024 * 1024;

    private static readonly SearchValues<char> s_whiteSpace = SearchValues.Create(" \t\f\v\r");

    /// <summary>Splits on blanks and tabs; returns how many tokens were found (up to tokens.Length; more are not split).</summary>
    public static int Split(ReadOnlySpan<char> line, Span<Range> tokens)
    {
        int count = 0;
        int i = 0;
        while (i < line.Length && count < tokens.Length)
        {
            while (i < line.Length && s_whiteSpace.Contains(line[i]))
            {
                i++;
            }
            if (i >= line.Length)
            {
                break;
            }
            int start = i;
            if (count == tokens.Length - 1)
            {
                // The last slot takes the rest, so callers can see that a line had too many tokens.
                tokens[count++] = new Range(start, line.TrimEnd().Length);
                return count;
            }
            while (i < line.Length && !s_whiteSpace.Contains(line[i]))
            {
                i++;
            }
            tokens[count++] = new Range(start, i);
        }
        return count;
    }

    /// <summary>Counts the tokens of a line (for lines that may be long, such as a .3dl mesh or .csp prelut).</summary>
    public static int CountTokens(ReadOnlySpan<char> line)
    {
        int count = 0;
        bool inToken = false;
        foreach (char ch in line)
        {
            bool blank = s_whiteSpace.Contains(ch);
            if (!blank && !inToken)
            {
                count++;
            }
            inToken = !blank;
        }
        return count;
    }

    /// <summary>Parses a LUT value with the number policy above, or throws an <see cref="InputException"/> at the line.</summary>
    public static float ParseFloat(ReadOnlySpan<char> token, string? file, int line, string what = "value")
    {
        double d = ParseDouble(token, file, line, what);
        return (float)d;
    }

    public static double ParseDouble(ReadOnlySpan<char> token, string? file, int line, string what = "value")
    {
        if (!double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out double d))
        {
            throw new InputException($"bad number '{Shorten(token)}' for {what}", file, line);
        }
        if (!double.IsFinite(d))
        {
            throw new InputException($"{what} '{Shorten(token)}' is not a finite number (NaN and infinity are not allowed)", file, line);
        }
        if (System.Math.Abs(d) > Lut1DOpData.MaxMagnitude)
        {
            throw new InputException($"{what} {Shorten(token)} is out of range (magnitude at most {Lut1DOpData.MaxMagnitude:G3})", file, line);
        }
        return d;
    }

    /// <summary>Parses an integer (optional sign), or throws an <see cref="InputException"/> at the line.</summary>
    public static int ParseInt(ReadOnlySpan<char> token, string? file, int line, string what = "value")
    {
        if (!int.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int v))
        {
            throw new InputException($"bad integer '{Shorten(token)}' for {what}", file, line);
        }
        return v;
    }

    /// <summary>True when the token reads as a number (including NaN and infinity, which the parsers then reject).</summary>
    public static bool LooksNumeric(ReadOnlySpan<char> token) =>
        double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    /// <summary>Rejects texts beyond <see cref="MaxFileBytes"/> (counted in characters, which is never more than bytes).</summary>
    public static void CheckSize(string text, string? file)
    {
        if (text.Length > MaxFileBytes)
        {
            throw new InputException($"file is larger than {MaxFileBytes / (1024 * 1024)} MiB, which no LUT needs", file);
        }
    }

    /// <summary>
    /// Formats a float so that it reads back as exactly the same float, without exponents (some LUT
    /// readers do not accept them): the shortest round-trip form, or a fixed form long enough for 9
    /// significant digits when the shortest form would use an exponent.
    /// </summary>
    public static string FormatFloat(float v)
    {
        string s = v.ToString(CultureInfo.InvariantCulture);
        if (s.Contains('E', StringComparison.Ordinal))
        {
            double a = System.Math.Abs((double)v);
            int decimals = a >= 1 ? 0 : System.Math.Min(60, 9 + (int)System.Math.Ceiling(-System.Math.Log10(a)));
            s = ((double)v).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        }
        return s;
    }

    public static string FormatDouble(double v)
    {
        string s = v.ToString("R", CultureInfo.InvariantCulture);
        if (s.Contains('E', StringComparison.Ordinal))
        {
            double a = System.Math.Abs(v);
            int decimals = a >= 1 ? 0 : System.Math.Min(60, 17 + (int)System.Math.Ceiling(-System.Math.Log10(a)));
            s = v.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        }
        return s;
    }

    private static string Shorten(ReadOnlySpan<char> token) => token.Length <= 40 ? token.ToString() : token[..40].ToString() + "...";
}
