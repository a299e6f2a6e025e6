using LiveGrade.Color.Ops;
using LiveGrade.Color.Ops.Cdl;

namespace LiveGrade.Color.Formats.Cdl;

/// <summary>
/// One ASC CDL <c>ColorCorrection</c>: slope, offset and power per channel (R, G, B) and saturation, with the
/// descriptive text that travels with it. The numbers are validated by <see cref="CdlOpData"/>'s rules at
/// construction (slope &gt;= 0, power &gt; 0, saturation &gt;= 0, all finite), so any correction that exists can be
/// rendered and written. A record for <c>with</c> on the descriptive properties; the numbers are fixed at
/// construction, and equality compares the lists by reference, so compare values with <see cref="SameValues"/>.
/// </summary>
public sealed record CdlCorrection
{
    public CdlCorrection(string? id, IReadOnlyList<double> slope, IReadOnlyList<double> offset,
        IReadOnlyList<double> power, double saturation)
    {
        // Throws ArgumentException for a wrong count or a value out of range: the op owns the limits.
        _ = new CdlOpData(slope.ToArray(), offset.ToArray(), power.ToArray(), saturation);
        Id = id;
        Slope = [.. slope];
        Offset = [.. offset];
        Power = [.. power];
        Saturation = saturation;
    }

    /// <summary>A correction that changes nothing (what a missing SOPNode and SatNode mean).</summary>
    public static CdlCorrection Identity(string? id = null) => new(id, [1, 1, 1], [0, 0, 0], [1, 1, 1], 1);

    /// <summary>The <c>id</c> attribute; null when absent or empty (OpenColorIO treats both as no id).</summary>
    public string? Id
    {
        get;
        init => field = string.IsNullOrEmpty(value) ? null : value;
    }

    /// <summary><c>Description</c> elements of the ColorCorrection itself, trimmed, in file order.</summary>
    public IReadOnlyList<string> Descriptions { get; init; } = [];

    /// <summary>The ColorCorrection's <c>InputDescription</c>: where the CDL applies (e.g. "ARRI LogC3").</summary>
    public string? InputDescription { get; init; }

    /// <summary>The ColorCorrection's <c>ViewingDescription</c>: the display it was judged on.</summary>
    public string? ViewingDescription { get; init; }

    /// <summary><c>Description</c> elements inside the SOPNode (many tools put the look's name here).</summary>
    public IReadOnlyList<string> SopDescriptions { get; init; } = [];

    /// <summary><c>Description</c> elements inside the SatNode.</summary>
    public IReadOnlyList<string> SatDescriptions { get; init; } = [];

    /// <summary>Slope per channel (R, G, B), &gt;= 0.</summary>
    public IReadOnlyList<double> Slope { get; }

    /// <summary>Offset per channel (R, G, B), in code values (any sign).</summary>
    public IReadOnlyList<double> Offset { get; }

    /// <summary>Power per channel (R, G, B), &gt; 0.</summary>
    public IReadOnlyList<double> Power { get; }

    /// <summary>Saturation with Rec.709 luma weights, &gt;= 0.</summary>
    public double Saturation { get; }

    /// <summary>
    /// The op that renders this correction. The style is not in the file, so the caller names it: OpenColorIO
    /// applies files as <see cref="CdlStyle.NoClamp"/>, ASC v1.2 hardware clamps (<see cref="CdlStyle.AscV12"/>).
    /// </summary>
    public CdlOpData ToOpData(CdlStyle style, TransformDirection direction = TransformDirection.Forward) =>
        new(Slope.ToArray(), Offset.ToArray(), Power.ToArray(), Saturation, style, direction);

    /// <summary>True when slope, offset, power and saturation are equal value for value (text is ignored).</summary>
    public bool SameValues(CdlCorrection other) =>
        Slope.SequenceEqual(other.Slope) && Offset.SequenceEqual(other.Offset) && Power.SequenceEqual(other.Power)
        && Saturation == other.Saturation;

    public override string ToString() =>
        $"ColorCorrection {Id ?? "(no id)"}: slope ({string.Join(' ', Slope)}) offset ({string.Join(' ', Offset)}) " +
        $"power ({string.Join(' ', Power)}) sat {Saturation}";
}
