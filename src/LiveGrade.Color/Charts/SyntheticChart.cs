using LiveGrade.Color.Processing;
using LiveGrade.Color.Spaces;

namespace LiveGrade.Color.Charts;

/// <summary>
/// A built-in camera chart rendered as scene-linear light, then encoded by a named camera space, so the
/// demo and tests have a realistic camera signal without a camera: a 24-patch colour checker, skin tones,
/// an 18% grey card, a 21-step grey scale from -10 to +10 stops around grey, a horizontal log exposure
/// ramp, and specular highlights far above diffuse white.
/// </summary>
public static class SyntheticChart
{
    /// <summary>
    /// ColorChecker 24 patches as scene-linear Rec.709 (D65) reflectances, from BabelColor's published
    /// average sRGB values (2012), decoded with the sRGB curve. Row-major, 6 columns x 4 rows.
    /// </summary>
    public static readonly (double R, double G, double B)[] CheckerLinearRec709 = BuildChecker();

    /// <summary>Renders the chart as scene-linear Rec.709 RGBA (alpha 1), rows top to bottom.</summary>
    public static float[] RenderLinearRec709(int width, int height)
    {
        var px = new float[width * height * 4];
        int checkerBottom = height * 55 / 100;
        int scaleBottom = height * 75 / 100;
        int rampBottom = height * 90 / 100;
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                (double r, double g, double b) c;
                if (y < checkerBottom)
                {
                    c = CheckerPatch(x, y, width, checkerBottom);
                }
                else if (y < scaleBottom)
                {
                    // 21 steps from -10 to +10 stops around 18% grey.
                    int step = System.Math.Min(20, x * 21 / width);
                    double v = 0.18 * System.Math.Pow(2, step - 10);
                    c = (v, v, v);
                }
                else if (y < rampBottom)
                {
                    // Continuous exposure ramp from -8 to +6 stops around grey.
                    double v = 0.18 * System.Math.Pow(2, -8 + 14.0 * x / (width - 1));
                    c = (v, v, v);
                }
                else
                {
                    c = HighlightStrip(x, width);
                }
                int i = (y * width + x) * 4;
                px[i] = (float)c.r;
                px[i + 1] = (float)c.g;
                px[i + 2] = (float)c.b;
                px[i + 3] = 1f;
            }
        }
        return px;
    }

    /// <summary>Renders the chart and encodes it in <paramref name="cameraSpace"/> (e.g. "ARRI LogC3 (EI800)").</summary>
    public static float[] RenderEncoded(int width, int height, ColorSpace cameraSpace)
    {
        var px = RenderLinearRec709(width, height);
        var toCamera = ColorSpaceRegistry.Conversion(ColorSpaceRegistry.Get("Linear Rec.709 (sRGB)"), cameraSpace);
        new CpuProcessor(toCamera).ApplyParallel(px);
        return px;
    }

    /// <summary>Encodes scene-linear Rec.709 RGBA pixels in <paramref name="cameraSpace"/> (a copy).</summary>
    public static float[] Encode(float[] linearRgba, ColorSpace cameraSpace)
    {
        var px = (float[])linearRgba.Clone();
        var toCamera = ColorSpaceRegistry.Conversion(ColorSpaceRegistry.Get("Linear Rec.709 (sRGB)"), cameraSpace);
        new CpuProcessor(toCamera).Apply(px);
        return px;
    }

    private static (double, double, double) CheckerPatch(int x, int y, int width, int height)
    {
        const double Gap = 0.08; // dark border between patches, as on the physical chart
        double fx = 6.0 * x / width, fy = 4.0 * y / height;
        int col = (int)fx, row = (int)fy;
        if (fx - col < Gap || fy - row < Gap || col > 5 || row > 3)
        {
            return (0.03, 0.03, 0.03);
        }
        return CheckerLinearRec709[row * 6 + col];
    }

    /// <summary>Grey background with three specular highlights: 4x, 16x and 64x diffuse white (0.9).</summary>
    private static readonly (double Centre, double Gain)[] Highlights = [(0.2, 4.0), (0.5, 16.0), (0.8, 64.0)];

    private static (double, double, double) HighlightStrip(int x, int width)
    {
        double u = (double)x / width;
        foreach (var (centre, gain) in Highlights)
        {
            if (System.Math.Abs(u - centre) < 0.04)
            {
                return (0.9 * gain, 0.9 * gain * 0.97, 0.9 * gain * 0.9);
            }
        }
        return (0.18, 0.18, 0.18);
    }

    private static (double, double, double)[] BuildChecker()
    {
        // BabelColor average, sRGB 8-bit (D65), patches 1-24.
        int[,] srgb =
        {
            { 115, 82, 68 }, { 194, 150, 130 }, { 98, 122, 157 }, { 87, 108, 67 }, { 133, 128, 177 }, { 103, 189, 170 },
            { 214, 126, 44 }, { 80, 91, 166 }, { 193, 90, 99 }, { 94, 60, 108 }, { 157, 188, 64 }, { 224, 163, 46 },
            { 56, 61, 150 }, { 70, 148, 73 }, { 175, 54, 60 }, { 231, 199, 31 }, { 187, 86, 149 }, { 8, 133, 161 },
            { 243, 243, 242 }, { 200, 200, 200 }, { 160, 160, 160 }, { 122, 122, 121 }, { 85, 85, 85 }, { 52, 52, 52 },
        };
        var result = new (double, double, double)[24];
        for (int i = 0; i < 24; i++)
        {
            result[i] = (Decode(srgb[i, 0]), Decode(srgb[i, 1]), Decode(srgb[i, 2]));
        }
        return result;

        static double Decode(int v)
        {
            double c = v / 255.0;
            return c <= 0.04045 ? c / 12.92 : System.Math.Pow((c + 0.055) / 1.055, 2.4);
        }
    }
}
