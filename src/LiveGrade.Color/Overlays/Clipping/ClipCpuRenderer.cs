using LiveGrade.Color.Scopes;

namespace LiveGrade.Color.Overlays.Clipping;

/// <summary>CPU reference of overlay_clip.comp.</summary>
public sealed class ClipCpuRenderer(ClipParams parameters)
{
    public void Apply(Span<float> rgba)
    {
        int hi = parameters.HighCode, lo = parameters.LowCode;
        for (int i = 0; i < rgba.Length; i += 4)
        {
            int r = VideoLevels.LumaCode(rgba[i]), g = VideoLevels.LumaCode(rgba[i + 1]), b = VideoLevels.LumaCode(rgba[i + 2]);
            if (r >= hi || g >= hi || b >= hi)
            {
                (rgba[i], rgba[i + 1], rgba[i + 2]) = (parameters.HighColour.R, parameters.HighColour.G, parameters.HighColour.B);
            }
            else if (r <= lo || g <= lo || b <= lo)
            {
                (rgba[i], rgba[i + 1], rgba[i + 2]) = (parameters.LowColour.R, parameters.LowColour.G, parameters.LowColour.B);
            }
        }
    }
}
