// v210 -> RGBA32F. One invocation per six-pixel group (four words). Layout, chroma upsampling and maths:
// LiveGrade.Core.Video.Packing.V210Packer and FrameConverter.YCbCrToRgba, which this matches bit for bit.
#include "video_common.glsl"
layout(local_size_x = 64, local_size_y = 1) in;
layout(std430, binding = 0) readonly buffer lg_src_buffer { uint lg_src[]; };
layout(rgba32f, binding = 0) writeonly uniform image2D lg_dst;

void main()
{
    int g = int(gl_GlobalInvocationID.x), y = int(gl_GlobalInvocationID.y);
    int x0 = 6 * g;
    if (x0 >= lg_size.x || y >= lg_size.y) return;
    int base = y * lg_rowWords + 4 * g;
    // s = Cb0 Y0 Cr0 Y1 Cb2 Y2 Cr2 Y3 Cb4 Y4 Cr4 Y5
    float s[12];
    for (int k = 0; k < 4; k++)
    {
        uint w = lg_src[base + k];
        s[3 * k] = float(w & 0x3FFu);
        s[3 * k + 1] = float((w >> 10) & 0x3FFu);
        s[3 * k + 2] = float((w >> 20) & 0x3FFu);
    }
    int n = min(6, lg_size.x - x0);
    for (int i = 0; i < n; i++)
    {
        int x = x0 + i, j = i >> 1;
        float cb = s[4 * j], cr = s[4 * j + 2];
        if ((i & 1) != 0 && x + 1 < lg_size.x)
        {
            float cb1, cr1;
            if (j < 2)
            {
                cb1 = s[4 * j + 4];
                cr1 = s[4 * j + 6];
            }
            else
            {
                uint w = lg_src[base + 4];  // Cb6 Y6 Cr6 of the next group
                cb1 = float(w & 0x3FFu);
                cr1 = float((w >> 20) & 0x3FFu);
            }
            cb = (cb + cb1) * 0.5;  // exact
            cr = (cr + cr1) * 0.5;
        }
        imageStore(lg_dst, ivec2(x, y), vec4(lg_ycbcrToRgb(s[2 * i + 1], cb, cr), 1.0));
    }
}
