using LiveGrade.Color.Gpu;

namespace LiveGrade.Color.Ops.Matrix;

/// <summary>GLSL for <see cref="MatrixOpData"/>: c.rgb = M * c.rgb + offset, M as a mat3 uniform.</summary>
public sealed class MatrixGpuEmitter(MatrixOpData data) : IColorOpGpuEmitter
{
    public void Emit(GlslBuilder b)
    {
        var m = data.Matrix.Values;
        // GLSL mat3 constructors and uniforms are column-major: upload the transpose of the row-major values.
        string mat = b.Uniform("m", "mat3", (float)m[0], (float)m[3], (float)m[6], (float)m[1], (float)m[4], (float)m[7],
            (float)m[2], (float)m[5], (float)m[8]);
        string off = b.Uniform("o", "vec3", (float)data.Offset[0], (float)data.Offset[1], (float)data.Offset[2]);
        b.Line($"c.rgb = {mat} * c.rgb + {off};");
    }
}
