using System.Net;
using System.Security.Cryptography;
using System.Text;
using LiveGrade.Core.Diagnostics;

namespace LiveGrade.Engine.Api;

/// <summary>
/// The control API's rules about who may talk to it: loopback unless asked; any other address only with a
/// bearer token (a grade or a route on a set network is worth protecting from a curious laptop); a configured
/// token is enforced on loopback too. Tokens are compared in constant time.
/// </summary>
public static class ApiSecurity
{
    /// <summary>Shortest token accepted: 16 characters of a random string is far beyond guessing over HTTP.</summary>
    public const int MinTokenLength = 16;

    /// <summary>Reads a bind address: an IP literal, "localhost", "*" or "any" (every IPv4 address).</summary>
    public static IPAddress ParseBind(string text, string what)
    {
        var t = text.Trim();
        if (t.Equals("localhost", StringComparison.OrdinalIgnoreCase)) return IPAddress.Loopback;
        if (t is "*" || t.Equals("any", StringComparison.OrdinalIgnoreCase)) return IPAddress.Any;
        if (IPAddress.TryParse(t.Trim('[', ']'), out var address)) return address;
        throw new InputException($"{what}: bind address '{text}' is not an IP address (use 127.0.0.1, 0.0.0.0, ::1 or an address of this machine)");
    }

    /// <summary>True for addresses only this machine can reach.</summary>
    public static bool IsLoopback(IPAddress address) => IPAddress.IsLoopback(address);

    /// <summary>
    /// The refusal to start, or null: beyond loopback a token is required; a token, wherever given, must be
    /// at least <see cref="MinTokenLength"/> printable ASCII characters without spaces (it travels in a header).
    /// </summary>
    public static string? StartProblem(IPAddress bind, string? token)
    {
        if (token is null)
        {
            return IsLoopback(bind)
                ? null
                : $"api: binding to {bind} (beyond loopback) needs a token: give --token or the show's api.token";
        }
        if (token.Length < MinTokenLength) return $"api: the token must be at least {MinTokenLength} characters";
        if (token.Any(c => c is <= ' ' or > '~')) return "api: the token must be printable ASCII without spaces";
        return null;
    }

    /// <summary>
    /// Checks an Authorization header against the token in constant time: both sides are hashed first, so
    /// neither the content nor the length of the token leaks through timing.
    /// </summary>
    public static bool Authorized(string? authorizationHeader, string? token)
    {
        if (token is null) return true;
        const string scheme = "Bearer ";
        if (authorizationHeader is null || !authorizationHeader.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)) return false;
        var given = SHA256.HashData(Encoding.UTF8.GetBytes(authorizationHeader[scheme.Length..].Trim()));
        var expected = SHA256.HashData(Encoding.UTF8.GetBytes(token));
        return CryptographicOperations.FixedTimeEquals(given, expected);
    }

    /// <summary>
    /// The author recorded for a command from the API: "api:ADDRESS", or "api:USER@ADDRESS" when the client
    /// names its user in the X-LiveGrade-User header (letters, digits, '.', '_' and '-', at most 32; anything
    /// else is dropped, so a header cannot forge another source such as "videohub:...").
    /// </summary>
    public static string Author(IPAddress? remote, string? user)
    {
        var address = remote is null ? "unknown" : (remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote).ToString();
        var clean = user is null ? "" : new string([.. user.Where(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-').Take(32)]);
        return clean.Length == 0 ? $"api:{address}" : $"api:{clean}@{address}";
    }
}
