using System.Globalization;

namespace LiveGrade.Color.Scopes.Rendering;

/// <summary>A display colour, 0..1 per channel.</summary>
public readonly record struct Rgb(float R, float G, float B)
{
    public static readonly Rgb Black = new(0, 0, 0);
    public static readonly Rgb White = new(1, 1, 1);

    public Rgb Scale(float k) => new(R * k, G * k, B * k);

    /// <summary>Parses #rrggbb, rrggbb, or a name (red, green, blue, yellow, ...).</summary>
    public static Rgb? Parse(string text)
    {
        string t = text.Trim().ToLowerInvariant();
        var named = t switch
        {
            "black" => new Rgb(0, 0, 0),
            "white" => new Rgb(1, 1, 1),
            "grey" or "gray" => new Rgb(0.5f, 0.5f, 0.5f),
            "red" => new Rgb(1, 0, 0),
            "green" => new Rgb(0.1f, 0.8f, 0.1f),
            "blue" => new Rgb(0, 0.3f, 1),
            "yellow" => new Rgb(1, 1, 0),
            "orange" => new Rgb(1, 0.55f, 0),
            "pink" => new Rgb(1, 0.5f, 0.7f),
            "purple" => new Rgb(0.5f, 0, 0.6f),
            "teal" => new Rgb(0, 0.6f, 0.6f),
            "cyan" => new Rgb(0, 1, 1),
            "magenta" => new Rgb(1, 0, 1),
            _ => (Rgb?)null,
        };
        if (named is not null)
        {
            return named;
        }
        if (t.StartsWith('#'))
        {
            t = t[1..];
        }
        if (t.Length == 6 && int.TryParse(t, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int v))
        {
            return new Rgb((v >> 16 & 255) / 255f, (v >> 8 & 255) / 255f, (v & 255) / 255f);
        }
        return null;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"#{(int)MathF.Round(System.Math.Clamp(R, 0, 1) * 255):x2}{(int)MathF.Round(System.Math.Clamp(G, 0, 1) * 255):x2}{(int)MathF.Round(System.Math.Clamp(B, 0, 1) * 255):x2}");
}
