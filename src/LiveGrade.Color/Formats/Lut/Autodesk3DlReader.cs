using LiveGrade.Color.Ops;
using LiveGrade.Color.Ops.Lut1D;
using LiveGrade.Color.Ops.Lut3D;
using LiveGrade.Core.Diagnostics;

namespace LiveGrade.Color.Formats.Lut;

/// <summary>
/// Reads Autodesk Flame/Lustre .3dl integer 3D LUTs.
/// <list type="bullet">
/// <item>Lines starting with <c>#</c> are comments; lines whose first word is not a number are keywords
/// (<c>3DMESH</c>, <c>Mesh inBits outBits</c>, <c>LUT8</c>, <c>gamma 1.0</c>...) and are skipped, except that
/// <c>Mesh</c>'s output bit depth is used when present. A line starting with <c>&lt;</c> (XML) is rejected.</item>
/// <item>A line of more than three integers is the mesh: the input code values of the lattice points,
/// one per point (so its length is the lattice size). Lines of three integers are lattice outputs,
/// BLUE fastest. All numbers are non-negative integers.</item>
/// <item>Bit depths: the mesh's from its largest value and the outputs' from the largest output (unless
/// <c>Mesh</c> gives it), with OpenColorIO 2.1's rule: the smallest of 8, 10, 12, 16 bits whose maximum code
/// doubled still covers the value (14 counts as 16). Largest values below 128 are not plausible .3dl.</item>
/// <item>The mesh: values within 2 codes of an even ramp mean a uniform lattice (no shaper; OCIO's
/// tolerance). Otherwise the lattice points sit at those input codes, so the shaper that maps an input to
/// its lattice coordinate is the INVERSE of the 1D LUT mesh[i]/maxCode, and LiveGrade applies it so. This
/// is Autodesk's meaning of the mesh; OpenColorIO 2.1 applies that 1D LUT forward instead, so LiveGrade
/// and OCIO disagree on non-uniform meshes (rare in practice; ociobakelut always writes uniform ones).</item>
/// </list>
/// Limits: lattice 2..129 per edge (the entry count must be a cube), files up to 256 MiB. Errors carry
/// the 1-based line.
/// </summary>
public static class Autodesk3DlReader
{
    /// <summary>Below this largest code value a file is not a plausible integer .3dl (OCIO's rule).</summary>
    private const int LowestPlausibleMaxCode = 128;

    public static LutFile Parse(string text, string? fileName)
    {
        LutText.CheckSize(text, fileName);
        var lines = new LutLines(text);
        Span<Range> tok = stackalloc Range[5];
        List<int>? mesh = null;
        int meshLine = 0;
        int? headerOutBits = null;
        int headerLine = 0;
        var data = new List<int>();
        int maxOut = 0;
        int firstDataLine = 0;
        const int MaxEntries = Lut3DOpData.MaxSize * Lut3DOpData.MaxSize * Lut3DOpData.MaxSize;

        while (lines.Next(out var line))
        {
            if (line.IsEmpty || line[0] == '#')
            {
                continue;
            }
            if (line[0] == '<')
            {
                throw new InputException("a line starting with '<' (XML?) in a .3dl file", fileName, lines.Number);
            }
            int k = LutText.Split(line, tok);
            // Keyword lines ("3DMESH" starts with a digit) are those whose first token is not a number.
            if (!LutText.LooksNumeric(line[tok[0]]))
            {
                if (line[tok[0]].Equals("Mesh", StringComparison.OrdinalIgnoreCase))
                {
                    if (k != 3)
                    {
                        throw new InputException("Mesh needs two numbers (input and output bit depth)", fileName, lines.Number);
                    }
                    int declared = LutText.ParseInt(line[tok[2]], fileName, lines.Number, "Mesh output bit depth");
                    if (declared is < 8 or > 16)
                    {
                        throw new InputException($"Mesh output bit depth {declared} is out of range (8..16)", fileName, lines.Number);
                    }
                    headerOutBits = declared;
                    headerLine = lines.Number;
                }
                continue;
            }
            int count = LutText.CountTokens(line);
            if (count > 3)
            {
                if (mesh is not null)
                {
                    throw new InputException("a second mesh line (the mesh is the one line of more than three values)", fileName, lines.Number);
                }
                if (data.Count > 0)
                {
                    throw new InputException("the mesh line comes after lattice entries", fileName, lines.Number);
                }
                if (count > Lut3DOpData.MaxSize)
                {
                    throw new InputException($"mesh of {count} points is out of range (lattice 2..{Lut3DOpData.MaxSize})", fileName, lines.Number);
                }
                mesh = ParseInts(line, count, fileName, lines.Number, "mesh");
                meshLine = lines.Number;
                continue;
            }
            if (count != 3)
            {
                throw new InputException($"expected 3 values (R G B), found {count}", fileName, lines.Number);
            }
            if (data.Count >= 3 * MaxEntries)
            {
                throw new InputException($"more lattice entries than a {Lut3DOpData.MaxSize}^3 LUT holds", fileName, lines.Number);
            }
            LutText.Split(line, tok);
            for (int c = 0; c < 3; c++)
            {
                int v = ParseCode(line[tok[c]], fileName, lines.Number);
                data.Add(v);
                maxOut = System.Math.Max(maxOut, v);
            }
            if (firstDataLine == 0)
            {
                firstDataLine = lines.Number;
            }
        }

        int entries = data.Count / 3;
        if (entries == 0)
        {
            throw new InputException("no lattice entries: not a .3dl LUT", fileName, lines.LastContentLine + 1);
        }
        int size = (int)System.Math.Round(System.Math.Cbrt(entries));
        if (size * size * size != entries || size < 2)
        {
            throw new InputException($"{entries} lattice entries do not form a cube (nearest {size}^3 = {size * size * size})",
                fileName, lines.LastContentLine + 1);
        }
        if (mesh is not null && mesh.Count != size)
        {
            throw new InputException($"the mesh has {mesh.Count} points but the lattice is {size}^3", fileName, meshLine);
        }

        int outBits;
        if (headerOutBits is { } hb)
        {
            outBits = hb;
        }
        else
        {
            if (maxOut < LowestPlausibleMaxCode)
            {
                throw new InputException($"largest output {maxOut} is implausibly low for an integer .3dl", fileName, firstDataLine);
            }
            outBits = LikelyBitDepth(maxOut);
        }
        float outScale = (float)((1 << outBits) - 1);
        if (headerOutBits is not null && maxOut > 2 * (1 << outBits))
        {
            throw new InputException($"outputs up to {maxOut} do not fit the {outBits}-bit depth that Mesh declares", fileName, headerLine);
        }

        // Blue fastest in the file; red fastest in Lut3DOpData.
        var table = new float[3 * entries];
        for (int k = 0; k < entries; k++)
        {
            int b = k % size, g = k / size % size, r = k / (size * size);
            int at = 3 * Lut3DOpData.Index(r, g, b, size);
            table[at] = data[3 * k] / outScale;
            table[at + 1] = data[3 * k + 1] / outScale;
            table[at + 2] = data[3 * k + 2] / outScale;
        }
        var lut3D = new Lut3DOpData(size, table);
        return new LutFile(mesh is null ? null : MeshShaper(mesh, fileName, meshLine), lut3D);
    }

