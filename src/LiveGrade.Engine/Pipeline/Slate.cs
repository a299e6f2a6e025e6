namespace LiveGrade.Engine.Pipeline;

/// <summary>
/// The picture an output shows for an input without signal: dark grey, "NO SIGNAL" and the input's name,
/// so that the village sees which camera is down, not a frozen or black frame.
/// </summary>
public static class Slate
{
    public static void Draw(Span<float> rgba, int width, int height, string inputName)
    {
        BitmapFont.FillRect(rgba, width, height, 0, 0, width, height, (0.12f, 0.12f, 0.12f));
        int scale = Math.Max(1, height / 90);
        DrawCentred(rgba, width, height, height / 2 - 10 * scale, "NO SIGNAL", scale * 2, (0.85f, 0.85f, 0.85f));
        DrawCentred(rgba, width, height, height / 2 + 12 * scale, inputName, scale, (0.85f, 0.6f, 0.1f));
    }

    public static void DrawCentred(Span<float> rgba, int width, int height, int y, string text, int scale, (float, float, float) color) =>
        BitmapFont.Draw(rgba, width, height, (width - BitmapFont.Measure(text, scale)) / 2, y, text, scale, color);
}
