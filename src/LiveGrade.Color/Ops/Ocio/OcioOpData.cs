using LiveGrade.Color.Gpu;
using LiveGrade.Interop.Ocio;

namespace LiveGrade.Color.Ops.Ocio;

/// <summary>
/// An op computed by OpenColorIO: any config transform, display/view or builtin (for instance the ACES
/// output transforms, which LiveGrade does not reimplement). It sits in an op list like any other op; the
/// CPU renderer calls OCIO's CPU processor, and the GPU path uses OCIO's shader text and textures
/// (<see cref="OcioGpuEmitter"/>).
/// Owns its processor; the op is immutable and the processor thread-safe.
/// </summary>
public sealed class OcioOpData : ColorOpData
{
    private readonly OcioProcessor _processor;
    private readonly Func<OcioProcessor> _inverseFactory;
    private readonly Dictionary<string, (string Text, GlslTexture[] Textures)> _shaders = [];

    public OcioOpData(string description, OcioProcessor processor, Func<OcioProcessor> inverseFactory)
    {
        Description = description;
        _processor = processor;
        _inverseFactory = inverseFactory;
    }

    /// <summary>An OCIO builtin transform by style name.</summary>
    public static OcioOpData Builtin(string style, OcioDirection direction = OcioDirection.Forward) =>
        new($"OCIO builtin '{style}'{(direction == OcioDirection.Inverse ? " inverse" : "")}",
            OcioProcessor.FromBuiltin(style, direction),
            () => OcioProcessor.FromBuiltin(style, direction == OcioDirection.Forward ? OcioDirection.Inverse : OcioDirection.Forward));

    public string Description { get; }

    public OcioProcessor Processor => _processor;

    public override bool IsIdentity => false;

    public override ColorOpData Inverse() => new OcioOpData(Description + " (inverted)", _inverseFactory(), () => _processor);

    public override IColorOpCpuRenderer CreateCpuRenderer() => new OcioCpuRenderer(_processor);

    public override IColorOpGpuEmitter CreateGpuEmitter() => new OcioGpuEmitter(this);

    /// <summary>
    /// OCIO's GLSL for this processor as function <paramref name="function"/> with resources prefixed by
    /// <paramref name="prefix"/>, and its textures; made once per name pair and cached (thread-safe).
    /// </summary>
    public (string Text, GlslTexture[] Textures) ShaderFor(string function, string prefix)
    {
        lock (_shaders)
        {
            string key = function + "|" + prefix;
            if (_shaders.TryGetValue(key, out var cached))
            {
                return cached;
            }
            using var shader = _processor.CreateShader(function, prefix);
            if (shader.UniformCount > 0)
            {
                throw new NotSupportedException($"no GPU form yet for {Description}: its OCIO shader has {shader.UniformCount} dynamic properties");
            }
            var textures = new List<GlslTexture>();
            foreach (var t in shader.Textures3D())
            {
                textures.Add(new GlslTexture(t.SamplerName, GlslTextureKind.Texture3D, t.EdgeLength, t.EdgeLength, t.EdgeLength, 3, t.Linear, t.Values));
            }
            foreach (var t in shader.Textures())
            {
                // OCIO declares a sampler2D for tall (folded) 1D LUTs and a sampler1D otherwise.
                var kind = t.Height > 1 ? GlslTextureKind.Texture2D : GlslTextureKind.Texture1D;
                textures.Add(new GlslTexture(t.SamplerName, kind, t.Width, t.Height, 1, t.Channels, t.Linear, t.Values));
            }
            var result = (shader.Text, textures.ToArray());
            _shaders[key] = result;
            return result;
        }
    }

    public override string ToString() => Description;
}

/// <summary>Applies an OCIO processor to RGBA floats in place (OCIO leaves alpha alone).</summary>
public sealed class OcioCpuRenderer(OcioProcessor processor) : IColorOpCpuRenderer
{
    public void Apply(Span<float> rgba) => processor.Apply(rgba, 4);
}
