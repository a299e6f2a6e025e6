namespace LiveGrade.Core.Diagnostics;

/// <summary>
/// Helpers for text parsers that report <see cref="InputException"/>s with line numbers.
/// </summary>
public static class TextPosition
{
    /// <summary>1-based line number of a character offset in text.</summary>
    public static int LineOf(string text, int offset)
    {
        int line = 1;
        int end = Math.Min(offset, text.Length);
        for (int i = 0; i < end; i++)
        {
            if (text[i] == '\n')
            {
                line++;
            }
        }
        return line;
    }
}
