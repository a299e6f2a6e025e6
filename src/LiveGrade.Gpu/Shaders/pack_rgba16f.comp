// RGBA32F -> RGBA half. packHalf2x16's rounding is implementation-defined, so the conversion is written
// out: round to nearest even, overflow to infinity, subnormals kept, NaN stays NaN with its top payload
// bits and the quiet bit set (as .NET's (Half) conversion does). Matches Rgba16FPacker.Pack bit for bit.
#include "video_common.glsl"
layout(local_size_x = 64, local_size_y = 1) in;
layout(rgba32f, binding = 0) readonly uniform image2D lg_src;
layout(std430, binding = 1) writeonly buffer lg_dst_buffer { uint lg_dst[]; };

uint toHalf(float f)
{
    uint x = floatBitsToUint(f);
    uint sign = (x >> 16) & 0x8000u;
    uint e = (x >> 23) & 0xFFu;
    uint m = x & 0x7FFFFFu;
    if (e == 0xFFu)
    {
        return sign | 0x7C00u | (m != 0u ? 0x200u | (m >> 13) : 0u);
    }
    int he = int(e) - 112;  // half exponent field (float bias 127, half bias 15)
    if (he >= 31)
    {
        return sign | 0x7C00u;
    }
    if (he <= 0)
    {
        // Subnormal half: value = M * 2^(e - 150) = h * 2^-24, h = M >> (14 - he), rounded to even.
        int shift = 14 - he;
        if (shift > 24) return sign;
        uint mm = m | 0x800000u;
        uint h = mm >> uint(shift);
        uint rem = mm & ((1u << uint(shift)) - 1u);
        uint halfway = 1u << uint(shift - 1);
        if (rem > halfway || (rem == halfway && (h & 1u) != 0u)) h += 1u;
        return sign | h;
    }
    uint h = (uint(he) << 10) | (m >> 13);
    uint rem = m & 0x1FFFu;
    if (rem > 0x1000u || (rem == 0x1000u && (h & 1u) != 0u)) h += 1u;  // a carry may reach infinity: correct
    return sign | h;
}

void main()
{
    int x = int(gl_GlobalInvocationID.x), y = int(gl_GlobalInvocationID.y);
    if (2 * x >= lg_rowWords || y >= lg_size.y) return;
    vec4 c = imageLoad(lg_src, ivec2(x, y));
    int at = y * lg_rowWords + 2 * x;
    lg_dst[at] = toHalf(c.r) | (toHalf(c.g) << 16);
    lg_dst[at + 1] = toHalf(c.b) | (toHalf(c.a) << 16);
}
