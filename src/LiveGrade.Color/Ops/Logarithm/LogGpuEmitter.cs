using LiveGrade.Color.Gpu;

namespace LiveGrade.Color.Ops.Logarithm;

/// <summary>
/// GLSL for <see cref="LogOpData"/> with the constants of <see cref="LogCpuRenderer"/> (OpenColorIO 2.1's
/// Lin2Log/Log2Lin/CameraLin2Log/CameraLog2Lin), one vec3 per constant so each channel keeps its own:
/// lin to log log2(max(in m + b, FLT_MIN)) klog + kb, log to lin (exp2((in - kb) kinv) - b) / m, and the
/// camera style's straight segment below the break (a break of -inf makes the pure styles skip it). NaN
/// fails the comparisons and takes the log branch, whose floor turns it into FLT_MIN's code, as on the CPU.
/// Logarithms and powers go through <see cref="GlslMath"/>.
/// </summary>
public sealed class LogGpuEmitter(LogOpData data) : IColorOpGpuEmitter
{
    public void Emit(GlslBuilder b)
    {
        GlslMath.Use(b);
        bool forward = data.Direction == TransformDirection.Forward;
        bool camera = data.Style == LogStyle.Camera;
        var k = new LogCpuRenderer.Constants[3];
        for (int c = 0; c < 3; c++) k[c] = LogCpuRenderer.ConstantsFor(data.Channel(c), data.Base, camera);
        string V(string name, Func<LogCpuRenderer.Constants, float> pick) => b.Uniform(name, "vec3", pick(k[0]), pick(k[1]), pick(k[2]));
        b.Line("{"); // a block of its own: two log ops in one look declare the same names
        if (forward)
        {
            string m = V("m", x => x.M), bb = V("b", x => x.B), klog = V("klog", x => x.KLog), kb = V("kb", x => x.Kb);
            b.Line($"vec3 t = c.rgb * {m} + {bb};");
            b.Line($"vec3 logs = lg_log2(mix(vec3({LogCpuRenderer.FltMin:R}), t, greaterThan(t, vec3({LogCpuRenderer.FltMin:R})))) * {klog} + {kb};");
            if (camera)
            {
                string brk = V("brk", x => x.LinBreak), slope = V("slope", x => x.LinearSlope), off = V("off", x => x.LinearOffset);
                b.Line($"logs = mix(logs, {slope} * c.rgb + {off}, lessThan(c.rgb, {brk}));");
            }
            b.Line("c.rgb = logs;");
        }
        else
        {
            string kb = V("kb", x => x.Kb), kinv = V("kinv", x => x.KInv), bb = V("b", x => x.B), invm = V("invm", x => x.InvM);
            b.Line($"vec3 lins = (lg_exp2((c.rgb - {kb}) * {kinv}) - {bb}) * {invm};");
            if (camera)
            {
                string brk = V("brk", x => x.LogBreak), inv = V("invslope", x => x.InvLinearSlope), off = V("off", x => x.LinearOffset);
                b.Line($"lins = mix(lins, {inv} * (c.rgb - {off}), lessThan(c.rgb, {brk}));");
            }
            b.Line("c.rgb = lins;");
        }
        b.Line("}");
    }
}
