namespace LiveGrade.Color.Scopes.Rendering;

/// <summary>
/// The frame-dependent numbers a trace needs besides the counts: 1 / ln(1 + Nflat) for waveforms and
/// vectorscopes, the histogram's row thresholds, and the user's gain.
/// </summary>
public sealed record ScopeTraceScale(float InverseLogFlat, float Gain, uint[] HistogramThresholds)
{
    public static ScopeTraceScale ForFlatCount(long flatCount, float gain) =>
        new(TraceIntensity.InverseLogFlat(flatCount), gain, [0]);

    public static ScopeTraceScale ForHistogram(int rows, long samples, float gain) =>
        new(TraceIntensity.InverseLogFlat(samples), gain, TraceIntensity.HistogramThresholds(rows, samples));
}

/// <summary>
/// The CPU reference of the trace pass: for every pixel of the picture, the background, plus each plot
/// channel's colour times its brightness, clamped to 1, then the graticule laid over (premultiplied).
/// scope_trace.comp computes the same per pixel.
/// </summary>
public static class ScopeCompositor
{
    /// <summary>Vectorscope spot weights of the edge and corner neighbours (the centre is 1).</summary>
    public const float SpotEdge = 0.7f, SpotCorner = 0.45f;

    /// <summary>Writes the picture as RGBA float (alpha 1) into <paramref name="rgba"/>.</summary>
    public static void Compose(ScopeLayout layout, ReadOnlySpan<uint> counts, ScopeTraceScale scale, Span<float> rgba)
    {
        if (rgba.Length != layout.Width * layout.Height * 4)
        {
            throw new ArgumentException("output does not match the layout size");
        }
        var g = layout.Graticule.Pixels;
        for (int py = 0; py < layout.Height; py++)
        {
            for (int px = 0; px < layout.Width; px++)
            {
                float r = ScopeLayout.Background.R, gr = ScopeLayout.Background.G, b = ScopeLayout.Background.B;
                foreach (var plot in layout.Plots)
                {
                    if (!plot.Contains(px, py))
                    {
                        continue;
                    }
                    foreach (var ch in plot.Channels)
                    {
                        float i = Brightness(plot, ch, counts, scale, px, py);
                        r += ch.Colour.R * i;
                        gr += ch.Colour.G * i;
                        b += ch.Colour.B * i;
                    }
                }
                int o = (py * layout.Width + px) * 4;
                float k = 1f - g[o + 3];
                rgba[o] = MathF.Min(r, 1f) * k + g[o];
                rgba[o + 1] = MathF.Min(gr, 1f) * k + g[o + 1];
                rgba[o + 2] = MathF.Min(b, 1f) * k + g[o + 2];
                rgba[o + 3] = 1f;
            }
        }
    }

    private static float Brightness(ScopePlot plot, ScopeTraceChannel ch, ReadOnlySpan<uint> counts, ScopeTraceScale scale, int px, int py)
    {
        int cx = px - plot.X;
        int rowFromBottom = plot.Y + plot.Height - 1 - py;
        switch (plot.Kind)
        {
            case ScopePlotKind.Waveform:
            {
                uint sum = 0;
                int start = ch.CountsOffset + cx * VideoLevels.Codes + rowFromBottom * plot.BinsPerPixel;
                for (int k = 0; k < plot.BinsPerPixel; k++)
                {
                    sum += counts[start + k];
                }
                return TraceIntensity.Of(sum, scale.InverseLogFlat, scale.Gain);
            }
            case ScopePlotKind.Vectorscope:
            {
                // A 3x3 spot like a CRT's beam, so a flat colour (one bin) reads as a dot, not a lone pixel:
                // the brightest of the neighbours' brightness times 1 (centre), 0.7 (edges), 0.45 (corners).
                float best = 0f;
                for (int dy = -1; dy <= 1; dy++)
                {
                    for (int dx = -1; dx <= 1; dx++)
                    {
                        int x = cx + dx, y = rowFromBottom + dy;
                        if (x < 0 || x >= plot.Width || y < 0 || y >= plot.Height)
                        {
                            continue;
                        }
                        float weight = dx == 0 && dy == 0 ? 1f : dx == 0 || dy == 0 ? SpotEdge : SpotCorner;
                        best = MathF.Max(best, weight * TraceIntensity.Of(counts[ch.CountsOffset + y * plot.Width + x], scale.InverseLogFlat, scale.Gain));
                    }
                }
                return best;
            }
            default:
            {
                uint sum = 0;
                int start = ch.CountsOffset + cx * plot.BinsPerPixel;
                for (int k = 0; k < plot.BinsPerPixel; k++)
                {
                    sum += counts[start + k];
                }
                return sum != 0 && sum >= scale.HistogramThresholds[rowFromBottom] ? ScopeLayout.HistogramFill : 0f;
            }
        }
    }
}
