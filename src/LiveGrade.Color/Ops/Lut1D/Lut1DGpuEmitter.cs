using System.Runtime.CompilerServices;
using LiveGrade.Color.Gpu;

namespace LiveGrade.Color.Ops.Lut1D;

/// <summary>
/// GLSL for a <see cref="Lut1DOpData"/>. The table is an RGB32F buffer texture (samplerBuffer: up to 65536
/// entries, beyond 1D-texture limits), read with texelFetch.
/// Forward: the arithmetic of <see cref="Lut1DCpuRenderer"/> (index clamp with NaN to 0, interpolation from
/// the high entry: (lut[lo] - lut[hi]) * (hi - index) + lut[hi]), `precise`.
/// Inverse: <see cref="InverseLut1DCpuRenderer"/>'s search on the same monotonic, sign-adjusted table
/// (made once here): binary search for the first entry not below the value, then one division, which
/// GLSL computes to 2.5 ulp rather than exactly (the inverse is therefore within a few ulp, not bit-equal).
/// </summary>
public sealed class Lut1DGpuEmitter(Lut1DOpData data) : IColorOpGpuEmitter
{
    // The texture contents per op, made once: re-emitting the look (a CDL trim) then hands the processor the
    // same array, which it does not upload again.
    private static readonly ConditionalWeakTable<Lut1DOpData, float[]> Tables = new();

    public void Emit(GlslBuilder b)
    {
        int n = data.Size;
        if (data.Direction == TransformDirection.Forward)
        {
            string lut = b.Texture("lut", GlslTextureKind.Buffer, n, 1, 1, 3, Tables.GetValue(data, d => d.InterleavedTable()));
            string min = b.Uniform("min", "vec3", (float)data.DomainMin[0], (float)data.DomainMin[1], (float)data.DomainMin[2]);
            string scale = b.Uniform("scale", "vec4",
                (float)((n - 1) / (data.DomainMax[0] - data.DomainMin[0])), (float)((n - 1) / (data.DomainMax[1] - data.DomainMin[1])),
                (float)((n - 1) / (data.DomainMax[2] - data.DomainMin[2])), n - 1);
            b.Helper("lg_lut1d", """
                float lg_lut1d_channel(samplerBuffer lut, int ch, float index, float maxIndex)
                {
                    index = index > 0.0 ? (index < maxIndex ? index : maxIndex) : 0.0;
                    int lo = int(index);
                    int last = int(maxIndex);
                    int hi = lo < last ? lo + 1 : last;
                    precise float delta = float(hi) - index;
                    float hv = texelFetch(lut, hi)[ch];
                    precise float r = (texelFetch(lut, lo)[ch] - hv) * delta + hv;
                    return r;
                }
                vec3 lg_lut1d(samplerBuffer lut, vec3 c, vec3 dmin, vec4 scale)
                {
                    precise vec3 i = (c - dmin) * scale.xyz;
                    return vec3(lg_lut1d_channel(lut, 0, i.x, scale.w), lg_lut1d_channel(lut, 1, i.y, scale.w),
                                lg_lut1d_channel(lut, 2, i.z, scale.w));
                }
                """);
            b.Line($"c.rgb = lg_lut1d({lut}, c.rgb, {min}, {scale});");
            return;
        }

        // Inverse: each channel made monotonic (running maximum of sign * entry), as the CPU renderer does.
        var sign = new float[3];
        for (int c = 0; c < 3; c++)
        {
            sign[c] = data.Channel(c)[^1] < data.Channel(c)[0] ? -1f : 1f;
        }
        string table = b.Texture("lut", GlslTextureKind.Buffer, n, 1, 1, 3, Tables.GetValue(data, Rising));
        string signs = b.Uniform("sign", "vec3", sign);
        string start = b.Uniform("min", "vec3", (float)data.DomainMin[0], (float)data.DomainMin[1], (float)data.DomainMin[2]);
        string step = b.Uniform("step", "vec4",
            (float)((data.DomainMax[0] - data.DomainMin[0]) / (n - 1)), (float)((data.DomainMax[1] - data.DomainMin[1]) / (n - 1)),
            (float)((data.DomainMax[2] - data.DomainMin[2]) / (n - 1)), n);
        b.Helper("lg_lut1d_inverse", """
            float lg_lut1d_invert(samplerBuffer t, int ch, float y, float sign, float start, float step, int n)
            {
                y *= sign;
                float index;
                float first = texelFetch(t, 0)[ch];
                if (!(y > first))
                {
                    index = 0.0;  // NaN and values at or below the first entry
                }
                else
                {
                    y = min(y, texelFetch(t, n - 1)[ch]);
                    int lo = 1, hi = n - 1;
                    while (lo < hi)
                    {
                        int mid = (lo + hi) >> 1;
                        if (texelFetch(t, mid)[ch] < y) lo = mid + 1; else hi = mid;
                    }
                    float below = texelFetch(t, lo - 1)[ch];
                    index = float(lo - 1) + (y - below) / (texelFetch(t, lo)[ch] - below);
                }
                precise float r = start + index * step;
                return r;
            }
            vec3 lg_lut1d_inverse(samplerBuffer t, vec3 c, vec3 sign, vec3 start, vec4 step)
            {
                int n = int(step.w);
                return vec3(lg_lut1d_invert(t, 0, c.r, sign.x, start.x, step.x, n), lg_lut1d_invert(t, 1, c.g, sign.y, start.y, step.y, n),
                            lg_lut1d_invert(t, 2, c.b, sign.z, start.z, step.z, n));
            }
            """);
        b.Line($"c.rgb = lg_lut1d_inverse({table}, c.rgb, {signs}, {start}, {step});");
    }

    private static float[] Rising(Lut1DOpData d)
    {
        int n = d.Size;
        var rising = new float[3 * n];
        for (int c = 0; c < 3; c++)
        {
            var t = d.Channel(c);
            float sign = t[^1] < t[0] ? -1f : 1f;
            float running = float.NegativeInfinity;
            for (int i = 0; i < n; i++)
            {
                running = MathF.Max(running, sign * t[i]);
                rising[3 * i + c] = running;
            }
        }
        return rising;
    }
}
