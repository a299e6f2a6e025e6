// RGBA32F -> r210 (lg_shift 0) or R10b (lg_shift 2), one invocation per word of the padded row
// (padding written as 0). Matches FrameConverter.RgbaToRgb + Rgb10Packer.Pack bit for bit.
#include "video_common.glsl"
layout(local_size_x = 64, local_size_y = 1) in;
layout(rgba32f, binding = 0) readonly uniform image2D lg_src;
layout(std430, binding = 1) writeonly buffer lg_dst_buffer { uint lg_dst[]; };
uniform int lg_shift;

void main()
{
    int x = int(gl_GlobalInvocationID.x), y = int(gl_GlobalInvocationID.y);
    if (x >= lg_rowWords || y >= lg_size.y) return;
    uint v = 0u;
    if (x < lg_size.x)
    {
        vec3 c = imageLoad(lg_src, ivec2(x, y)).rgb;
        v = ((lg_encode(c.r, lg_luma) << 20) | (lg_encode(c.g, lg_luma) << 10) | lg_encode(c.b, lg_luma)) << uint(lg_shift);
    }
    lg_dst[y * lg_rowWords + x] = lg_bswap(v);
}
