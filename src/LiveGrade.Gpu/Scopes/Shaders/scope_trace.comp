// Draws a scope picture from counts: background, plus each plot channel's colour times its brightness,
// clamped to 1, then the graticule layer (premultiplied) over it. Mirrors ScopeCompositor; brightness is
// TraceIntensity: 0 for no samples, else min(1, gain * (0.25 + 0.75 * ln(1 + c) / ln(1 + Nflat))).
// Histogram bars compare counts with per-row thresholds computed on the CPU, so heights match exactly.
layout(local_size_x = 16, local_size_y = 16) in;
layout(rgba32f, binding = 0) writeonly uniform image2D lg_out;
layout(rgba32f, binding = 1) readonly uniform image2D lg_graticule;
layout(std430, binding = 1) readonly buffer lg_counts_buffer { uint lg_counts[]; };
layout(std430, binding = 2) readonly buffer lg_thresholds_buffer { uint lg_thresholds[]; };

uniform int lg_kind;          // 0 waveform, 1 vectorscope, 2 histogram
uniform int lg_plotCount;     // 1..3
uniform ivec4 lg_plots[3];    // x, y, width, height
uniform int lg_binsPerPixel;  // waveform: levels per row; histogram: codes per column
uniform int lg_channelCount[3];
uniform int lg_channelOffset[9];   // plot * 3 + channel
uniform vec3 lg_channelColour[9];
uniform float lg_invLogFlat;
uniform float lg_gain;
uniform vec3 lg_background;
uniform float lg_histogramFill;

float lg_intensity(uint count)
{
    if (count == 0u)
    {
        return 0.0;
    }
    return min(1.0, lg_gain * (0.25 + 0.75 * log(1.0 + float(count)) * lg_invLogFlat));
}

float lg_brightness(ivec4 plot, int offset, ivec2 p)
{
    int cx = p.x - plot.x;
    int rowFromBottom = plot.y + plot.w - 1 - p.y;
    if (lg_kind == 1)
    {
        // 3x3 spot: brightest neighbour times 1 (centre), 0.7 (edges), 0.45 (corners), as ScopeCompositor.
        float best = 0.0;
        for (int dy = -1; dy <= 1; dy++)
        {
            for (int dx = -1; dx <= 1; dx++)
            {
                int x = cx + dx, y = rowFromBottom + dy;
                if (x < 0 || x >= plot.z || y < 0 || y >= plot.w)
                {
                    continue;
                }
                float weight = dx == 0 && dy == 0 ? 1.0 : (dx == 0 || dy == 0 ? 0.7 : 0.45);
                best = max(best, weight * lg_intensity(lg_counts[offset + y * plot.z + x]));
            }
        }
        return best;
    }
    uint sum = 0u;
    int start = lg_kind == 0 ? offset + cx * 1024 + rowFromBottom * lg_binsPerPixel : offset + cx * lg_binsPerPixel;
    for (int k = 0; k < lg_binsPerPixel; k++)
    {
        sum += lg_counts[start + k];
    }
    if (lg_kind == 0)
    {
        return lg_intensity(sum);
    }
    return sum != 0u && sum >= lg_thresholds[rowFromBottom] ? lg_histogramFill : 0.0;
}

void main()
{
    ivec2 p = ivec2(gl_GlobalInvocationID.xy);
    ivec2 size = imageSize(lg_out);
    if (p.x >= size.x || p.y >= size.y)
    {
        return;
    }
    vec3 c = lg_background;
    for (int i = 0; i < lg_plotCount; i++)
    {
        ivec4 plot = lg_plots[i];
        if (p.x < plot.x || p.x >= plot.x + plot.z || p.y < plot.y || p.y >= plot.y + plot.w)
        {
            continue;
        }
        for (int ch = 0; ch < lg_channelCount[i]; ch++)
        {
            c += lg_channelColour[i * 3 + ch] * lg_brightness(plot, lg_channelOffset[i * 3 + ch], p);
        }
    }
    vec4 g = imageLoad(lg_graticule, p);
    imageStore(lg_out, p, vec4(min(c, vec3(1.0)) * (1.0 - g.a) + g.rgb, 1.0));
}
