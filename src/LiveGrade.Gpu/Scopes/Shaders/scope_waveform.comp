// Waveform counts. One work group per waveform column: it owns that column's 1024 levels (per channel) in
// shared memory, so there is no global atomic, no contention between columns and no clearing pass; the
// group writes its column of counts whole at the end. Mirrors WaveformCpuAnalyzer: image column x feeds
// waveform column x * columns / width, so this group reads image columns ceil(col*W/C) .. ceil((col+1)*W/C)-1.
#include "scope_common.glsl"
layout(local_size_x = 256) in;
layout(rgba32f, binding = 0) readonly uniform image2D lg_frame;
layout(std430, binding = 1) writeonly buffer lg_counts_buffer { uint lg_counts[]; };

uniform int lg_columns;  // waveform columns
uniform int lg_rgb;      // 0: count Y' (one channel); 1: count R', G', B' (three channels)

shared uint s_counts[3 * 1024];

void main()
{
    int column = int(gl_WorkGroupID.x);
    ivec2 size = imageSize(lg_frame);
    int x0 = (column * size.x + lg_columns - 1) / lg_columns;
    int x1 = ((column + 1) * size.x + lg_columns - 1) / lg_columns;
    int span = x1 - x0;
    int channels = lg_rgb != 0 ? 3 : 1;
    uint lid = gl_LocalInvocationIndex;
    for (uint i = lid; i < uint(channels * 1024); i += 256u)
    {
        s_counts[i] = 0u;
    }
    barrier();
    int n = span * size.y;
    for (int i = int(lid); i < n; i += 256)
    {
        ivec2 p = ivec2(x0 + i % span, i / span);
        vec3 c = imageLoad(lg_frame, p).rgb;
        if (lg_rgb != 0)
        {
            atomicAdd(s_counts[lg_lumaCode(c.r)], 1u);
            atomicAdd(s_counts[1024 + lg_lumaCode(c.g)], 1u);
            atomicAdd(s_counts[2048 + lg_lumaCode(c.b)], 1u);
        }
        else
        {
            atomicAdd(s_counts[lg_lumaCode(lg_weighted(lg_yWeights, c))], 1u);
        }
    }
    barrier();
    for (uint i = lid; i < uint(channels * 1024); i += 256u)
    {
        uint channel = i / 1024u, level = i % 1024u;
        lg_counts[(channel * uint(lg_columns) + uint(column)) * 1024u + level] = s_counts[i];
    }
}
