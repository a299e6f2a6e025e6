// Clipping indicators in place: any of R', G', B' at or above the high code paints the high colour,
// otherwise any at or below the low code paints the low colour. Mirrors ClipCpuRenderer.
#include "scope_common.glsl"
layout(local_size_x = 16, local_size_y = 16) in;
layout(rgba32f, binding = 0) uniform image2D lg_image;

uniform ivec2 lg_limits;  // high code, low code
uniform vec3 lg_highColour;
uniform vec3 lg_lowColour;

void main()
{
    ivec2 p = ivec2(gl_GlobalInvocationID.xy);
    if (any(greaterThanEqual(p, imageSize(lg_image))))
    {
        return;
    }
    vec4 px = imageLoad(lg_image, p);
    ivec3 c = ivec3(lg_lumaCode(px.r), lg_lumaCode(px.g), lg_lumaCode(px.b));
    if (any(greaterThanEqual(c, ivec3(lg_limits.x))))
    {
        px.rgb = lg_highColour;
    }
    else if (any(lessThanEqual(c, ivec3(lg_limits.y))))
    {
        px.rgb = lg_lowColour;
    }
    imageStore(lg_image, p, px);
}
