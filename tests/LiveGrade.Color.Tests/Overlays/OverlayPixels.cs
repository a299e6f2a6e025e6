namespace LiveGrade.Color.Tests.Overlays;

/// <summary>Small pictures for overlay tests.</summary>
internal static class OverlayPixels
{
    /// <summary>One row of grey pixels at the given 10-bit luma codes (R' = G' = B', so Y' is the same code).</summary>
    public static float[] GreyCodes(params int[] codes)
    {
        var px = new float[codes.Length * 4];
        for (int i = 0; i < codes.Length; i++)
        {
            float v = (codes[i] - 64) / 876f;
            (px[i * 4], px[i * 4 + 1], px[i * 4 + 2], px[i * 4 + 3]) = (v, v, v, 1f);
        }
        return px;
    }

    public static float[] Fill(int w, int h, float r, float g, float b)
    {
        var px = new float[w * h * 4];
        for (int i = 0; i < w * h; i++)
        {
            (px[i * 4], px[i * 4 + 1], px[i * 4 + 2], px[i * 4 + 3]) = (r, g, b, 1f);
        }
        return px;
    }
}
