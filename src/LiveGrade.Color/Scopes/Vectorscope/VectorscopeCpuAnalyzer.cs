namespace LiveGrade.Color.Scopes.Vectorscope;

/// <summary>The CPU reference vectorscope; the GPU pass (scope_vectorscope.comp) must match it bin for bin.</summary>
public static class VectorscopeCpuAnalyzer
{
    public static void Analyze(ReadOnlySpan<float> rgba, int width, int height, VectorscopeCounts into)
    {
        ScopeImage.Check(rgba, width, height);
        var p = into.Params;
        Array.Clear(into.Counts);
        into.ImageWidth = width;
        into.ImageHeight = height;
        var w = p.Matrix.Weights();
        int size = p.Size;
        for (int i = 0; i < rgba.Length; i += 4)
        {
            float r = rgba[i], g = rgba[i + 1], b = rgba[i + 2];
            int cb = p.Bin(VideoLevels.ChromaCode(w.Cb(r, g, b)));
            int cr = p.Bin(VideoLevels.ChromaCode(w.Cr(r, g, b)));
            into.Counts[cr * size + cb]++;
        }
    }
}
