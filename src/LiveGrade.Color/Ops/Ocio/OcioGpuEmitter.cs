using LiveGrade.Color.Gpu;
using LiveGrade.Interop.Ocio;

namespace LiveGrade.Color.Ops.Ocio;

/// <summary>
/// GLSL for an <see cref="OcioOpData"/>: OpenColorIO's own shader for the processor (GLSL 4.0, lossless
/// optimisation, the function named after the op's uniform prefix so several OCIO ops share one program)
/// and its LUT textures, sampled as OCIO asks (linear filtering where it says so). The text and the texture
/// arrays are made once per op and position and then reused, so a CDL change elsewhere in the look uploads
/// nothing here. OCIO shaders with dynamic properties (live uniforms) are refused: none of the transforms
/// LiveGrade builds has one.
/// </summary>
public sealed class OcioGpuEmitter(OcioOpData data) : IColorOpGpuEmitter
{
    public void Emit(GlslBuilder b)
    {
        string function = b.Prefix + "ocio";
        var (text, textures) = data.ShaderFor(function, b.Prefix);
        b.Helper(function, text);
        foreach (var t in textures)
        {
            b.ExternalTexture(t);
        }
        b.Line($"c = {function}(c);");
    }
}
