using System.Globalization;
using System.Net;
using System.Net.Sockets;
using LiveGrade.Core.Diagnostics;

namespace LiveGrade.Video.Rtp;

/// <summary>Parses the HOST:PORT a user gives for an RTP destination (IPv4 literal or a host name with an IPv4 address).</summary>
public static class RtpEndpoint
{
    /// <param name="what">Names the setting in the error (e.g. "--dest" or "output 'VILLAGE'").</param>
    public static IPEndPoint Parse(string text, string what)
    {
        int colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port is < 1 or > 65535)
        {
            throw new InputException($"{what} needs HOST:PORT with a port 1..65535, got '{text}'");
        }
        string host = text[..colon];
        if (IPAddress.TryParse(host, out var address))
        {
            if (address.AddressFamily != AddressFamily.InterNetwork) throw new InputException($"{what}: only IPv4 is supported, got '{host}'");
            return new IPEndPoint(address, port);
        }
        try
        {
            var found = Dns.GetHostAddresses(host).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork);
            return found is not null ? new IPEndPoint(found, port) : throw new InputException($"{what}: '{host}' has no IPv4 address");
        }
        catch (SocketException e)
        {
            throw new InputException($"{what}: cannot resolve '{host}': {e.Message}");
        }
    }
}
