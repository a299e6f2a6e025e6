using LiveGrade.Color.Ops.Lut1D;
using LiveGrade.Color.Ops.Lut3D;
using LiveGrade.Core.Diagnostics;

namespace LiveGrade.Color.Formats.Lut;

/// <summary>
/// Reads .cube LUTs in both dialects (see shared/reference/formats.md):
/// <list type="bullet">
/// <item>IRIDAS/Adobe: <c>TITLE "..."</c>, <c>LUT_1D_SIZE</c> or <c>LUT_3D_SIZE</c>, <c>DOMAIN_MIN r g b</c>,
/// <c>DOMAIN_MAX r g b</c>;</item>
/// <item>Resolve: <c>LUT_1D_SIZE</c> and/or <c>LUT_3D_SIZE</c>, <c>LUT_1D_INPUT_RANGE lo hi</c>,
/// <c>LUT_3D_INPUT_RANGE lo hi</c>; with both sizes the 1D entries come first and form a shaper.</item>
/// </list>
/// Keywords are case-insensitive and come before the table; <c>#</c> starts a comment line anywhere;
/// unknown keywords before the table are ignored (other writers add their own). Entries are three
/// numbers per line, red fastest in the 3D table.
///
/// Ranges, since tools mix up the keywords: with one LUT, whichever of DOMAIN_MIN/MAX,
/// LUT_1D_INPUT_RANGE and LUT_3D_INPUT_RANGE is present sets its domain (several that disagree are an
/// error). With a shaper and a cube, LUT_1D_INPUT_RANGE (or DOMAIN_MIN/MAX) is the shaper's domain and
/// LUT_3D_INPUT_RANGE the cube's.
///
/// Limits: LUT_3D_SIZE 2..129, LUT_1D_SIZE 2..65536, files up to 256 MiB. NaN and infinities are rejected.
/// Errors: <see cref="InputException"/> with the file and 1-based line; a table that ends early is reported
/// at the line after its last entry, where the next entry was expected.
/// </summary>
public static class CubeReader
{
    private const int MaxSize1D = Lut1DOpData.MaxSize;
    private const int MaxSize3D = Lut3DOpData.MaxSize;

