using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace LiveGrade.Color.Processing.Simd;

/// <summary>
/// The instruction set a <see cref="CpuProcessor"/> runs its fused kernel with: chosen once per processor
/// (the widest the machine accelerates, unless a benchmark or test asks for a narrower one).
/// </summary>
public enum SimdIsa
{
    /// <summary>Each op's scalar renderer in turn over the chunk (the reference the SIMD paths are tested against).</summary>
    Scalar,

    /// <summary>4 lanes: SSE4.1 arithmetic, AVX2 gathers when the CPU has them (scalar element loads otherwise).</summary>
    V128,

    /// <summary>8 lanes: AVX2 arithmetic and gathers.</summary>
    V256,

    /// <summary>16 lanes: AVX-512F arithmetic; each 16-lane gather is two AVX2 8-lane gathers (.NET 10 exposes no AVX-512 gather).</summary>
    V512,
}

public static class SimdIsaSupport
{
    /// <summary>
    /// True when this process can run <paramref name="isa"/>. The kernels use x86 intrinsics (unpack
    /// shuffles, min/max with x86 NaN semantics, gathers), so on other CPUs only <see cref="SimdIsa.Scalar"/> runs.
    /// </summary>
    public static bool IsSupported(SimdIsa isa) => isa switch
    {
        SimdIsa.Scalar => true,
        SimdIsa.V128 => Sse41.IsSupported && Vector128.IsHardwareAccelerated,
        SimdIsa.V256 => Avx2.IsSupported && Vector256.IsHardwareAccelerated,
        SimdIsa.V512 => Avx512F.IsSupported && Avx2.IsSupported && Vector512.IsHardwareAccelerated,
        _ => false,
    };

    /// <summary>The widest supported instruction set (what a processor uses unless told otherwise).</summary>
    public static SimdIsa Best { get; } =
        IsSupported(SimdIsa.V512) ? SimdIsa.V512
        : IsSupported(SimdIsa.V256) ? SimdIsa.V256
        : IsSupported(SimdIsa.V128) ? SimdIsa.V128
        : SimdIsa.Scalar;

    /// <summary>Lanes (pixels per vector) of an instruction set; 1 for scalar.</summary>
    public static int Lanes(SimdIsa isa) => isa switch
    {
        SimdIsa.V128 => 4,
        SimdIsa.V256 => 8,
        SimdIsa.V512 => 16,
        _ => 1,
    };

    /// <summary>Parses scalar|128|256|512 (the `--isa` spelling).</summary>
    public static bool TryParse(string text, out SimdIsa isa)
    {
        switch (text.Trim().ToLowerInvariant())
        {
            case "scalar": isa = SimdIsa.Scalar; return true;
            case "128": isa = SimdIsa.V128; return true;
            case "256": isa = SimdIsa.V256; return true;
            case "512": isa = SimdIsa.V512; return true;
            default: isa = SimdIsa.Scalar; return false;
        }
    }

    /// <summary>The `--isa` spelling of <paramref name="isa"/>.</summary>
    public static string Name(SimdIsa isa) => isa switch
    {
        SimdIsa.V128 => "128",
        SimdIsa.V256 => "256",
        SimdIsa.V512 => "512",
        _ => "scalar",
    };
}
