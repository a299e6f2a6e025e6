// RGBA half (two little-endian words per pixel: R | G << 16, B | A << 16) -> RGBA32F. Half to float is
// exact. Matches Rgba16FPacker.Unpack.
#include "video_common.glsl"
layout(local_size_x = 64, local_size_y = 1) in;
layout(std430, binding = 0) readonly buffer lg_src_buffer { uint lg_src[]; };
layout(rgba32f, binding = 0) writeonly uniform image2D lg_dst;

void main()
{
    int x = int(gl_GlobalInvocationID.x), y = int(gl_GlobalInvocationID.y);
    if (x >= lg_size.x || y >= lg_size.y) return;
    int at = y * lg_rowWords + 2 * x;
    imageStore(lg_dst, ivec2(x, y), vec4(unpackHalf2x16(lg_src[at]), unpackHalf2x16(lg_src[at + 1])));
}
