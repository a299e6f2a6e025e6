using LiveGrade.Color.Gpu;

namespace LiveGrade.Color.Ops.Lut3D;

/// <summary>
/// GLSL for a <see cref="Lut3DOpData"/>: the lattice as an RGB32F 3D texture (red fastest = x, nearest,
/// read only with texelFetch: hardware linear filtering quantises its weights), interpolated in the shader
/// exactly as <see cref="Lut3DCpuRenderer"/> does it: the same index clamp (NaN to 0), the same six
/// tetrahedra chosen by the same comparisons in the same order, the same weights and the same sum order
/// ((w0 c000 + wA cA) + wB cB) + w1 c111, all `precise`; or OCIO's trilinear order (blue, green, red).
/// Domain and scale are uniforms; the lattice is a texture, re-uploaded only when the table changes.
/// </summary>
public sealed class Lut3DGpuEmitter(Lut3DOpData data) : IColorOpGpuEmitter
{
    public void Emit(GlslBuilder b)
    {
        int n = data.Size, last = n - 1;
        string lut = b.Texture("lut", GlslTextureKind.Texture3D, n, n, n, 3, data.TableMemory);
        string min = b.Uniform("min", "vec3", (float)data.DomainMin[0], (float)data.DomainMin[1], (float)data.DomainMin[2]);
        string scale = b.Uniform("scale", "vec4",
            (float)(last / (data.DomainMax[0] - data.DomainMin[0])), (float)(last / (data.DomainMax[1] - data.DomainMin[1])),
            (float)(last / (data.DomainMax[2] - data.DomainMin[2])), last);
        b.Helper("lg_lut3d_index", """
            // Lattice index of each channel clamped to [0, N-1]; NaN fails the comparison and lands on 0.
            vec3 lg_lut3d_index(vec3 c, vec3 dmin, vec4 scale)
            {
                precise vec3 i = (c - dmin) * scale.xyz;
                return mix(vec3(0.0), min(i, vec3(scale.w)), greaterThan(i, vec3(0.0)));
            }
            """);
        if (data.Interpolation == Lut3DInterpolation.Tetrahedral)
        {
            b.Helper("lg_lut3d_tetrahedral", """
                vec3 lg_lut3d_tetrahedral(sampler3D lut, vec3 c, vec3 dmin, vec4 scale)
                {
                    vec3 i = lg_lut3d_index(c, dmin, scale);
                    ivec3 lo = ivec3(i);
                    precise vec3 f = i - vec3(lo);
                    ivec3 hi = lo + ivec3(lessThan(lo, ivec3(int(scale.w))));
                    vec3 c000 = texelFetch(lut, lo, 0).rgb;
                    vec3 c111 = texelFetch(lut, hi, 0).rgb;
                    ivec3 a, b;
                    precise vec4 w;
                    if (f.x > f.y)
                    {
                        if (f.y > f.z)      { a = ivec3(hi.x, lo.y, lo.z); b = ivec3(hi.x, hi.y, lo.z); w = vec4(1.0 - f.x, f.x - f.y, f.y - f.z, f.z); }
                        else if (f.x > f.z) { a = ivec3(hi.x, lo.y, lo.z); b = ivec3(hi.x, lo.y, hi.z); w = vec4(1.0 - f.x, f.x - f.z, f.z - f.y, f.y); }
                        else                { a = ivec3(lo.x, lo.y, hi.z); b = ivec3(hi.x, lo.y, hi.z); w = vec4(1.0 - f.z, f.z - f.x, f.x - f.y, f.y); }
                    }
                    else
                    {
                        if (f.z > f.y)      { a = ivec3(lo.x, lo.y, hi.z); b = ivec3(lo.x, hi.y, hi.z); w = vec4(1.0 - f.z, f.z - f.y, f.y - f.x, f.x); }
                        else if (f.z > f.x) { a = ivec3(lo.x, hi.y, lo.z); b = ivec3(lo.x, hi.y, hi.z); w = vec4(1.0 - f.y, f.y - f.z, f.z - f.x, f.x); }
                        else                { a = ivec3(lo.x, hi.y, lo.z); b = ivec3(hi.x, hi.y, lo.z); w = vec4(1.0 - f.y, f.y - f.x, f.x - f.z, f.z); }
                    }
                    precise vec3 r = ((w.x * c000 + w.y * texelFetch(lut, a, 0).rgb) + w.z * texelFetch(lut, b, 0).rgb) + w.w * c111;
                    return r;
                }
                """);
            b.Line($"c.rgb = lg_lut3d_tetrahedral({lut}, c.rgb, {min}, {scale});");
        }
        else
        {
            b.Helper("lg_lut3d_trilinear", """
                vec3 lg_lut3d_trilinear(sampler3D lut, vec3 c, vec3 dmin, vec4 scale)
                {
                    vec3 i = lg_lut3d_index(c, dmin, scale);
                    ivec3 lo = ivec3(i);
                    precise vec3 w = i - vec3(lo);
                    precise vec3 v = 1.0 - w;
                    ivec3 d = ivec3(lessThan(lo, ivec3(int(scale.w))));
                    #define LG_AT(x, y, z) texelFetch(lut, lo + ivec3(x, y, z) * d, 0).rgb
                    // Along blue, then green, then red (OCIO's order), each as a * (1 - w) + b * w.
                    precise vec3 b00 = LG_AT(0, 0, 0) * v.z + LG_AT(0, 0, 1) * w.z;
                    precise vec3 b01 = LG_AT(0, 1, 0) * v.z + LG_AT(0, 1, 1) * w.z;
                    precise vec3 b10 = LG_AT(1, 0, 0) * v.z + LG_AT(1, 0, 1) * w.z;
                    precise vec3 b11 = LG_AT(1, 1, 0) * v.z + LG_AT(1, 1, 1) * w.z;
                    #undef LG_AT
                    precise vec3 g0 = b00 * v.y + b01 * w.y;
                    precise vec3 g1 = b10 * v.y + b11 * w.y;
                    precise vec3 r = g0 * v.x + g1 * w.x;
                    return r;
                }
                """);
            b.Line($"c.rgb = lg_lut3d_trilinear({lut}, c.rgb, {min}, {scale});");
        }
    }
}
