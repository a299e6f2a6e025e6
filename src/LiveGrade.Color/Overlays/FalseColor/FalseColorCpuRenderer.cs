using LiveGrade.Color.Scopes;

namespace LiveGrade.Color.Overlays.FalseColor;

/// <summary>
/// CPU reference of overlay_false_color.comp: each pixel's Y' is quantised to its 10-bit code and looked
/// up in the ramp; a band paints its colour, anything else shows Y' (clamped to 0..1) as grey.
/// </summary>
public sealed class FalseColorCpuRenderer(FalseColorParams parameters)
{
    private readonly FalseColorTable _table = parameters.BuildTable();
    private readonly ScopeWeights _weights = parameters.Matrix.Weights();

    public FalseColorTable Table => _table;

    public void Apply(Span<float> rgba)
    {
        for (int i = 0; i < rgba.Length; i += 4)
        {
            float y = _weights.Luma(rgba[i], rgba[i + 1], rgba[i + 2]);
            if (_table.Entries[VideoLevels.LumaCode(y)] is { } c)
            {
                (rgba[i], rgba[i + 1], rgba[i + 2]) = (c.R, c.G, c.B);
            }
            else
            {
                float grey = float.IsNaN(y) ? 0f : System.Math.Clamp(y, 0f, 1f);
                rgba[i] = rgba[i + 1] = rgba[i + 2] = grey;
            }
        }
    }
}
