using LiveGrade.Core.Diagnostics;
using LiveGrade.Interop.Ocio;

namespace LiveGrade.App.Commands;

/// <summary>
/// Runs a verb's body and turns failures into one line on standard error: bad input is
/// <c>error: FILE:LINE: reason</c> with exit code 2; anything else is an internal error with exit code 1.
/// No stack trace ever reaches the user (set LIVEGRADE_DEBUG=1 to see one).
/// </summary>
public static class CommandRunner
{
    public const int InputError = 2;
    public const int InternalError = 1;

    public static int Run(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (InputException e)
        {
            Console.Error.WriteLine(e.ToOneLine());
            return InputError;
        }
        catch (OcioException e)
        {
            Console.Error.WriteLine($"error: OpenColorIO: {OneLine(e.Message)}");
            return InputError;
        }
        catch (DllNotFoundException e)
        {
            Console.Error.WriteLine($"error: a native shim is missing ({OneLine(e.Message)}); run ./livegrade from the repository to build it");
            return InternalError;
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"error: internal error: {e.GetType().Name}: {OneLine(e.Message)}");
            if (Environment.GetEnvironmentVariable("LIVEGRADE_DEBUG") == "1")
            {
                Console.Error.WriteLine(e);
            }
            return InternalError;
        }
    }

    private static string OneLine(string s) => s.ReplaceLineEndings(" ").Trim();
}
