using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using LiveGrade.Color.Formats.Cdl;
using LiveGrade.Color.Ops.Cdl;

namespace LiveGrade.Engine.Library.Exchange;

/// <summary>
/// The ASC_SOP and ASC_SAT value text shared by ALE columns and EDL comments. Layout as Resolve, Silverstack and
/// Avid write it (ASC CDL v1.2 specification, "ASC CDL in ALE and EDL"): <c>(sR sG sB)(oR oG oB)(pR pG pB)</c> and
/// one saturation number. Read tolerantly: spaces or none between the groups, commas or tabs inside them, and
/// nine bare numbers without parentheses. Strict about the numbers: invariant-culture finite decimals within the
/// CDL's limits, or a reason for the caller's file:line error.
/// </summary>
public static partial class SopText
{
    /// <summary>"(s s s)(o o o)(p p p)" with the shortest text that reads back to the same doubles, or, with
    /// <paramref name="significantDigits"/>, rounded (Lustre fits an EDL note in 80 columns with 5).</summary>
    public static string FormatSop(CdlCorrection c, int? significantDigits = null)
    {
        var sb = new StringBuilder();
        foreach (var group in new[] { c.Slope, c.Offset, c.Power })
        {
            sb.Append('(').AppendJoin(' ', group.Select(v => FormatNumber(v, significantDigits))).Append(')');
        }
        return sb.ToString();
    }

    public static string FormatSat(CdlCorrection c, int? significantDigits = null) => FormatNumber(c.Saturation, significantDigits);

    public static string FormatNumber(double v, int? significantDigits) =>
        significantDigits is { } d ? CdlFileWriter.FormatNumber(double.Parse(v.ToString("G" + d, CultureInfo.InvariantCulture), CultureInfo.InvariantCulture))
        : CdlFileWriter.FormatNumber(v);

    /// <summary>Parses SOP text; on failure returns null and a reason without a trailing full stop.</summary>
    public static (double[] Slope, double[] Offset, double[] Power)? ParseSop(string text, out string? reason)
    {
        reason = null;
        var t = text.Trim();
        string[] numbers;
        if (t.Contains('('))
        {
            var groups = Group().Matches(t);
            var rest = Group().Replace(t, "").Trim();
            if (groups.Count != 3 || rest.Length > 0)
            {
                reason = $"ASC_SOP '{t}' is not (slope)(offset)(power): needs three groups of three numbers in parentheses";
                return null;
            }
            var parts = new List<string>();
            foreach (Match g in groups)
            {
                var items = Split(g.Groups[1].Value);
                if (items.Length != 3)
                {
                    reason = $"ASC_SOP group '({g.Groups[1].Value.Trim()})' needs 3 numbers, found {items.Length}";
                    return null;
                }
                parts.AddRange(items);
            }
            numbers = [.. parts];
        }
        else
        {
            numbers = Split(t);
            if (numbers.Length != 9)
            {
                reason = $"ASC_SOP '{t}' needs 9 numbers (slope, offset, power), found {numbers.Length}";
                return null;
            }
        }
        var v = new double[9];
        for (int i = 0; i < 9; i++)
        {
            if (!TryNumber(numbers[i], out v[i], out reason))
            {
                reason = "ASC_SOP " + reason;
                return null;
            }
        }
        double[] slope = v[0..3], offset = v[3..6], power = v[6..9];
        try
        {
            _ = new CdlOpData(slope, offset, power, 1);
        }
        catch (ArgumentException e)
        {
            reason = "ASC_SOP: " + e.Message;
            return null;
        }
        return (slope, offset, power);
    }

    /// <summary>Parses a saturation; on failure returns null and a reason.</summary>
    public static double? ParseSat(string text, out string? reason)
    {
        var items = Split(text);
        if (items.Length != 1)
        {
            reason = $"ASC_SAT '{text.Trim()}' needs one number, found {items.Length}";
            return null;
        }
        if (!TryNumber(items[0], out double sat, out reason))
        {
            reason = "ASC_SAT " + reason;
            return null;
        }
        if (sat < 0 || sat > CdlOpData.MaxMagnitude)
        {
            reason = $"ASC_SAT {items[0]} is out of range (0..{CdlOpData.MaxMagnitude})";
            return null;
        }
        return sat;
    }

    private static bool TryNumber(string token, out double value, out string? reason)
    {
        reason = null;
        // Float style without thousands separators: "1,5" from a comma-decimal locale must fail, never read as 15.
        if (!double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
            reason = $"value '{token}' is not a number";
            return false;
        }
        if (!double.IsFinite(value))
        {
            reason = $"value '{token}' is not a finite number";
            return false;
        }
        return true;
    }

    // Whitespace only: a comma is a decimal separator somewhere, and "(1,5 1)" must fail rather than read as 1 5 1.
    private static string[] Split(string s) => s.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);

    [GeneratedRegex(@"\(([^()]*)\)")]
    private static partial Regex Group();
}
