using LiveGrade.Color.Scopes;

namespace LiveGrade.Color.Overlays.Zebra;

/// <summary>CPU reference of overlay_zebra.comp.</summary>
public sealed class ZebraCpuRenderer(ZebraParams parameters)
{
    private readonly ScopeWeights _weights = parameters.Matrix.Weights();

    public void Apply(Span<float> rgba, int width, int height)
    {
        if (rgba.Length != (long)width * height * 4)
        {
            throw new ArgumentException("buffer does not match width x height RGBA");
        }
        var p = parameters;
        int lo1 = p.First.LowCode, hi1 = p.First.HighCode;
        int lo2 = p.Second?.LowCode ?? int.MaxValue, hi2 = p.Second?.HighCode ?? -1;
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                int i = (y * width + x) * 4;
                int code = VideoLevels.LumaCode(_weights.Luma(rgba[i], rgba[i + 1], rgba[i + 2]));
                if (code >= lo2 && code <= hi2)
                {
                    if (p.SecondStripe(x, y))
                    {
                        (rgba[i], rgba[i + 1], rgba[i + 2]) = (p.SecondColour.R, p.SecondColour.G, p.SecondColour.B);
                    }
                }
                else if (code >= lo1 && code <= hi1 && p.FirstStripe(x, y))
                {
                    (rgba[i], rgba[i + 1], rgba[i + 2]) = (p.FirstColour.R, p.FirstColour.G, p.FirstColour.B);
                }
            }
        }
    }
}
