namespace LiveGrade.Color.Scopes.Histogram;

/// <summary>The CPU reference histogram; the GPU pass (scope_histogram.comp) must match it bin for bin.</summary>
public static class HistogramCpuAnalyzer
{
    public static void Analyze(ReadOnlySpan<float> rgba, int width, int height, HistogramCounts into)
    {
        ScopeImage.Check(rgba, width, height);
        Array.Clear(into.Counts);
        into.ImageWidth = width;
        into.ImageHeight = height;
        var w = into.Matrix.Weights();
        uint[] c = into.Counts;
        const int n = VideoLevels.Codes;
        for (int i = 0; i < rgba.Length; i += 4)
        {
            float r = rgba[i], g = rgba[i + 1], b = rgba[i + 2];
            c[VideoLevels.LumaCode(w.Luma(r, g, b))]++;
            c[n + VideoLevels.LumaCode(r)]++;
            c[2 * n + VideoLevels.LumaCode(g)]++;
            c[3 * n + VideoLevels.LumaCode(b)]++;
        }
    }
}
