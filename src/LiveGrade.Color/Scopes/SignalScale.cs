using System.Globalization;
using LiveGrade.Color.Ops.Transfer;

namespace LiveGrade.Color.Scopes;

/// <summary>A graticule line on the signal axis: its 10-bit code, its label, and whether it is a major line.</summary>
public readonly record struct ScaleMark(double Code, string Label, bool Major, bool Dashed = false);

/// <summary>
/// The signal axis of waveforms and histograms in the units a person reads: IRE or 10-bit code values for
/// SDR, cd/m² (nits) for PQ and HLG. PQ: the ST 2084 EOTF of the normalised signal (10000 nits at code 940).
/// HLG: BT.2100's reference display of 1000 nits with system gamma 1.2 and no black lift, for achromatic
/// signal, Fd = 1000 * OETF^-1(E')^1.2; 75% HLG (code 721) lands at 203 nits, the reference white of
/// BT.2408.
/// </summary>
public static class SignalScale
{
    /// <summary>BT.2100 HLG reference display: nominal peak and system gamma at that peak.</summary>
    public const double HlgPeakNits = 1000, HlgSystemGamma = 1.2;

    public static string UnitName(ScopeSignal signal, GraticuleUnits units) => signal switch
    {
        ScopeSignal.Sdr => units == GraticuleUnits.Ire ? "IRE" : "10-BIT",
        _ => "NITS",
    };

    /// <summary>The value of a 10-bit luma code in the axis units (IRE, code, or nits).</summary>
    public static double ValueOf(double code, ScopeSignal signal, GraticuleUnits units)
    {
        double e = VideoLevels.CodeToSignal(code);
        return signal switch
        {
            ScopeSignal.Pq => PqCurve.Instance.Decode(e) * 100.0,
            ScopeSignal.Hlg => HlgPeakNits * System.Math.Pow(HlgOetfCurve.Instance.Decode(e), HlgSystemGamma),
            _ => units == GraticuleUnits.Ire ? VideoLevels.CodeToIre(code) : code,
        };
    }

    /// <summary>The 10-bit code (unrounded) at which a signal reaches <paramref name="nits"/>.</summary>
    public static double CodeOfNits(double nits, ScopeSignal signal) => signal switch
    {
        ScopeSignal.Pq => VideoLevels.SignalToCode(PqCurve.Instance.Encode(nits / 100.0)),
        ScopeSignal.Hlg => VideoLevels.SignalToCode(HlgOetfCurve.Instance.Encode(System.Math.Pow(nits / HlgPeakNits, 1 / HlgSystemGamma))),
        _ => throw new ArgumentException("nits apply to PQ and HLG only"),
    };

    /// <summary>Graticule lines for a signal axis.</summary>
    public static IReadOnlyList<ScaleMark> Marks(ScopeSignal signal, GraticuleUnits units)
    {
        var marks = new List<ScaleMark>();
        switch (signal)
        {
            case ScopeSignal.Sdr when units == GraticuleUnits.Ire:
                for (int ire = 0; ire <= 100; ire += 10)
                {
                    marks.Add(new ScaleMark(VideoLevels.IreToCode(ire), ire.ToString(CultureInfo.InvariantCulture), ire is 0 or 100));
                }
                marks.Add(new ScaleMark(VideoLevels.IreToCode(-7.3), "-7", false, Dashed: true)); // code 0 region (super-black)
                marks.Add(new ScaleMark(VideoLevels.IreToCode(109.0), "109", false, Dashed: true)); // code 1019, top of the range
                break;
            case ScopeSignal.Sdr:
                marks.Add(new ScaleMark(64, "64", true));
                foreach (int c in new[] { 200, 300, 400, 500, 600, 700, 800 })
                {
                    marks.Add(new ScaleMark(c, c % 200 == 0 ? c.ToString(CultureInfo.InvariantCulture) : "", false));
                }
                marks.Add(new ScaleMark(100, "", false));
                marks.Add(new ScaleMark(900, "", false));
                marks.Add(new ScaleMark(940, "940", true));
                marks.Add(new ScaleMark(1019, "1019", false, Dashed: true));
                marks.Add(new ScaleMark(4, "4", false, Dashed: true));
                break;
            default:
            {
                marks.Add(new ScaleMark(64, "0", true));
                double[] nits = signal == ScopeSignal.Pq ? [1, 10, 100, 203, 1000, 4000, 10000] : [1, 10, 100, 203, 500, 1000];
                foreach (double n in nits)
                {
                    string label = n >= 1000 ? $"{n / 1000:0.#}K" : n.ToString("0.#", CultureInfo.InvariantCulture);
                    marks.Add(new ScaleMark(CodeOfNits(n, signal), label, n is 100 or 203 or 1000 || n == nits[^1], Dashed: n == 203));
                }
                break;
            }
        }
        return marks;
    }
}
