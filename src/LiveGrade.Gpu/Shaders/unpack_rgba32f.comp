// RGBA float frames (four little-endian words per pixel) -> RGBA32F image: a copy, bit for bit.
#include "video_common.glsl"
layout(local_size_x = 64, local_size_y = 1) in;
layout(std430, binding = 0) readonly buffer lg_src_buffer { uint lg_src[]; };
layout(rgba32f, binding = 0) writeonly uniform image2D lg_dst;

void main()
{
    int x = int(gl_GlobalInvocationID.x), y = int(gl_GlobalInvocationID.y);
    if (x >= lg_size.x || y >= lg_size.y) return;
    int at = y * lg_rowWords + 4 * x;
    imageStore(lg_dst, ivec2(x, y), uintBitsToFloat(uvec4(lg_src[at], lg_src[at + 1], lg_src[at + 2], lg_src[at + 3])));
}
