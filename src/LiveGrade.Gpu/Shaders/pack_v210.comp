// RGBA32F -> v210. One invocation per six-pixel group of the whole padded row: groups past the picture
// and absent samples of a partial group are written as 0. Codes clip to 4..1019 (lg_luma/lg_chroma .zw).
// Matches LiveGrade.Core.Video.Packing.FrameConverter.RgbaToYCbCr + V210Packer.Pack bit for bit.
#include "video_common.glsl"
layout(local_size_x = 64, local_size_y = 1) in;
layout(rgba32f, binding = 0) readonly uniform image2D lg_src;
layout(std430, binding = 1) writeonly buffer lg_dst_buffer { uint lg_dst[]; };

vec2 chromaAt(int x, int y)
{
    vec2 c = lg_chromaOf(imageLoad(lg_src, ivec2(x, y)).rgb);
    if (lg_filter == 1)
    {
        vec2 l = lg_chromaOf(imageLoad(lg_src, ivec2(max(x - 1, 0), y)).rgb);
        vec2 r = lg_chromaOf(imageLoad(lg_src, ivec2(min(x + 1, lg_size.x - 1), y)).rgb);
        precise vec2 f = (l + c * 2.0 + r) * 0.25;
        c = f;
    }
    return c;
}

void main()
{
    int g = int(gl_GlobalInvocationID.x), y = int(gl_GlobalInvocationID.y);
    if (4 * g >= lg_rowWords || y >= lg_size.y) return;
    int x0 = 6 * g;
    int n = clamp(lg_size.x - x0, 0, 6);
    uint s[12];
    for (int k = 0; k < 12; k++) s[k] = 0u;
    for (int i = 0; i < n; i++)
    {
        s[2 * i + 1] = lg_encode(lg_lumaOf(imageLoad(lg_src, ivec2(x0 + i, y)).rgb), lg_luma);
    }
    for (int j = 0; j < n / 2; j++)
    {
        vec2 c = chromaAt(x0 + 2 * j, y);
        s[4 * j] = lg_encode(c.x, lg_chroma);
        s[4 * j + 2] = lg_encode(c.y, lg_chroma);
    }
    int base = y * lg_rowWords + 4 * g;
    for (int k = 0; k < 4; k++)
    {
        lg_dst[base + k] = s[3 * k] | (s[3 * k + 1] << 10) | (s[3 * k + 2] << 20);
    }
}
