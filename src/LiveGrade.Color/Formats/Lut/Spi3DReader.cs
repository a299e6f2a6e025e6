using LiveGrade.Color.Ops.Lut3D;
using LiveGrade.Core.Diagnostics;

namespace LiveGrade.Color.Formats.Lut;

/// <summary>
/// Reads Sony Pictures Imageworks .spi3d: <c>SPILUT 1.0</c>, <c>3 3</c> (input and output channels),
/// <c>N N N</c> (equal edges, 2..129), then one line per lattice point, <c>r g b R G B</c>: the point's
/// integer indices and its output. Lines may come in any order (writers use blue fastest); a point given
/// twice keeps the last value, as in OpenColorIO. The domain is [0, 1]. Every point must be present.
/// NaN and infinities are rejected; errors carry the 1-based line.
/// </summary>
public static class Spi3DReader
{
    public static LutFile Parse(string text, string? fileName)
    {
        LutText.CheckSize(text, fileName);
        var lines = new LutLines(text);
        Span<Range> tok = stackalloc Range[8];

        if (!NextContent(ref lines, out var line) || !line.StartsWith("SPILUT", StringComparison.OrdinalIgnoreCase))
        {
            throw new InputException("expected 'SPILUT 1.0' on the first line: not a .spi3d LUT", fileName, System.Math.Max(1, lines.Number));
        }
        if (!NextContent(ref lines, out line))
        {
            throw new InputException("the file ends after its first line", fileName, lines.LastContentLine + 1);
        }
        int n = LutText.Split(line, tok);
        if (n != 2 || LutText.ParseInt(line[tok[0]], fileName, lines.Number) != 3 || LutText.ParseInt(line[tok[1]], fileName, lines.Number) != 3)
        {
            throw new InputException("expected '3 3' (three input and three output channels)", fileName, lines.Number);
        }
        if (!NextContent(ref lines, out line))
        {
            throw new InputException("missing the lattice size line 'N N N'", fileName, lines.LastContentLine + 1);
        }
        n = LutText.Split(line, tok);
        if (n != 3)
        {
            throw new InputException("expected the lattice size 'N N N'", fileName, lines.Number);
        }
        int size = LutText.ParseInt(line[tok[0]], fileName, lines.Number, "size");
        if (LutText.ParseInt(line[tok[1]], fileName, lines.Number, "size") != size
            || LutText.ParseInt(line[tok[2]], fileName, lines.Number, "size") != size)
        {
            throw new InputException("the lattice must have the same size on each axis", fileName, lines.Number);
        }
        if (size < 2 || size > Lut3DOpData.MaxSize)
        {
            throw new InputException($"lattice size {size} is out of range (2..{Lut3DOpData.MaxSize})", fileName, lines.Number);
        }

        int points = size * size * size;
        var table = new float[3 * points];
        var seen = new bool[points];
        int filled = 0;
        while (lines.Next(out line))
        {
            if (line.IsEmpty)
            {
                continue;
            }
            n = LutText.Split(line, tok);
            if (n != 6)
            {
                throw new InputException($"expected 6 values (r g b index, R G B output), found {n}{(n == tok.Length ? " or more" : "")}",
                    fileName, lines.Number);
            }
            int r = LutText.ParseInt(line[tok[0]], fileName, lines.Number, "index");
            int g = LutText.ParseInt(line[tok[1]], fileName, lines.Number, "index");
            int b = LutText.ParseInt(line[tok[2]], fileName, lines.Number, "index");
            if ((uint)r >= (uint)size || (uint)g >= (uint)size || (uint)b >= (uint)size)
            {
                throw new InputException($"lattice index ({r} {g} {b}) is outside 0..{size - 1}", fileName, lines.Number);
            }
            int at = Lut3DOpData.Index(r, g, b, size);
            table[3 * at] = LutText.ParseFloat(line[tok[3]], fileName, lines.Number);
            table[3 * at + 1] = LutText.ParseFloat(line[tok[4]], fileName, lines.Number);
            table[3 * at + 2] = LutText.ParseFloat(line[tok[5]], fileName, lines.Number);
            if (!seen[at])
            {
                seen[at] = true;
                filled++;
            }
        }
        if (filled < points)
        {
            int missing = Array.IndexOf(seen, false);
            int mr = missing % size, mg = missing / size % size, mb = missing / (size * size);
            throw new InputException($"the table ends with {points - filled} of {points} lattice points missing, the first ({mr} {mg} {mb})",
                fileName, lines.LastContentLine + 1);
        }
        return new LutFile(null, new Lut3DOpData(size, table));
    }

    private static bool NextContent(ref LutLines lines, out ReadOnlySpan<char> line)
    {
        while (lines.Next(out line))
        {
            if (!line.IsEmpty)
            {
                return true;
            }
        }
        return false;
    }
}
