namespace LiveGrade.Color.Scopes;

/// <summary>Argument checks shared by the scope analysers and overlays.</summary>
internal static class ScopeImage
{
    public static void Check(ReadOnlySpan<float> rgba, int width, int height)
    {
        if (width < 1 || height < 1)
        {
            throw new ArgumentException($"image size {width}x{height} is empty");
        }
        if (rgba.Length != (long)width * height * 4)
        {
            throw new ArgumentException("buffer does not match width x height RGBA");
        }
    }
}
