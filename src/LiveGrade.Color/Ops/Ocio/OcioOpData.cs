using LiveGrade.Interop.Ocio;

namespace LiveGrade.Color.Ops.Ocio;

/// <summary>
/// An op computed by OpenColorIO: any config transform, display/view or builtin (for instance the ACES
/// output transforms, which LiveGrade does not reimplement). It sits in an op list like any other op; the
/// CPU renderer calls OCIO's CPU processor, and the GPU path (later) uses OCIO's shader text and textures.
/// Owns its processor; the op is immutable and the processor thread-safe.
/// </summary>
public sealed class OcioOpData : ColorOpData
{
    private readonly OcioProcessor _processor;
    private readonly Func<OcioProcessor> _inverseFactory;

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

    public override string ToString() => Description;
}

/// <summary>Applies an OCIO processor to RGBA floats in place (OCIO leaves alpha alone).</summary>
public sealed class OcioCpuRenderer(OcioProcessor processor) : IColorOpCpuRenderer
{
    public void Apply(Span<float> rgba) => processor.Apply(rgba, 4);
}
