// RGBA32F -> R12B, one invocation per eight-pixel group of the row (absent components 0).
// Matches FrameConverter.RgbaToRgb + Rgb12Packer.Pack bit for bit.
#include "video_common.glsl"
layout(local_size_x = 64, local_size_y = 1) in;
layout(rgba32f, binding = 0) readonly uniform image2D lg_src;
layout(std430, binding = 1) writeonly buffer lg_dst_buffer { uint lg_dst[]; };

uint words[9];

void put(int i, uint v)
{
    int bit = 12 * i, k = bit >> 5, s = bit & 31;
    words[k] |= v << uint(s);
    if (s > 20) words[k + 1] |= v >> uint(32 - s);
}

void main()
{
    int g = int(gl_GlobalInvocationID.x), y = int(gl_GlobalInvocationID.y);
    if (9 * g >= lg_rowWords || y >= lg_size.y) return;
    for (int k = 0; k < 9; k++) words[k] = 0u;
    int x0 = 8 * g;
    int n = clamp(lg_size.x - x0, 0, 8);
    for (int i = 0; i < n; i++)
    {
        vec3 c = imageLoad(lg_src, ivec2(x0 + i, y)).rgb;
        put(3 * i, lg_encode(c.r, lg_luma));
        put(3 * i + 1, lg_encode(c.g, lg_luma));
        put(3 * i + 2, lg_encode(c.b, lg_luma));
    }
    for (int k = 0; k < 9; k++) lg_dst[y * lg_rowWords + 9 * g + k] = lg_bswap(words[k]);
}