    public static LutFile Parse(string text, string? fileName)
    {
        LutText.CheckSize(text, fileName);
        var lines = new LutLines(text);
        Span<Range> tok = stackalloc Range[5];

        string? title = null;
        int size1D = 0, size3D = 0;
        double[]? domainMin = null, domainMax = null;
        int domainMinLine = 0, domainMaxLine = 0;
        (double Lo, double Hi, int Line)? range1D = null, range3D = null;

        float[]? table1D = null, table3D = null;
        int entries = 0, total = 0;
        bool inTable = false;

        while (lines.Next(out var line))
        {
            if (line.IsEmpty || line[0] == '#')
            {
                continue;
            }
            int n = LutText.Split(line, tok);
            var first = line[tok[0]];
            bool isNumber = !char.IsLetter(first[0]) || LutText.LooksNumeric(first);

            if (!isNumber)
            {
                string keyword = first.ToString().ToUpperInvariant();
                if (inTable)
                {
                    if (IsKnownKeyword(keyword))
                    {
                        throw new InputException($"{keyword} after the table has started (keywords come first)", fileName, lines.Number);
                    }
                    throw new InputException($"bad number '{first}' in the table", fileName, lines.Number);
                }
                switch (keyword)
                {
                    case "TITLE":
                        title = Title(line[first.Length..].Trim());
                        break;
                    case "LUT_1D_SIZE":
                        if (size1D != 0)
                        {
                            throw new InputException("LUT_1D_SIZE given twice", fileName, lines.Number);
                        }
                        size1D = Size(line, tok, n, keyword, MaxSize1D, fileName, lines.Number);
                        break;
                    case "LUT_3D_SIZE":
                        if (size3D != 0)
                        {
                            throw new InputException("LUT_3D_SIZE given twice", fileName, lines.Number);
                        }
                        size3D = Size(line, tok, n, keyword, MaxSize3D, fileName, lines.Number);
                        break;
                    case "LUT_2D_SIZE":
                        throw new InputException("2D LUTs (LUT_2D_SIZE) are not supported", fileName, lines.Number);
                    case "DOMAIN_MIN":
                        domainMin = Triple(line, tok, n, keyword, fileName, lines.Number);
                        domainMinLine = lines.Number;
                        break;
                    case "DOMAIN_MAX":
                        domainMax = Triple(line, tok, n, keyword, fileName, lines.Number);
                        domainMaxLine = lines.Number;
                        break;
                    case "LUT_1D_INPUT_RANGE":
                        range1D = Range(line, tok, n, keyword, fileName, lines.Number);
                        break;
                    case "LUT_3D_INPUT_RANGE":
                        range3D = Range(line, tok, n, keyword, fileName, lines.Number);
                        break;
                    default:
                        // Unknown keywords before the table are other tools' extensions: ignore them.
                        break;
                }
                continue;
            }

            if (!inTable)
            {
                if (size1D == 0 && size3D == 0)
                {
                    throw new InputException("table data before LUT_3D_SIZE or LUT_1D_SIZE", fileName, lines.Number);
                }
                inTable = true;
                total = size1D + size3D * size3D * size3D;
                table1D = size1D > 0 ? new float[3 * size1D] : null;
                table3D = size3D > 0 ? new float[3 * size3D * size3D * size3D] : null;
            }
            if (n != 3)
            {
                throw new InputException($"expected 3 values (R G B), found {n}{(n == tok.Length ? " or more" : "")}",
                    fileName, lines.Number);
            }
            if (entries >= total)
            {
                throw new InputException($"more table entries than the {total} the sizes declare", fileName, lines.Number);
            }
            float r = LutText.ParseFloat(line[tok[0]], fileName, lines.Number);
            float g = LutText.ParseFloat(line[tok[1]], fileName, lines.Number);
            float b = LutText.ParseFloat(line[tok[2]], fileName, lines.Number);
            if (entries < size1D)
            {
                int at = 3 * entries;
                (table1D![at], table1D[at + 1], table1D[at + 2]) = (r, g, b);
            }
            else
            {
                // The file is red fastest, as is Lut3DOpData: entries are stored in file order.
                int at = 3 * (entries - size1D);
                (table3D![at], table3D[at + 1], table3D[at + 2]) = (r, g, b);
            }
            entries++;
        }

        if (size1D == 0 && size3D == 0)
        {
            throw new InputException("no LUT_3D_SIZE or LUT_1D_SIZE: not a .cube LUT", fileName, System.Math.Max(1, lines.LastContentLine));
        }
        if (entries < total || !inTable)
        {
            throw new InputException($"the table ends after {entries} of {(inTable ? total : size1D + size3D * size3D * size3D)} entries",
                fileName, lines.LastContentLine + 1);
        }

        if ((domainMin is null) != (domainMax is null))
        {
            throw new InputException(domainMin is null ? "DOMAIN_MAX without DOMAIN_MIN" : "DOMAIN_MIN without DOMAIN_MAX",
                fileName, System.Math.Max(domainMinLine, domainMaxLine));
        }
        (double[] Min, double[] Max, int Line)? domain = domainMin is null ? null : (domainMin, domainMax!, System.Math.Max(domainMinLine, domainMaxLine));

        Lut1DOpData? lut1D = null;
        Lut3DOpData? lut3D = null;
        if (size1D > 0 && size3D > 0)
        {
            var d1 = Pick(fileName, domain, range1D);
            (double[] Min, double[] Max, int Line)? d3 = range3D is { } r3 ? Uniform(r3) : null;
            lut1D = Make1D(table1D!, d1, fileName);
            lut3D = Make3D(size3D, table3D!, d3, fileName);
        }
        else if (size1D > 0)
        {
            lut1D = Make1D(table1D!, Pick(fileName, domain, range1D, range3D), fileName);
        }
        else
        {
            lut3D = Make3D(size3D, table3D!, Pick(fileName, domain, range3D, range1D), fileName);
        }
        return new LutFile(lut1D, lut3D, title);
    }

