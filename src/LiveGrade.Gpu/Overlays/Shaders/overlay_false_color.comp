// False colour in place: Y' quantised to its 10-bit code picks an entry of the ramp (alpha 1: paint the
// band's colour; alpha 0: show Y' clamped to 0..1 as grey). Mirrors FalseColorCpuRenderer.
#include "scope_common.glsl"
layout(local_size_x = 16, local_size_y = 16) in;
layout(rgba32f, binding = 0) uniform image2D lg_image;
layout(std430, binding = 1) readonly buffer lg_ramp_buffer { vec4 lg_ramp[1024]; };

void main()
{
    ivec2 p = ivec2(gl_GlobalInvocationID.xy);
    if (any(greaterThanEqual(p, imageSize(lg_image))))
    {
        return;
    }
    vec4 px = imageLoad(lg_image, p);
    float y = lg_weighted(lg_yWeights, px.rgb);
    vec4 band = lg_ramp[lg_lumaCode(y)];
    float grey = isnan(y) ? 0.0 : clamp(y, 0.0, 1.0);
    imageStore(lg_image, p, vec4(band.a != 0.0 ? band.rgb : vec3(grey), px.a));
}
