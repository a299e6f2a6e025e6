// Zebras at two levels in place, judged on Y' quantised to 10-bit codes. Zebra 1 stripes run "/"
// ((x + y + phase) mod period < period / 2), zebra 2 stripes "\" ((x - y + phase) ...); zebra 2 wins where
// both apply. Mirrors ZebraCpuRenderer.
#include "scope_common.glsl"
layout(local_size_x = 16, local_size_y = 16) in;
layout(rgba32f, binding = 0) uniform image2D lg_image;

uniform ivec4 lg_levels;  // zebra 1 low, high; zebra 2 low, high (inclusive 10-bit codes; empty when low > high)
uniform ivec2 lg_stripes; // period, phase
uniform vec3 lg_firstColour;
uniform vec3 lg_secondColour;

int lg_mod(int a, int m) { return ((a % m) + m) % m; }

void main()
{
    ivec2 p = ivec2(gl_GlobalInvocationID.xy);
    if (any(greaterThanEqual(p, imageSize(lg_image))))
    {
        return;
    }
    vec4 px = imageLoad(lg_image, p);
    int code = lg_lumaCode(lg_weighted(lg_yWeights, px.rgb));
    int period = lg_stripes.x, phase = lg_stripes.y;
    if (code >= lg_levels.z && code <= lg_levels.w)
    {
        if (lg_mod(p.x - p.y + phase, period) < period / 2)
        {
            px.rgb = lg_secondColour;
        }
    }
    else if (code >= lg_levels.x && code <= lg_levels.y && lg_mod(p.x + p.y + phase, period) < period / 2)
    {
        px.rgb = lg_firstColour;
    }
    imageStore(lg_image, p, px);
}
