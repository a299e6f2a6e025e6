namespace LiveGrade.Color.Overlays.Compare;

/// <summary>
/// CPU reference of overlay_compare.comp: writes the comparison of A and B (same size) into an output
/// buffer of that size.
/// </summary>
public sealed class CompareCpuRenderer(CompareParams parameters)
{
    public void Apply(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> output, int width, int height)
    {
        long n = (long)width * height * 4;
        if (a.Length != n || b.Length != n || output.Length != n)
        {
            throw new ArgumentException("A, B and the output must all be width x height RGBA");
        }
        if (parameters.Mode == CompareMode.SideBySide)
        {
            SideBySide(a, b, output, width, height);
            return;
        }
        var (cx, cy, nx, ny, half) = parameters.Divider(width, height);
        var line = parameters.LineColour;
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                int i = (y * width + x) * 4;
                // Signed distance of the pixel centre from the divider, in float as the shader computes it.
                float d = (x + 0.5f - cx) * nx + (y + 0.5f - cy) * ny;
                if (MathF.Abs(d) < half)
                {
                    (output[i], output[i + 1], output[i + 2], output[i + 3]) = (line.R, line.G, line.B, 1f);
                    continue;
                }
                var src = d < 0 ? a : b;
                output[i] = src[i];
                output[i + 1] = src[i + 1];
                output[i + 2] = src[i + 2];
                output[i + 3] = src[i + 3];
            }
        }
    }

    /// <summary>
    /// Each picture at half size by a 2x2 box average: output (x, y) in the left half reads A's pixels
    /// (2x, 2(y - top)) to (2x+1, 2(y - top)+1), where top = height/4 centres the half-height pictures
    /// (letterboxed on black). Over the pictures' rows, the divider (<see cref="CompareParams.SideBySideDivider"/>)
    /// takes the line colour.
    /// </summary>
    private void SideBySide(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> output, int width, int height)
    {
        int top = height / 4, rows = height / 2;
        for (int y = 0; y < height; y++)
        {
            var row = output.Slice(y * width * 4, width * 4);
            int sy = y - top;
            if (sy >= 0 && sy < rows)
            {
                SideBySideRow(parameters, a, b, width, sy, row);
                continue;
            }
            for (int o = 0; o < row.Length; o += 4) (row[o], row[o + 1], row[o + 2], row[o + 3]) = (0f, 0f, 0f, 1f);
        }
    }

    /// <summary>
    /// One row of the side-by-side picture: row <paramref name="sy"/> of the half-size pictures (A on the left, B
    /// on the right, each a 2x2 box average of rows 2·sy and 2·sy + 1), the divider in the line colour, black in
    /// the column an odd width leaves. Live outputs compose in place row by row through this same rule.
    /// </summary>
    public static void SideBySideRow(CompareParams parameters, ReadOnlySpan<float> a, ReadOnlySpan<float> b, int width, int sy, Span<float> row)
    {
        int half = width / 2;
        var (line0, line1) = parameters.SideBySideDivider(width);
        var line = parameters.LineColour;
        for (int x = 0; x < width; x++)
        {
            int o = x * 4;
            bool left = x < half;
            int sx = left ? x : x - half;
            if (sx >= half)
            {
                (row[o], row[o + 1], row[o + 2], row[o + 3]) = (0f, 0f, 0f, 1f);
                continue;
            }
            if (x >= line0 && x < line1)
            {
                (row[o], row[o + 1], row[o + 2], row[o + 3]) = (line.R, line.G, line.B, 1f);
                continue;
            }
            var src = left ? a : b;
            int i00 = (2 * sy * width + 2 * sx) * 4, i10 = i00 + 4, i01 = i00 + width * 4, i11 = i01 + 4;
            for (int c = 0; c < 4; c++)
            {
                row[o + c] = (src[i00 + c] + src[i10 + c] + src[i01 + c] + src[i11 + c]) * 0.25f;
            }
        }
    }
}
