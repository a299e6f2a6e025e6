// RGBA32F image -> RGBA float frames: a copy, bit for bit.
#include "video_common.glsl"
layout(local_size_x = 64, local_size_y = 1) in;
layout(rgba32f, binding = 0) readonly uniform image2D lg_src;
layout(std430, binding = 1) writeonly buffer lg_dst_buffer { uint lg_dst[]; };

void main()
{
    int x = int(gl_GlobalInvocationID.x), y = int(gl_GlobalInvocationID.y);
    if (4 * x >= lg_rowWords || y >= lg_size.y) return;
    uvec4 v = x < lg_size.x ? floatBitsToUint(imageLoad(lg_src, ivec2(x, y))) : uvec4(0u);
    int at = y * lg_rowWords + 4 * x;
    lg_dst[at] = v.x; lg_dst[at + 1] = v.y; lg_dst[at + 2] = v.z; lg_dst[at + 3] = v.w;
}
