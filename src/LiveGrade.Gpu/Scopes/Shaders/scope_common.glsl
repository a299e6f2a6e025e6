// Shared by the scope and overlay shaders: the quantisation of LiveGrade.Color.Scopes.VideoLevels and the
// weights of ScopeWeights, written so that the GPU computes the same floats and the same 10-bit codes as
// the CPU reference bit for bit. Every value that decides a bin is `precise`: no fused multiply-add and no
// reassociation (GLSL 4.50 section 4.7.1: +, - and * are correctly rounded; precise keeps their order).

uniform vec3 lg_yWeights;   // Y'  = R' G' B' weights, single-precision floats from the CPU
uniform vec3 lg_cbWeights;  // Cb
uniform vec3 lg_crWeights;  // Cr

// w.x*c.x + w.y*c.y + w.z*c.z, each product rounded, summed left to right (as C# evaluates it).
float lg_weighted(vec3 w, vec3 c)
{
    precise float s = w.x * c.x + w.y * c.y + w.z * c.z;
    return s;
}

// 10-bit code of a value: round half up of v*scale+offset, clamped to 0..1023; NaN counts as 0.
int lg_code(float v, float scale, float offset)
{
    precise float c = v * scale + offset;
    if (isnan(c))
    {
        return 0;
    }
    precise float q = floor(c + 0.5);
    return int(clamp(q, 0.0, 1023.0));
}

int lg_lumaCode(float v) { return lg_code(v, 876.0, 64.0); }
int lg_chromaCode(float v) { return lg_code(v, 896.0, 512.0); }
