// RGBA32F -> 2vuy (UYVY). One invocation per pixel pair; codes clip to 1..254.
// Matches LiveGrade.Core.Video.Packing.FrameConverter.RgbaToYCbCr + Uyvy8Packer.Pack bit for bit.
#include "video_common.glsl"
layout(local_size_x = 64, local_size_y = 1) in;
layout(rgba32f, binding = 0) readonly uniform image2D lg_src;
layout(std430, binding = 1) writeonly buffer lg_dst_buffer { uint lg_dst[]; };

void main()
{
    int k = int(gl_GlobalInvocationID.x), y = int(gl_GlobalInvocationID.y);
    if (k >= lg_rowWords || y >= lg_size.y) return;
    int x = 2 * k;
    uint w = 0u;
    if (x + 1 < lg_size.x)
    {
        vec3 p0 = imageLoad(lg_src, ivec2(x, y)).rgb;
        vec3 p1 = imageLoad(lg_src, ivec2(x + 1, y)).rgb;
        vec2 c = lg_chromaOf(p0);
        if (lg_filter == 1)
        {
            vec2 l = lg_chromaOf(imageLoad(lg_src, ivec2(max(x - 1, 0), y)).rgb);
            precise vec2 f = (l + c * 2.0 + lg_chromaOf(p1)) * 0.25;
            c = f;
        }
        w = lg_encode(c.x, lg_chroma) | (lg_encode(lg_lumaOf(p0), lg_luma) << 8)
          | (lg_encode(c.y, lg_chroma) << 16) | (lg_encode(lg_lumaOf(p1), lg_luma) << 24);
    }
    lg_dst[y * lg_rowWords + k] = w;
}
