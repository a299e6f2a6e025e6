// Shared by every unpack_*.comp and pack_*.comp: the code-value maths of LiveGrade.Core.Video.Packing
// (VideoLevels, YCbCrCoefficients, FrameConverter), written so that the GPU computes the same floats and
// codes bit for bit. Every result that must match is `precise`: no fused multiply-add, no reassociation.
// Division is avoided (GLSL only promises 2.5 ulp); scales arrive as float reciprocals from the CPU.
// Packed frames live in a buffer of 32-bit words: lg_rowWords words from one row to the next.

uniform ivec2 lg_size;    // picture width, height in pixels
uniform int lg_rowWords;  // row stride of the packed frame, in 32-bit words

// DeckLink's RGB layouts store big-endian words; the buffer reads them as little-endian uints.
uint lg_bswap(uint w)
{
    return (w << 24) | ((w & 0xFF00u) << 8) | ((w >> 8) & 0xFF00u) | (w >> 24);
}

#ifdef LG_UNPACK
uniform vec2 lg_luma;    // Y (or R, G, B) code -> E: offset, 1/scale
uniform vec2 lg_chroma;  // Cb, Cr code -> E: offset, 1/scale
uniform vec4 lg_toRgb;   // 2(1-Kr), -2Kb(1-Kb)/Kg, -2Kr(1-Kr)/Kg, 2(1-Kb)

float lg_decode(float code, vec2 s)
{
    precise float e = (code - s.x) * s.y;
    return e;
}

vec3 lg_ycbcrToRgb(float y, float cb, float cr)
{
    precise float ey = (y - lg_luma.x) * lg_luma.y;
    precise float ecb = (cb - lg_chroma.x) * lg_chroma.y;
    precise float ecr = (cr - lg_chroma.x) * lg_chroma.y;
    precise float r = ey + lg_toRgb.x * ecr;
    precise float g = (ey + lg_toRgb.y * ecb) + lg_toRgb.z * ecr;
    precise float b = ey + lg_toRgb.w * ecb;
    return vec3(r, g, b);
}
#endif

#ifdef LG_PACK
uniform vec4 lg_luma;         // E -> Y (or R, G, B) code: offset, scale, lowest code, highest code
uniform vec4 lg_chroma;       // E -> Cb, Cr code: offset, scale, lowest code, highest code
uniform vec3 lg_k;            // Kr, Kg, Kb
uniform vec2 lg_chromaScale;  // 1/(2(1-Kb)), 1/(2(1-Kr))
uniform int lg_filter;        // 0: cosited chroma, 1: [1 2 1]/4 (ChromaFilter)

// roundEven(E * scale + offset), clamped; NaN -> lowest code.
uint lg_encode(float e, vec4 s)
{
    precise float v = e * s.y + s.x;
    if (isnan(v))
    {
        return uint(s.z);
    }
    return uint(clamp(roundEven(v), s.z, s.w));
}

float lg_lumaOf(vec3 c)
{
    precise float ey = (lg_k.x * c.r + lg_k.y * c.g) + lg_k.z * c.b;
    return ey;
}

vec2 lg_chromaOf(vec3 c)
{
    precise float ey = (lg_k.x * c.r + lg_k.y * c.g) + lg_k.z * c.b;
    precise float cb = (c.b - ey) * lg_chromaScale.x;
    precise float cr = (c.r - ey) * lg_chromaScale.y;
    return vec2(cb, cr);
}
#endif
