using System.Globalization;
using LiveGrade.Color.Scopes.Histogram;
using LiveGrade.Color.Scopes.Vectorscope;
using LiveGrade.Color.Scopes.Waveform;

namespace LiveGrade.Color.Scopes;

/// <summary>
/// The numbers behind a scope picture as CSV: comment lines first (what was measured, and the luma
/// statistics in 10-bit codes as ffmpeg's signalstats names them), then one table. Waveform: one row per
/// non-empty (channel, column, level); vectorscope: one row per non-empty (Cb, Cr) bin; histogram: one row
/// per 10-bit code with the Y', R', G', B' counts. Invariant culture, '\n' line ends.
/// </summary>
public static class ScopeCsvWriter
{
    public static void WriteHeader(TextWriter w, string description, LumaStatistics stats)
    {
        w.Write($"# livegrade scope: {description}\n");
        w.Write("# luma_min,luma_p10,luma_mean,luma_p90,luma_max (10-bit codes; ffmpeg signalstats YMIN,YLOW,YAVG,YHIGH,YMAX)\n");
        w.Write(Invariant($"# {stats.Min},{stats.Low},{stats.Mean:0.######},{stats.High},{stats.Max}\n"));
    }

    public static void WriteWaveform(TextWriter w, WaveformCounts counts, ScopeSignal signal, GraticuleUnits units)
    {
        string unit = SignalScale.UnitName(signal, units).ToLowerInvariant().Replace("-", "_");
        w.Write($"channel,column,level_code,level_{unit},count\n");
        string[] names = counts.Params.Rgb ? ["R", "G", "B"] : ["Y"];
        var values = LevelValues(signal, units);
        for (int ch = 0; ch < names.Length; ch++)
        {
            for (int column = 0; column < counts.Params.Columns; column++)
            {
                for (int level = 0; level < VideoLevels.Codes; level++)
                {
                    uint c = counts[ch, column, level];
                    if (c != 0)
                    {
                        w.Write(Invariant($"{names[ch]},{column},{level},{values[level]},{c}\n"));
                    }
                }
            }
        }
    }

    public static void WriteVectorscope(TextWriter w, VectorscopeCounts counts)
    {
        w.Write("cb_bin,cr_bin,cb_code,cr_code,count\n");
        int n = counts.Params.Size, per = counts.Params.CodesPerBin;
        for (int cr = 0; cr < n; cr++)
        {
            for (int cb = 0; cb < n; cb++)
            {
                uint c = counts[cb, cr];
                if (c != 0)
                {
                    w.Write(Invariant($"{cb},{cr},{cb * per},{cr * per},{c}\n"));
                }
            }
        }
    }

    public static void WriteHistogram(TextWriter w, HistogramCounts counts, ScopeSignal signal, GraticuleUnits units)
    {
        string unit = SignalScale.UnitName(signal, units).ToLowerInvariant().Replace("-", "_");
        w.Write($"code,{unit},y,r,g,b\n");
        var values = LevelValues(signal, units);
        for (int code = 0; code < VideoLevels.Codes; code++)
        {
            w.Write(Invariant($"{code},{values[code]},{counts[0, code]},{counts[1, code]},{counts[2, code]},{counts[3, code]}\n"));
        }
    }

    private static string[] LevelValues(ScopeSignal signal, GraticuleUnits units) =>
        [.. Enumerable.Range(0, VideoLevels.Codes).Select(code =>
            SignalScale.ValueOf(code, signal, units).ToString("0.####", CultureInfo.InvariantCulture))];

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
