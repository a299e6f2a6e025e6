using LiveGrade.Color.Gpu;

namespace LiveGrade.Color.Ops.Transfer;

/// <summary>GLSL for a <see cref="LogCameraCurve"/>, with the constants of <see cref="LogCameraCpuRenderer"/>.</summary>
public sealed class LogCameraGpuEmitter(LogCameraCurve curve, bool encode) : IColorOpGpuEmitter
{
    public void Emit(GlslBuilder b)
    {
        var p = curve.Parameters;
        double log2Base = System.Math.Log2(p.Base);
        GlslMath.Use(b);
        if (encode)
        {
            // (break, linear slope, linear offset, m), (b, klog, kb)
            string k0 = b.Uniform("k0", "vec4", (float)p.LinBreak, (float)curve.LinearSlope, (float)curve.LinearOffset, (float)p.LinSlope);
            string k1 = b.Uniform("k1", "vec3", (float)p.LinOffset, (float)(p.LogSlope / log2Base), (float)p.LogOffset);
            b.Line($"c.rgb = mix(lg_log2({k0}.w * c.rgb + {k1}.x) * {k1}.y + {k1}.z, {k0}.y * c.rgb + {k0}.z, lessThan(c.rgb, vec3({k0}.x)));");
        }
        else
        {
            // (log break, linear offset, 1/linear slope, kb), (kinv, b, 1/m)
            string k0 = b.Uniform("k0", "vec4", (float)curve.LogSideBreak, (float)curve.LinearOffset, (float)(1 / curve.LinearSlope), (float)p.LogOffset);
            string k1 = b.Uniform("k1", "vec3", (float)(log2Base / p.LogSlope), (float)p.LinOffset, (float)(1 / p.LinSlope));
            b.Line($"c.rgb = mix((lg_exp2((c.rgb - {k0}.w) * {k1}.x) - {k1}.y) * {k1}.z, (c.rgb - {k0}.y) * {k0}.z, lessThan(c.rgb, vec3({k0}.x)));");
        }
    }
}
