namespace LiveGrade.Core.Video.Packing;

/// <summary>
/// How one component's integer code values map to normalised float (E' in ITU-R BT.709/BT.2100 terms):
/// E = (code - <see cref="Offset"/>) * <see cref="InverseScale"/>, and back
/// code = clamp(roundEven(E * <see cref="Scale"/> + <see cref="Offset"/>), <see cref="Min"/>, <see cref="Max"/>),
/// NaN going to <see cref="Min"/>. All arithmetic in single precision with these exact float constants,
/// which the GPU shaders receive as uniforms, so that CPU and GPU agree bit for bit.
/// </summary>
public readonly record struct CodeScale(float Offset, float Scale, float InverseScale, float Min, float Max)
{
    public float Decode(float code) => (code - Offset) * InverseScale;

    public int Encode(float e)
    {
        float v = e * Scale + Offset;
        if (float.IsNaN(v))
        {
            return (int)Min;
        }
        v = MathF.Round(v); // ties to even, like GLSL roundEven
        return (int)(v < Min ? Min : v > Max ? Max : v);
    }
}

/// <summary>
/// Code-value ranges (ITU-R BT.2100 Table 9 / BT.709 §6.10), for n-bit components:
/// narrow: Y' and RGB = (219 E + 16) 2^(n-8), Cb/Cr = (224 E + 128) 2^(n-8), so 10-bit Y 64-940,
/// C 64-960 (512 at zero), 8-bit Y 16-235, C 16-240, 12-bit Y 256-3760;
/// full: Y' and RGB = (2^n - 1) E, Cb/Cr = (2^n - 1) E + 2^(n-1), so 10-bit 0-1023 with C 512 at zero.
/// Clipping when encoding: the 4:2:2 YCbCr layouts stay inside SDI's protected range (10-bit 4-1019,
/// 8-bit 1-254; see <see cref="V210Packer"/>), the RGB layouts use the whole code range.
/// </summary>
public static class VideoLevels
{
    public static CodeScale Luma(int bits, SignalRange range, bool sdiProtected) => range == SignalRange.Narrow
        ? Make(bits, 16 * Unit(bits), 219 * Unit(bits), sdiProtected)
        : Make(bits, 0, Max(bits), sdiProtected);

    public static CodeScale Chroma(int bits, SignalRange range, bool sdiProtected) => range == SignalRange.Narrow
        ? Make(bits, 128 * Unit(bits), 224 * Unit(bits), sdiProtected)
        : Make(bits, 1 << (bits - 1), Max(bits), sdiProtected);

    private static double Unit(int bits) => bits is >= 8 and <= 16
        ? 1 << (bits - 8)
        : throw new ArgumentOutOfRangeException(nameof(bits), bits, "code values of 8 to 16 bits");

    private static double Max(int bits) => (1 << bits) - 1;

    private static CodeScale Make(int bits, double offset, double scale, bool sdiProtected)
    {
        // SDI protects the lowest and highest 2^(n-8) codes (0-3 and 1020-1023 at 10 bits).
        double lo = sdiProtected ? Unit(bits) : 0, hi = sdiProtected ? Max(bits) - Unit(bits) : Max(bits);
        return new CodeScale((float)offset, (float)scale, (float)(1 / scale), (float)lo, (float)hi);
    }
}

/// <summary>
/// The luma coefficients of a <see cref="YCbCrMatrix"/> and the constants of the conversion both ways,
/// as single-precision floats computed once in double (ITU-R BT.709-6 Item 3.2: Kr 0.2126, Kb 0.0722;
/// BT.2020-2 non-constant luminance: Kr 0.2627, Kb 0.0593):
///   E'Y = Kr R + Kg G + Kb B,  E'Cb = (B - E'Y) / (2 (1 - Kb)),  E'Cr = (R - E'Y) / (2 (1 - Kr))
///   R = E'Y + 2 (1 - Kr) E'Cr,  B = E'Y + 2 (1 - Kb) E'Cb,
///   G = E'Y - 2 Kb (1 - Kb) / Kg E'Cb - 2 Kr (1 - Kr) / Kg E'Cr
/// Evaluation order (fixed, shared with the shaders): E'Y = (Kr R + Kg G) + Kb B; G = (E'Y + a Cb) + b Cr.
/// </summary>
public readonly record struct YCbCrCoefficients(float Kr, float Kg, float Kb, float CbScale, float CrScale,
    float CrToR, float CbToG, float CrToG, float CbToB)
{
    public static YCbCrCoefficients For(YCbCrMatrix matrix) => matrix switch
    {
        YCbCrMatrix.Rec709 => Make(0.2126, 0.0722),
        YCbCrMatrix.Rec2020 => Make(0.2627, 0.0593),
        _ => throw new ArgumentOutOfRangeException(nameof(matrix), matrix, "unknown YCbCr matrix"),
    };

    private static YCbCrCoefficients Make(double kr, double kb)
    {
        double kg = 1 - kr - kb;
        return new YCbCrCoefficients((float)kr, (float)kg, (float)kb,
            (float)(1 / (2 * (1 - kb))), (float)(1 / (2 * (1 - kr))),
            (float)(2 * (1 - kr)), (float)(-2 * kb * (1 - kb) / kg), (float)(-2 * kr * (1 - kr) / kg), (float)(2 * (1 - kb)));
    }
}

/// <summary>
/// How 4:4:4 chroma becomes 4:2:2 when packing (chroma sample k sits on luma sample 2k).
/// Unpacking always upsamples the same way: luma sample 2k takes chroma k; sample 2k+1 takes the mean of
/// chroma k and k+1 (linear interpolation of cosited samples), the last odd sample of a row repeats k.
/// </summary>
public enum ChromaFilter
{
    /// <summary>
    /// Take the chroma computed at the cosited pixel 2k. The exact inverse of the upsampling above, so
    /// unpack then pack with no grade in between reproduces every code value: the live default.
    /// </summary>
    Cosited,

    /// <summary>
    /// Low-pass [1 2 1]/4 over pixels 2k-1, 2k, 2k+1 (edges repeated), for 4:4:4 material with chroma
    /// detail finer than two pixels (renders, EXR plates): less aliasing, but a pass-through softens
    /// chroma each time. ffmpeg's swscale uses its scaler filter (bicubic by default) for this step, so
    /// no comparison with ffmpeg crosses it; the ffmpeg tests compare planar 4:2:2 codes.
    /// </summary>
    Filtered121,
}
