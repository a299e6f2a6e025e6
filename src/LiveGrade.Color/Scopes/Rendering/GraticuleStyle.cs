namespace LiveGrade.Color.Scopes.Rendering;

/// <summary>Colours and sizes every scope graticule shares: amber lines and labels on the dark face.</summary>
public static class GraticuleStyle
{
    public static readonly Rgb Line = new(0.85f, 0.68f, 0.32f);
    public static readonly Rgb Label = new(0.9f, 0.78f, 0.5f);
    public const float Major = 0.6f, Minor = 0.3f, Text = 0.95f;

    /// <summary>Trace colours: a green-white phosphor for luma and vectorscope, primaries for R, G, B.</summary>
    public static readonly Rgb Phosphor = new(0.62f, 1.0f, 0.68f);
    public static readonly Rgb TraceRed = new(1.0f, 0.16f, 0.12f);
    public static readonly Rgb TraceGreen = new(0.12f, 1.0f, 0.2f);
    public static readonly Rgb TraceBlue = new(0.2f, 0.38f, 1.0f);
    public static readonly Rgb HistogramLuma = new(0.85f, 0.85f, 0.85f);

    public const int LabelScale = 1, TitleScale = 2;
    public const int MarginLeft = 56, MarginTop = 30, MarginRight = 14, MarginBottom = 14, PlotGap = 14;

    public static string TapName(ScopeTap tap) => tap switch
    {
        ScopeTap.BeforeLook => "BEFORE LOOK",
        ScopeTap.AfterLook => "AFTER LOOK",
        _ => "AFTER DISPLAY",
    };
}
