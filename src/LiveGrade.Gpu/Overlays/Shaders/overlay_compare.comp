// Compare A and B into an output image. Split and wipe: the signed distance of the pixel centre from the
// divider (point lg_divider.xy, unit normal lg_divider.zw) picks A (negative) or B, and pixels within
// lg_halfWidth of it take the line colour. Side by side: each picture at half size (2x2 box average),
// A left, B right, centred vertically on black, and over the pictures' rows the divider columns
// [lg_sideDivider.x, lg_sideDivider.y) in the line colour. Mirrors CompareCpuRenderer.
layout(local_size_x = 16, local_size_y = 16) in;
layout(rgba32f, binding = 0) readonly uniform image2D lg_a;
layout(rgba32f, binding = 1) readonly uniform image2D lg_b;
layout(rgba32f, binding = 2) writeonly uniform image2D lg_out;

uniform int lg_sideBySide;
uniform ivec2 lg_sideDivider;
uniform vec4 lg_divider;
uniform float lg_halfWidth;
uniform vec3 lg_lineColour;

vec4 lg_box(ivec2 s, bool left)
{
    precise vec4 sum = left
        ? ((imageLoad(lg_a, s) + imageLoad(lg_a, s + ivec2(1, 0))) + imageLoad(lg_a, s + ivec2(0, 1))) + imageLoad(lg_a, s + ivec2(1, 1))
        : ((imageLoad(lg_b, s) + imageLoad(lg_b, s + ivec2(1, 0))) + imageLoad(lg_b, s + ivec2(0, 1))) + imageLoad(lg_b, s + ivec2(1, 1));
    precise vec4 avg = sum * 0.25;
    return avg;
}

void main()
{
    ivec2 p = ivec2(gl_GlobalInvocationID.xy);
    ivec2 size = imageSize(lg_out);
    if (any(greaterThanEqual(p, size)))
    {
        return;
    }
    if (lg_sideBySide != 0)
    {
        int half_ = size.x / 2, top = size.y / 4, rows = size.y / 2;
        bool left = p.x < half_;
        int sx = left ? p.x : p.x - half_;
        int sy = p.y - top;
        vec4 o = vec4(0.0, 0.0, 0.0, 1.0);
        if (sy >= 0 && sy < rows && sx < half_)
        {
            o = p.x >= lg_sideDivider.x && p.x < lg_sideDivider.y ? vec4(lg_lineColour, 1.0) : lg_box(ivec2(2 * sx, 2 * sy), left);
        }
        imageStore(lg_out, p, o);
        return;
    }
    precise float d = (float(p.x) + 0.5 - lg_divider.x) * lg_divider.z + (float(p.y) + 0.5 - lg_divider.y) * lg_divider.w;
    vec4 o;
    if (abs(d) < lg_halfWidth)
    {
        o = vec4(lg_lineColour, 1.0);
    }
    else
    {
        o = d < 0.0 ? imageLoad(lg_a, p) : imageLoad(lg_b, p);
    }
    imageStore(lg_out, p, o);
}
