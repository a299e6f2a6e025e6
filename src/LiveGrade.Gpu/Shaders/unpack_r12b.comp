// R12B -> RGBA32F. One invocation per eight-pixel group: nine big-endian words carrying the 24 12-bit
// components R0 G0 B0 R1 ... as a bit stream, least significant bit first (see Rgb12Packer for the layout
// and its confidence). Matches Rgb12Packer.Unpack + FrameConverter.RgbToRgba bit for bit.
#include "video_common.glsl"
layout(local_size_x = 64, local_size_y = 1) in;
layout(std430, binding = 0) readonly buffer lg_src_buffer { uint lg_src[]; };
layout(rgba32f, binding = 0) writeonly uniform image2D lg_dst;

uint words[9];

float component(int i)
{
    int bit = 12 * i, k = bit >> 5, s = bit & 31;
    uint v = words[k] >> uint(s);
    if (s > 20) v |= words[k + 1] << uint(32 - s);
    return lg_decode(float(v & 0xFFFu), lg_luma);
}

void main()
{
    int g = int(gl_GlobalInvocationID.x), y = int(gl_GlobalInvocationID.y);
    int x0 = 8 * g;
    if (x0 >= lg_size.x || y >= lg_size.y) return;
    for (int k = 0; k < 9; k++) words[k] = lg_bswap(lg_src[y * lg_rowWords + 9 * g + k]);
    int n = min(8, lg_size.x - x0);
    for (int i = 0; i < n; i++)
    {
        imageStore(lg_dst, ivec2(x0 + i, y), vec4(component(3 * i), component(3 * i + 1), component(3 * i + 2), 1.0));
    }
}
