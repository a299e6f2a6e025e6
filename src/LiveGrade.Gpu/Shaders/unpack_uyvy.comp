// 2vuy (UYVY) -> RGBA32F. One invocation per pixel pair (one word: bytes Cb Y0 Cr Y1).
// Matches LiveGrade.Core.Video.Packing.Uyvy8Packer.Unpack + FrameConverter.YCbCrToRgba bit for bit.
#include "video_common.glsl"
layout(local_size_x = 64, local_size_y = 1) in;
layout(std430, binding = 0) readonly buffer lg_src_buffer { uint lg_src[]; };
layout(rgba32f, binding = 0) writeonly uniform image2D lg_dst;

void main()
{
    int k = int(gl_GlobalInvocationID.x), y = int(gl_GlobalInvocationID.y);
    int x = 2 * k;
    if (x >= lg_size.x || y >= lg_size.y) return;
    int at = y * lg_rowWords + k;
    uint w = lg_src[at];
    float cb = float(w & 0xFFu), y0 = float((w >> 8) & 0xFFu), cr = float((w >> 16) & 0xFFu), y1 = float(w >> 24);
    imageStore(lg_dst, ivec2(x, y), vec4(lg_ycbcrToRgb(y0, cb, cr), 1.0));
    if (x + 1 < lg_size.x)
    {
        float cb1 = cb, cr1 = cr;
        if (x + 2 < lg_size.x)
        {
            uint n = lg_src[at + 1];
            cb1 = (cb + float(n & 0xFFu)) * 0.5;
            cr1 = (cr + float((n >> 16) & 0xFFu)) * 0.5;
        }
        imageStore(lg_dst, ivec2(x + 1, y), vec4(lg_ycbcrToRgb(y1, cb1, cr1), 1.0));
    }
}
