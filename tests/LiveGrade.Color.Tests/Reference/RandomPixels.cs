namespace LiveGrade.Color.Tests.Reference;

/// <summary>Seeded random RGBA test sets: fixed seeds so a failure reproduces.</summary>
public static class RandomPixels
{
    /// <summary>The number of values each op is checked on (the issue asks for at least 100,000).</summary>
    public const int Count = 100_000;

    /// <summary>Uniform values in [min, max), alpha = 1.</summary>
    public static float[] Uniform(int pixels, double min, double max, int seed)
    {
        var rng = new Random(seed);
        var data = new float[pixels * 4];
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = i % 4 == 3 ? 1f : (float)(min + (max - min) * rng.NextDouble());
        }
        return data;
    }

    /// <summary>
    /// A mix for linear-light ops: a third in [-0.5, 1), a third in [1, 100) (far above white), a third
    /// log-distributed in [1e-6, 1) (deep shadows, where log curves bend).
    /// </summary>
    public static float[] SceneLinear(int pixels, int seed)
    {
        var rng = new Random(seed);
        var data = new float[pixels * 4];
        for (int i = 0; i < data.Length; i++)
        {
            if (i % 4 == 3)
            {
                data[i] = 1f;
                continue;
            }
            data[i] = (i / 4 % 3) switch
            {
                0 => (float)(-0.5 + 1.5 * rng.NextDouble()),
                1 => (float)(1 + 99 * rng.NextDouble()),
                _ => (float)System.Math.Pow(10, -6 + 6 * rng.NextDouble()),
            };
        }
        return data;
    }

    /// <summary>Pixels whose channels lie within ±spread of a common value drawn uniformly from [min, max).</summary>
    public static float[] NearNeutral(int pixels, double min, double max, double spread, int seed)
    {
        var rng = new Random(seed);
        var data = new float[pixels * 4];
        for (int p = 0; p < pixels; p++)
        {
            double centre = min + spread + (max - min - 2 * spread) * rng.NextDouble();
            for (int c = 0; c < 3; c++)
            {
                data[p * 4 + c] = (float)(centre + spread * (2 * rng.NextDouble() - 1));
            }
            data[p * 4 + 3] = 1f;
        }
        return data;
    }

    /// <summary>
    /// Positive near-neutral light: a grey 10^u with u uniform in [minLog10, maxLog10), each channel
    /// within ±spreadStops stops of it.
    /// </summary>
    public static float[] NearNeutralLog(int pixels, double minLog10, double maxLog10, double spreadStops, int seed)
    {
        var rng = new Random(seed);
        var data = new float[pixels * 4];
        for (int p = 0; p < pixels; p++)
        {
            double grey = System.Math.Pow(10, minLog10 + (maxLog10 - minLog10) * rng.NextDouble());
            for (int c = 0; c < 3; c++)
            {
                data[p * 4 + c] = (float)(grey * System.Math.Pow(2, spreadStops * (2 * rng.NextDouble() - 1)));
            }
            data[p * 4 + 3] = 1f;
        }
        return data;
    }
}
