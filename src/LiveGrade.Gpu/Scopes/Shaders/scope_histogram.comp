// Histogram counts of Y', R', G', B' (1024 codes each). Each work group counts a band of rows into shared
// memory, then adds its non-zero bins to the global buffer (cleared before the dispatch): one global atomic
// per used bin per group instead of four per pixel. Mirrors HistogramCpuAnalyzer.
#include "scope_common.glsl"
layout(local_size_x = 256) in;
layout(rgba32f, binding = 0) readonly uniform image2D lg_frame;
layout(std430, binding = 1) buffer lg_counts_buffer { uint lg_counts[]; };

uniform int lg_rowsPerGroup;

shared uint s_counts[4 * 1024];

void main()
{
    ivec2 size = imageSize(lg_frame);
    uint lid = gl_LocalInvocationIndex;
    for (uint i = lid; i < 4096u; i += 256u)
    {
        s_counts[i] = 0u;
    }
    barrier();
    int y0 = int(gl_WorkGroupID.x) * lg_rowsPerGroup;
    int rows = min(lg_rowsPerGroup, size.y - y0);
    int n = rows * size.x;
    for (int i = int(lid); i < n; i += 256)
    {
        vec3 c = imageLoad(lg_frame, ivec2(i % size.x, y0 + i / size.x)).rgb;
        atomicAdd(s_counts[lg_lumaCode(lg_weighted(lg_yWeights, c))], 1u);
        atomicAdd(s_counts[1024 + lg_lumaCode(c.r)], 1u);
        atomicAdd(s_counts[2048 + lg_lumaCode(c.g)], 1u);
        atomicAdd(s_counts[3072 + lg_lumaCode(c.b)], 1u);
    }
    barrier();
    for (uint i = lid; i < 4096u; i += 256u)
    {
        uint v = s_counts[i];
        if (v != 0u)
        {
            atomicAdd(lg_counts[i], v);
        }
    }
}