    private static bool IsKnownKeyword(string k) => k is "TITLE" or "LUT_1D_SIZE" or "LUT_3D_SIZE" or "LUT_2D_SIZE"
        or "DOMAIN_MIN" or "DOMAIN_MAX" or "LUT_1D_INPUT_RANGE" or "LUT_3D_INPUT_RANGE";

    private static string? Title(ReadOnlySpan<char> rest)
    {
        if (rest.Length >= 2 && rest[0] == '"')
        {
            int close = rest[1..].IndexOf('"');
            return (close < 0 ? rest[1..] : rest[1..(close + 1)]).ToString();
        }
        return rest.ToString();
    }

    private static int Size(ReadOnlySpan<char> line, Span<Range> tok, int n, string keyword, int max, string? file, int lineNo)
    {
        if (n != 2)
        {
            throw new InputException($"{keyword} needs one number", file, lineNo);
        }
        int size = LutText.ParseInt(line[tok[1]], file, lineNo, keyword);
        if (size < 2 || size > max)
        {
            throw new InputException($"{keyword} {size} is out of range (2..{max})", file, lineNo);
        }
        return size;
    }

    private static double[] Triple(ReadOnlySpan<char> line, Span<Range> tok, int n, string keyword, string? file, int lineNo)
    {
        if (n != 4)
        {
            throw new InputException($"{keyword} needs three numbers (R G B)", file, lineNo);
        }
        return
        [
            LutText.ParseDouble(line[tok[1]], file, lineNo, keyword),
            LutText.ParseDouble(line[tok[2]], file, lineNo, keyword),
            LutText.ParseDouble(line[tok[3]], file, lineNo, keyword),
        ];
    }

    private static (double, double, int) Range(ReadOnlySpan<char> line, Span<Range> tok, int n, string keyword, string? file, int lineNo)
    {
        if (n != 3)
        {
            throw new InputException($"{keyword} needs two numbers (min max)", file, lineNo);
        }
        double lo = LutText.ParseDouble(line[tok[1]], file, lineNo, keyword);
        double hi = LutText.ParseDouble(line[tok[2]], file, lineNo, keyword);
        if (!(lo < hi))
        {
            throw new InputException($"{keyword} minimum {lo} must be below its maximum {hi}", file, lineNo);
        }
        return (lo, hi, lineNo);
    }

    private static (double[] Min, double[] Max, int Line) Uniform((double Lo, double Hi, int Line) r) =>
        ([r.Lo, r.Lo, r.Lo], [r.Hi, r.Hi, r.Hi], r.Line);

    /// <summary>The one domain among the candidates that are present; disagreeing candidates are an error.</summary>
    private static (double[] Min, double[] Max, int Line)? Pick(string? file, (double[] Min, double[] Max, int Line)? domain,
        params (double Lo, double Hi, int Line)?[] ranges)
    {
        var chosen = domain;
        foreach (var r in ranges)
        {
            if (r is not { } range)
            {
                continue;
            }
            var u = Uniform(range);
            if (chosen is { } c && !(c.Min.SequenceEqual(u.Min) && c.Max.SequenceEqual(u.Max)))
            {
                throw new InputException("the input ranges given (DOMAIN_MIN/MAX, LUT_1D_INPUT_RANGE, LUT_3D_INPUT_RANGE) disagree",
                    file, System.Math.Max(c.Line, u.Line));
            }
            chosen ??= u;
        }
        return chosen;
    }

    private static Lut1DOpData Make1D(float[] table, (double[] Min, double[] Max, int Line)? d, string? file)
    {
        try
        {
            return d is { } x ? new Lut1DOpData(table, x.Min, x.Max) : new Lut1DOpData(table);
        }
        catch (ArgumentException e)
        {
            throw new InputException(e.Message, file, d?.Line);
        }
    }

    private static Lut3DOpData Make3D(int size, float[] table, (double[] Min, double[] Max, int Line)? d, string? file)
    {
        try
        {
            return d is { } x ? new Lut3DOpData(size, table, x.Min, x.Max) : new Lut3DOpData(size, table);
        }
        catch (ArgumentException e)
        {
            throw new InputException(e.Message, file, d?.Line);
        }
    }
}
