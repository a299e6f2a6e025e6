using LiveGrade.Color.Ops.Lut1D;
using LiveGrade.Core.Diagnostics;

namespace LiveGrade.Color.Formats.Lut;

/// <summary>
/// Reads Sony Pictures Imageworks .spi1d: a header of <c>Version 1</c>, <c>From min max</c> (the input
/// domain, all channels; default 0 1), <c>Length N</c> (2..65536) and <c>Components 1|2|3</c>, then the
/// entries between <c>{</c> and <c>}</c>, one per line. One component is used for all three channels; two
/// fill red and green and leave blue 0 (as OpenColorIO does). Header keywords are case-insensitive and
/// unknown ones are ignored. NaN and infinities are rejected; errors carry the 1-based line.
/// </summary>
public static class Spi1DReader
{
    public static LutFile Parse(string text, string? fileName)
    {
        LutText.CheckSize(text, fileName);
        var lines = new LutLines(text);
        Span<Range> tok = stackalloc Range[5];
        int version = -1, length = -1, components = -1;
        double from = 0, to = 1;
        int fromLine = 0;
        bool open = false;

        while (lines.Next(out var line))
        {
            if (line.IsEmpty)
            {
                continue;
            }
            if (line[0] == '{')
            {
                open = true;
                break;
            }
            int n = LutText.Split(line, tok);
            var key = line[tok[0]].ToString().ToUpperInvariant();
            switch (key)
            {
                case "VERSION":
                    version = n == 2 ? LutText.ParseInt(line[tok[1]], fileName, lines.Number, "Version") : -1;
                    if (version != 1)
                    {
                        throw new InputException("only .spi1d Version 1 is supported", fileName, lines.Number);
                    }
                    break;
                case "FROM":
                    if (n != 3)
                    {
                        throw new InputException("From needs two numbers (min max)", fileName, lines.Number);
                    }
                    from = LutText.ParseDouble(line[tok[1]], fileName, lines.Number, "From");
                    to = LutText.ParseDouble(line[tok[2]], fileName, lines.Number, "From");
                    fromLine = lines.Number;
                    if (!(from < to))
                    {
                        throw new InputException($"From minimum {from} must be below its maximum {to}", fileName, lines.Number);
                    }
                    break;
                case "LENGTH":
                    length = n == 2 ? LutText.ParseInt(line[tok[1]], fileName, lines.Number, "Length") : -1;
                    if (length < 2 || length > Lut1DOpData.MaxSize)
                    {
                        throw new InputException($"Length must be 2..{Lut1DOpData.MaxSize}", fileName, lines.Number);
                    }
                    break;
                case "COMPONENTS":
                    components = n == 2 ? LutText.ParseInt(line[tok[1]], fileName, lines.Number, "Components") : -1;
                    if (components is < 1 or > 3)
                    {
                        throw new InputException("Components must be 1, 2 or 3", fileName, lines.Number);
                    }
                    break;
                default:
                    break;
            }
        }

        int at = System.Math.Max(1, lines.Number);
        if (!open)
        {
            throw new InputException("no '{' opening the table: not a .spi1d LUT", fileName, lines.LastContentLine + 1);
        }
        if (version < 0)
        {
            throw new InputException("missing 'Version 1' before the table", fileName, at);
        }
        if (length < 0)
        {
            throw new InputException("missing 'Length' before the table", fileName, at);
        }
        if (components < 0)
        {
            throw new InputException("missing 'Components' before the table", fileName, at);
        }

        var rgb = new float[3 * length];
        int count = 0;
        bool closed = false;
        while (lines.Next(out var line))
        {
            if (line.IsEmpty)
            {
                continue;
            }
            if (line[0] == '}')
            {
                closed = true;
                break;
            }
            int n = LutText.Split(line, tok);
            if (n != components)
            {
                throw new InputException($"expected {components} value{(components == 1 ? "" : "s")}, found {n}{(n == tok.Length ? " or more" : "")}",
                    fileName, lines.Number);
            }
            if (count >= length)
            {
                throw new InputException($"more entries than Length {length}", fileName, lines.Number);
            }
            float a = LutText.ParseFloat(line[tok[0]], fileName, lines.Number);
            float b = components >= 2 ? LutText.ParseFloat(line[tok[1]], fileName, lines.Number) : a;
            float c = components == 3 ? LutText.ParseFloat(line[tok[2]], fileName, lines.Number) : components == 2 ? 0f : a;
            (rgb[3 * count], rgb[3 * count + 1], rgb[3 * count + 2]) = (a, b, c);
            count++;
        }
        if (count < length)
        {
            throw new InputException($"the table ends after {count} of {length} entries", fileName,
                closed ? lines.Number : lines.LastContentLine + 1);
        }
        try
        {
            return new LutFile(new Lut1DOpData(rgb, [from, from, from], [to, to, to]), null);
        }
        catch (ArgumentException e)
        {
            throw new InputException(e.Message, fileName, fromLine == 0 ? null : fromLine);
        }
    }
}