    /// <summary>OpenColorIO 2.1's GetLikelyLutBitDepth: smallest even depth whose max code doubled covers the value; 14 becomes 16.</summary>
    internal static int LikelyBitDepth(int maxValue)
    {
        for (int bits = 8; bits <= 16; bits += 2)
        {
            if (maxValue <= (1 << bits) * 2 - 1)
            {
                return bits == 14 ? 16 : bits;
            }
        }
        return 16;
    }

    private static Lut1DOpData? MeshShaper(List<int> mesh, string? file, int line)
    {
        int max = mesh.Max();
        if (max < LowestPlausibleMaxCode)
        {
            throw new InputException($"largest mesh value {max} is implausibly low for an integer .3dl", file, line);
        }
        int bits = LikelyBitDepth(max);
        double maxCode = (1 << bits) - 1;
        int n = mesh.Count;
        bool uniform = true;
        for (int i = 0; i < n; i++)
        {
            if (i > 0 && mesh[i] <= mesh[i - 1])
            {
                throw new InputException("mesh values must increase", file, line);
            }
            // OCIO's identity test: every point within 2 codes of the even ramp over the full code range.
            if (System.Math.Abs(i * maxCode / (n - 1) - mesh[i]) >= 2)
            {
                uniform = false;
            }
        }
        if (uniform)
        {
            return null;
        }
        var rgb = new float[3 * n];
        for (int i = 0; i < n; i++)
        {
            rgb[3 * i] = rgb[3 * i + 1] = rgb[3 * i + 2] = (float)(mesh[i] / maxCode);
        }
        // Input code -> lattice coordinate: the inverse of "lattice coordinate -> mesh code".
        return new Lut1DOpData(rgb, direction: TransformDirection.Inverse);
    }

    private static List<int> ParseInts(ReadOnlySpan<char> line, int count, string? file, int lineNo, string what)
    {
        var values = new List<int>(count);
        int i = 0;
        while (i < line.Length)
        {
            while (i < line.Length && char.IsWhiteSpace(line[i]))
            {
                i++;
            }
            int start = i;
            while (i < line.Length && !char.IsWhiteSpace(line[i]))
            {
                i++;
            }
            if (i > start)
            {
                values.Add(ParseCode(line[start..i], file, lineNo, what));
            }
        }
        return values;
    }

    private static int ParseCode(ReadOnlySpan<char> token, string? file, int line, string what = "value")
    {
        if (LutText.LooksNumeric(token) && !int.TryParse(token, out _))
        {
            throw new InputException($"bad number '{token}' for {what}: a .3dl holds integer code values", file, line);
        }
        int v = LutText.ParseInt(token, file, line, what);
        if (v < 0)
        {
            throw new InputException($"negative code value {v}", file, line);
        }
        return v;
    }
}
