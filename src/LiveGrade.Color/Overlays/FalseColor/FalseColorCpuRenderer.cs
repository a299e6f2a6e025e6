using LiveGrade.Color.Scopes;

namespace LiveGrade.Color.Overlays.FalseColor;

/// <summary>
/// CPU reference of overlay_false_color.comp: each pixel's Y' is quantised to its 10-bit code and looked
/// up in the ramp; a band paints its colour, anything else shows Y' (clamped to 0..1) as grey.
/// </summary>
public sealed class FalseColorCpuRenderer
{
    private readonly FalseColorTable _table;
    private readonly ScopeWeights _weights;

    // The table flattened to R, G, B and a band flag per code: the per-pixel lookup is then one array read
    // instead of an interface call returning a nullable colour (this runs on every live frame).
    private readonly float[] _flat;

    public FalseColorCpuRenderer(FalseColorParams parameters)
    {
        _table = parameters.BuildTable();
        _weights = parameters.Matrix.Weights();
        _flat = Flatten(_table);
    }

    public FalseColorTable Table => _table;

    /// <summary>The luma weights the codes are computed with.</summary>
    public ScopeWeights Weights => _weights;

    /// <summary>Per 10-bit code: R, G, B of its band and 1, or four zeros where no band paints (grey shows).</summary>
    public ReadOnlySpan<float> FlatTable => _flat;

    public void Apply(Span<float> rgba)
    {
        var flat = _flat;
        var w = _weights;
        for (int i = 0; i < rgba.Length; i += 4)
        {
            float y = w.Luma(rgba[i], rgba[i + 1], rgba[i + 2]);
            int e = VideoLevels.LumaCode(y) * 4;
            if (flat[e + 3] != 0)
            {
                (rgba[i], rgba[i + 1], rgba[i + 2]) = (flat[e], flat[e + 1], flat[e + 2]);
            }
            else
            {
                float grey = float.IsNaN(y) ? 0f : System.Math.Clamp(y, 0f, 1f);
                rgba[i] = rgba[i + 1] = rgba[i + 2] = grey;
            }
        }
    }

    private static float[] Flatten(FalseColorTable table)
    {
        var flat = new float[table.Entries.Count * 4];
        for (int code = 0; code < table.Entries.Count; code++)
        {
            if (table.Entries[code] is { } c)
            {
                (flat[code * 4], flat[code * 4 + 1], flat[code * 4 + 2], flat[code * 4 + 3]) = (c.R, c.G, c.B, 1f);
            }
        }
        return flat;
    }
}
