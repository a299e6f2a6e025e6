namespace LiveGrade.Core.Diagnostics;

/// <summary>
/// Bad input from outside the program: a malformed file, an unknown name, a value out of range.
/// Carries where the problem is so that the command line can print exactly one line,
/// <c>error: FILE:LINE: reason</c>, and exit with code 2. Never used for programming errors.
/// </summary>
public sealed class InputException : Exception
{
    public InputException(string reason, string? file = null, int? line = null, Exception? inner = null)
        : base(reason, inner)
    {
        Reason = reason;
        File = file;
        Line = line;
    }

    /// <summary>What is wrong, as one sentence without a trailing full stop.</summary>
    public string Reason { get; }

    /// <summary>The file (or peer, or source) the input came from, when there is one.</summary>
    public string? File { get; }

    /// <summary>1-based line within <see cref="File"/>, when known.</summary>
    public int? Line { get; }

    /// <summary>Returns a copy that names the file, for parsers that work on text in memory.</summary>
    public InputException WithFile(string file) => new(Reason, file, Line, InnerException);

    /// <summary>The one-line form printed by the command line: <c>error: FILE:LINE: reason</c>.</summary>
    public string ToOneLine()
    {
        var where = (File, Line) switch
        {
            (not null, not null) => $"{File}:{Line}: ",
            (not null, null) => $"{File}: ",
            _ => "",
        };
        return $"error: {where}{OneLine(Reason)}";
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
