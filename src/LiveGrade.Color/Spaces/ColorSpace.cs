using System.Text.Json.Serialization;
using LiveGrade.Color.Ops;

namespace LiveGrade.Color.Spaces;

/// <summary>What a colour space is for.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ColorSpaceFamily>))]
public enum ColorSpaceFamily
{
    /// <summary>A camera's log encoding and gamut, or its linear gamut.</summary>
    Camera,

    /// <summary>A scene-referred working space (ACES, linear gamuts, CIE XYZ).</summary>
    Working,

    /// <summary>A display encoding: code values sent to a monitor.</summary>
    Display,
}

/// <summary>
/// A named colour space. Scene spaces (camera, working) define the ops that take them to ACES2065-1;
/// display spaces define the ops that take display-referred CIE XYZ (D65, 1.0 = 100 cd/m² for HDR) to
/// their code values. <see cref="OcioBuiltin"/> names OpenColorIO 2.1's builtin transform doing the same
/// thing, or is null where OCIO 2.1 has none; the tests compare the two.
/// </summary>
public sealed class ColorSpace
{
    private readonly Func<OpList> _toReference;

    public ColorSpace(string name, ColorSpaceFamily family, string description, string? ocioBuiltin,
        IReadOnlyList<string> aliases, Func<OpList> toReference)
    {
        Name = name;
        Family = family;
        Description = description;
        OcioBuiltin = ocioBuiltin;
        Aliases = aliases;
        _toReference = toReference;
    }

    public string Name { get; }
    public ColorSpaceFamily Family { get; }
    public string Description { get; }
    public string? OcioBuiltin { get; }

    /// <summary>Short names for the command line (e.g. "logc3"), matched case-insensitively.</summary>
    public IReadOnlyList<string> Aliases { get; }

    public bool IsDisplay => Family == ColorSpaceFamily.Display;

    /// <summary>
    /// Scene spaces: ops from this space to ACES2065-1. Display spaces: ops from CIE-XYZ-D65 to this space.
    /// A new list each call.
    /// </summary>
    public OpList ReferenceOps() => _toReference();

    public override string ToString() => Name;
}
