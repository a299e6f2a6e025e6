// Frame lines in place: outside the frame is darkened; inside, the frame's border band, the centre cross
// and the safe-area borders are painted, in that priority. Rectangles are x, y, width, height in pixels,
// computed once by FrameLineGeometry. Mirrors FrameLineCpuRenderer.
layout(local_size_x = 16, local_size_y = 16) in;
layout(rgba32f, binding = 0) uniform image2D lg_image;

uniform ivec4 lg_frame;
uniform ivec4 lg_action;
uniform ivec4 lg_title;
uniform ivec4 lg_crossH;
uniform ivec4 lg_crossV;
uniform int lg_lineWidth;
uniform ivec3 lg_show;     // action safe, title safe, centre cross (0 or 1)
uniform float lg_keep;     // 1 - shade
uniform vec3 lg_lineColour;
uniform vec3 lg_safeColour;
uniform vec3 lg_crossColour;

bool lg_inside(ivec4 r, ivec2 p) { return p.x >= r.x && p.x < r.x + r.z && p.y >= r.y && p.y < r.y + r.w; }

bool lg_border(ivec4 r, ivec2 p, int t)
{
    return lg_inside(r, p) && (p.x < r.x + t || p.x >= r.x + r.z - t || p.y < r.y + t || p.y >= r.y + r.w - t);
}

void main()
{
    ivec2 p = ivec2(gl_GlobalInvocationID.xy);
    if (any(greaterThanEqual(p, imageSize(lg_image))))
    {
        return;
    }
    vec4 px = imageLoad(lg_image, p);
    if (!lg_inside(lg_frame, p))
    {
        px.rgb *= lg_keep;
    }
    else if (lg_border(lg_frame, p, lg_lineWidth))
    {
        px.rgb = lg_lineColour;
    }
    else if (lg_show.z != 0 && (lg_inside(lg_crossH, p) || lg_inside(lg_crossV, p)))
    {
        px.rgb = lg_crossColour;
    }
    else if ((lg_show.x != 0 && lg_border(lg_action, p, 1)) || (lg_show.y != 0 && lg_border(lg_title, p, 1)))
    {
        px.rgb = lg_safeColour;
    }
    imageStore(lg_image, p, px);
}
