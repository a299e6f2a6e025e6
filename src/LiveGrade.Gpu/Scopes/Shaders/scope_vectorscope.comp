// Vectorscope counts: each invocation walks a run of 16 pixels along a row and adds to the global bins
// only when the bin changes, so flat areas (bars, skies) cost one atomic per run instead of one per pixel.
// The counts buffer is cleared before the dispatch. Mirrors VectorscopeCpuAnalyzer.
#include "scope_common.glsl"
layout(local_size_x = 16, local_size_y = 16) in;
layout(rgba32f, binding = 0) readonly uniform image2D lg_frame;
layout(std430, binding = 1) buffer lg_counts_buffer { uint lg_counts[]; };

uniform int lg_bins;  // bins per axis: 128, 256, 512 or 1024
const int RUN = 16;

void main()
{
    ivec2 size = imageSize(lg_frame);
    int y = int(gl_GlobalInvocationID.y);
    int x0 = int(gl_GlobalInvocationID.x) * RUN;
    if (y >= size.y || x0 >= size.x)
    {
        return;
    }
    int x1 = min(x0 + RUN, size.x);
    int current = -1;
    uint run = 0u;
    for (int x = x0; x < x1; x++)
    {
        vec3 c = imageLoad(lg_frame, ivec2(x, y)).rgb;
        int cb = lg_chromaCode(lg_weighted(lg_cbWeights, c)) * lg_bins / 1024;
        int cr = lg_chromaCode(lg_weighted(lg_crWeights, c)) * lg_bins / 1024;
        int bin = cr * lg_bins + cb;
        if (bin != current)
        {
            if (run != 0u)
            {
                atomicAdd(lg_counts[current], run);
            }
            current = bin;
            run = 1u;
        }
        else
        {
            run++;
        }
    }
    atomicAdd(lg_counts[current], run);
}
