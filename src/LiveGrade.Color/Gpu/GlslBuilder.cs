using System.Text;

namespace LiveGrade.Color.Gpu;

/// <summary>A uniform the look shader needs: name, GLSL type and its current values.</summary>
public sealed record GlslUniform(string Name, string Type, float[] Values);

/// <summary>How a look texture is stored and declared.</summary>
public enum GlslTextureKind
{
    /// <summary>A buffer texture (samplerBuffer), read with texelFetch: 1D LUTs of up to 65536 entries.</summary>
    Buffer,
    Texture1D,
    Texture2D,
    /// <summary>A 3D texture; x is the fastest index of <see cref="GlslTexture.Values"/> (red-fastest LUTs).</summary>
    Texture3D,
}

/// <summary>
/// A float texture the look shader samples: <see cref="Channels"/> (1, 3 or 4) floats per texel, x fastest,
/// then y, then z. <see cref="Linear"/> asks for hardware linear filtering (OCIO's textures); LiveGrade's
/// own LUTs use nearest and read texels with texelFetch. The values are shared, never copied per frame:
/// the processor uploads them again only when a different array arrives.
/// </summary>
public sealed record GlslTexture(string SamplerName, GlslTextureKind Kind, int Width, int Height, int Depth, int Channels,
    bool Linear, ReadOnlyMemory<float> Values);

/// <summary>
/// Builds the look shader's one fused function <c>vec4 lg_look(vec4 c)</c> from op emitters. Emitters
/// add lines that transform the variable <c>c</c> in place and declare uniforms for their parameters, so
/// a change of values (a CDL trim) updates uniforms only: the text, and so the compiled program, stay the
/// same. Uniform names are positional (op index), never value-dependent.
/// </summary>
public sealed class GlslBuilder
{
    private readonly StringBuilder _body = new();
    private readonly StringBuilder _helpers = new();
    private readonly HashSet<string> _helperNames = [];
    private readonly List<GlslUniform> _uniforms = [];
    private readonly List<GlslTexture> _textures = [];
    private readonly HashSet<string> _declaredTextures = [];
    private int _op;

    /// <summary>Prefix for the current op's uniforms (lg_u3_...).</summary>
    public string Prefix => $"lg_u{_op}_";

    public IReadOnlyList<GlslUniform> Uniforms => _uniforms;

    /// <summary>Every texture the look samples, in binding order (texture unit i is Textures[i]).</summary>
    public IReadOnlyList<GlslTexture> Textures => _textures;

    /// <summary>Declares a texture for the current op and returns its sampler name.</summary>
    public string Texture(string localName, GlslTextureKind kind, int width, int height, int depth, int channels,
        ReadOnlyMemory<float> values)
    {
        string name = Prefix + localName;
        _textures.Add(new GlslTexture(name, kind, width, height, depth, channels, false, values));
        _declaredTextures.Add(name);
        return name;
    }

    /// <summary>A texture whose sampler uniform is declared by a helper's own text (OCIO's shaders).</summary>
    public void ExternalTexture(GlslTexture texture) => _textures.Add(texture);

    /// <summary>Starts the next op: its uniforms get a fresh prefix.</summary>
    public void NextOp() => _op++;

    /// <summary>Declares a uniform for the current op and returns its name.</summary>
    public string Uniform(string localName, string type, params float[] values)
    {
        string name = Prefix + localName;
        _uniforms.Add(new GlslUniform(name, type, values));
        return name;
    }

    /// <summary>Adds a statement to the function body (operating on vec4 c).</summary>
    public void Line(string statement) => _body.Append("    ").Append(statement).Append('\n');

    /// <summary>Adds a helper function once, however many ops need it.</summary>
    public void Helper(string name, string source)
    {
        if (_helperNames.Add(name))
        {
            _helpers.Append(source).Append('\n');
        }
    }

    /// <summary>Uniform declarations, helpers and the fused function.</summary>
    public string Build()
    {
        var sb = new StringBuilder();
        foreach (var u in _uniforms)
        {
            sb.Append("uniform ").Append(u.Type).Append(' ').Append(u.Name).Append(";\n");
        }
        foreach (var t in _textures.Where(t => _declaredTextures.Contains(t.SamplerName)))
        {
            string type = t.Kind switch
            {
                GlslTextureKind.Buffer => "samplerBuffer",
                GlslTextureKind.Texture1D => "sampler1D",
                GlslTextureKind.Texture2D => "sampler2D",
                _ => "sampler3D",
            };
            sb.Append("uniform ").Append(type).Append(' ').Append(t.SamplerName).Append(";\n");
        }
        sb.Append(_helpers);
        // `precise`: no fused multiply-add or reordering of what the emitters wrote, on any driver, so the
        // GPU evaluates the same float expressions as the CPU renderers.
        sb.Append("vec4 lg_look(vec4 lg_in)\n{\n    precise vec4 c = lg_in;\n").Append(_body).Append("    return c;\n}\n");
        return sb.ToString();
    }
}

/// <summary>Writes one op's GLSL; created from the same op data as its CPU renderer.</summary>
public interface IColorOpGpuEmitter
{
    void Emit(GlslBuilder builder);
}
