// r210 (lg_shift 0: bits 29-20 R, 19-10 G, 9-0 B) and R10b (lg_shift 2: bits 31-22, 21-12, 11-2),
// one big-endian word per pixel -> RGBA32F. Matches Rgb10Packer.Unpack + FrameConverter.RgbToRgba.
#include "video_common.glsl"
layout(local_size_x = 64, local_size_y = 1) in;
layout(std430, binding = 0) readonly buffer lg_src_buffer { uint lg_src[]; };
layout(rgba32f, binding = 0) writeonly uniform image2D lg_dst;
uniform int lg_shift;

void main()
{
    int x = int(gl_GlobalInvocationID.x), y = int(gl_GlobalInvocationID.y);
    if (x >= lg_size.x || y >= lg_size.y) return;
    uint v = lg_bswap(lg_src[y * lg_rowWords + x]) >> uint(lg_shift);
    vec3 c = vec3(lg_decode(float((v >> 20) & 0x3FFu), lg_luma), lg_decode(float((v >> 10) & 0x3FFu), lg_luma),
                  lg_decode(float(v & 0x3FFu), lg_luma));
    imageStore(lg_dst, ivec2(x, y), vec4(c, 1.0));
}
