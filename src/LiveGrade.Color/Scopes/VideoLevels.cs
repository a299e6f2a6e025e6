namespace LiveGrade.Color.Scopes;

/// <summary>
/// Where a normalised signal lands in 10-bit narrow-range ("video") code values, as SMPTE ST 274 / BT.709
/// quantise it: luma and R'G'B' 0.0..1.0 map to 64..940 (876 steps), colour difference -0.5..0.5 to
/// 64..960 around 512 (896 steps). The scopes bin by these codes, so a bin is one code value and the
/// graticules read in the units a broadcast engineer checks (IRE = (code - 64) / 8.76).
/// </summary>
/// <remarks>
/// Input is R'G'B' float where 0 is black and 1 is 100% white, which is how the pipeline unpacks SDI and how
/// image files read (integer files normalised to 0..1 full scale). Values outside 0..1 (super-black,
/// super-white, negative out-of-gamut values) stay visible down to code 0 and up to code 1023.
/// </remarks>
public static class VideoLevels
{
    /// <summary>Code values per axis of a scope: every 10-bit code has its own bin.</summary>
    public const int Codes = 1024;

    public const float LumaScale = 876f, LumaOffset = 64f;
    public const float ChromaScale = 896f, ChromaOffset = 512f;

    /// <summary>
    /// The 10-bit code of a luma or R'G'B' value: round half up, clamped to 0..1023; NaN counts as 0.
    /// Single precision, one multiply then one add, no FMA: the GPU shaders (scope_common.glsl) do the same
    /// operations on the same floats, which is what makes CPU and GPU scopes agree bin for bin.
    /// </summary>
    public static int LumaCode(float v) => Quantize(v * LumaScale + LumaOffset);

    /// <summary>The 10-bit code of a colour-difference value (Cb or Cr), as <see cref="LumaCode"/>.</summary>
    public static int ChromaCode(float c) => Quantize(c * ChromaScale + ChromaOffset);

    private static int Quantize(float code)
    {
        if (float.IsNaN(code))
        {
            return 0;
        }
        float q = MathF.Floor(code + 0.5f);
        return q <= 0f ? 0 : q >= Codes - 1 ? Codes - 1 : (int)q;
    }

    /// <summary>IRE of a 10-bit luma code (0 IRE = 64, 100 IRE = 940).</summary>
    public static double CodeToIre(double code) => (code - LumaOffset) / (LumaScale / 100.0);

    /// <summary>10-bit luma code of an IRE level (not rounded).</summary>
    public static double IreToCode(double ire) => LumaOffset + ire * (LumaScale / 100.0);

    /// <summary>Normalised signal (0 = black, 1 = 100% white) of a 10-bit luma code.</summary>
    public static double CodeToSignal(double code) => (code - LumaOffset) / LumaScale;

    /// <summary>10-bit luma code (not rounded) of a normalised signal.</summary>
    public static double SignalToCode(double signal) => LumaOffset + signal * LumaScale;
}
