namespace LiveGrade.Color.Scopes.Waveform;

/// <summary>
/// The CPU reference waveform: the GPU pass (scope_waveform.comp) must give the same counts bin for bin.
/// Scalar and single-threaded on purpose: it is the reference the tests and the `scope` verb trust.
/// </summary>
public static class WaveformCpuAnalyzer
{
    /// <summary>Counts packed RGBA float pixels (rows top to bottom) into <paramref name="into"/>.</summary>
    public static void Analyze(ReadOnlySpan<float> rgba, int width, int height, WaveformCounts into)
    {
        ScopeImage.Check(rgba, width, height);
        var p = into.Params;
        Array.Clear(into.Counts);
        into.ImageWidth = width;
        into.ImageHeight = height;
        var w = p.Matrix.Weights();
        uint[] counts = into.Counts;
        int columns = p.Columns;
        bool rgb = p.Rgb;
        for (int y = 0; y < height; y++)
        {
            var row = rgba.Slice(y * width * 4, width * 4);
            // column = x * columns / width (integer division), kept as a quotient and remainder stepped by
            // `columns` per pixel rather than divided per pixel.
            int column = 0, remainder = 0;
            for (int x = 0; x < width; x++)
            {
                float r = row[x * 4], g = row[x * 4 + 1], b = row[x * 4 + 2];
                if (rgb)
                {
                    counts[column * VideoLevels.Codes + VideoLevels.LumaCode(r)]++;
                    counts[(columns + column) * VideoLevels.Codes + VideoLevels.LumaCode(g)]++;
                    counts[(2 * columns + column) * VideoLevels.Codes + VideoLevels.LumaCode(b)]++;
                }
                else
                {
                    counts[column * VideoLevels.Codes + VideoLevels.LumaCode(w.Luma(r, g, b))]++;
                }
                remainder += columns;
                while (remainder >= width)
                {
                    remainder -= width;
                    column++;
                }
            }
        }
    }
}
