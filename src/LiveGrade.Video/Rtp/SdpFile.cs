using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using LiveGrade.Core.Diagnostics;
using LiveGrade.Core.Video;

namespace LiveGrade.Video.Rtp;

/// <summary>
/// Reads and writes the SDP (RFC 4566) of an ST 2110-20 video stream: the <c>m=video</c> section with its
/// <c>c=</c> line (multicast TTL), <c>a=rtpmap:PT raw/90000</c> and <c>a=fmtp:PT</c> with the media type
/// parameters of ST 2110-20 §7 (sampling, width, height, depth, exactframerate, colorimetry, TCS, RANGE,
/// PM, SSN) and ST 2110-21 (TP), plus ST 2110-10's <c>a=mediaclk</c> and <c>a=ts-refclk</c>.
/// <para>Reading takes the first <c>m=video</c> section whose payload is <c>raw/90000</c>; other sections are
/// ignored (so ST 2022-7 primary/secondary pairs are read as the primary only). Anything LiveGrade cannot
/// receive or that is malformed fails with an <see cref="InputException"/> naming the file and line.</para>
/// </summary>
public static class SdpFile
{
    /// <summary>Reads an SDP file; errors name <paramref name="path"/> and the line.</summary>
    public static RtpStreamDescription Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"cannot read SDP file: {e.Message}", path);
        }
        return Parse(text, path);
    }

    /// <summary>Writes the SDP text of <paramref name="stream"/> to <paramref name="path"/> (CRLF line ends, as RFC 4566 asks).</summary>
    public static void Write(string path, RtpStreamDescription stream) => File.WriteAllText(path, Format(stream));

    /// <summary>The SDP text of a stream LiveGrade sends.</summary>
    public static string Format(RtpStreamDescription s)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        void Line(string l) => sb.Append(l).Append("\r\n");
        Line("v=0");
        Line(string.Create(inv, $"o=- {s.SessionId} {s.SessionVersion} IN IP4 {s.Origin}"));
        Line($"s={s.SessionName}");
        Line("t=0 0");
        Line(string.Create(inv, $"m=video {s.Port} RTP/AVP {s.PayloadType}"));
        Line(s.IsMulticast ? string.Create(inv, $"c=IN IP4 {s.Address}/{s.Ttl ?? 1}") : $"c=IN IP4 {s.Address}");
        Line(string.Create(inv, $"a=rtpmap:{s.PayloadType} raw/90000"));
        string rate = s.Rate.Denominator == 1 ? s.Rate.Numerator.ToString(inv) : string.Create(inv, $"{s.Rate.Numerator}/{s.Rate.Denominator}");
        var fmtp = new StringBuilder(string.Create(inv,
            $"a=fmtp:{s.PayloadType} sampling={s.Format.SamplingName}; width={s.Width}; height={s.Height}; exactframerate={rate}; depth={s.Format.Depth}; " +
            $"TCS={s.TransferCharacteristic}; colorimetry={s.Colorimetry}; PM={s.PackingMode}; SSN={s.Ssn}; TP={s.TrafficShaping};"));
        if (s.Range == SignalRange.Full)
        {
            fmtp.Append(" RANGE=FULL;");
        }
        Line(fmtp.ToString());
        // Timestamps count from the epoch of the sender's clock; "local": the clock is not locked to PTP (RFC 7273 §4.8).
        Line("a=mediaclk:direct=0");
        Line("a=ts-refclk:local");
        return sb.ToString();
    }

    /// <summary>Parses SDP text; <paramref name="file"/> names it in errors.</summary>
    public static RtpStreamDescription Parse(string text, string file)
    {
        var lines = text.Split('\n');
        bool sawVersion = false;
        bool inVideo = false;
        bool done = false;
        (string Value, int Line)? sessionC = null, mediaC = null, mLine = null;
        string sessionName = "";
        var rtpmaps = new Dictionary<int, (string Value, int Line)>();
        var fmtps = new Dictionary<int, (string Value, int Line)>();
        for (int i = 0; i < lines.Length && !done; i++)
        {
            int lineNo = i + 1;
            string line = lines[i].TrimEnd('\r');
            if (line.Trim().Length == 0)
            {
                continue;
            }
            if (line.Length < 2 || line[1] != '=' || !char.IsAsciiLetterLower(line[0]))
            {
                throw new InputException($"not an SDP line (expected 'x=value'): '{Clip(line)}'", file, lineNo);
            }
            char type = line[0];
            string value = line[2..];
            if (!sawVersion)
            {
                if (type != 'v' || value.Trim() != "0")
                {
                    throw new InputException("an SDP description starts with v=0", file, lineNo);
                }
                sawVersion = true;
                continue;
            }
            switch (type)
            {
                case 's' when mLine is null:
                    sessionName = value;
                    break;
                case 'm':
                    if (inVideo)
                    {
                        done = true; // the next media section: the video section is complete
                        break;
                    }
                    if (value.StartsWith("video ", StringComparison.Ordinal))
                    {
                        mLine = (value, lineNo);
                        inVideo = true;
                    }
                    break;
                case 'c':
                    if (inVideo) mediaC = (value, lineNo);
                    else if (mLine is null) sessionC = (value, lineNo);
                    break;
                case 'a' when inVideo:
                    if (value.StartsWith("rtpmap:", StringComparison.Ordinal) && TryPayloadType(value, "rtpmap:", file, lineNo, out int pt1, out string rest1))
                    {
                        rtpmaps[pt1] = (rest1, lineNo);
                    }
                    else if (value.StartsWith("fmtp:", StringComparison.Ordinal) && TryPayloadType(value, "fmtp:", file, lineNo, out int pt2, out string rest2))
                    {
                        fmtps[pt2] = (rest2, lineNo);
                    }
                    break;
            }
        }
        if (!sawVersion)
        {
            throw new InputException("empty SDP description", file);
        }
        if (mLine is not { } m)
        {
            throw new InputException("no m=video section", file);
        }

        // m=video <port>[/<count>] RTP/AVP <pt> ...
        var mParts = m.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (mParts.Length < 4)
        {
            throw new InputException("m= line needs 'video PORT RTP/AVP PT'", file, m.Line);
        }
        string portText = mParts[1].Split('/')[0];
        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port is < 1 or > 65535)
        {
            throw new InputException($"port '{mParts[1]}' is not 1..65535", file, m.Line);
        }
        if (mParts[2] is not ("RTP/AVP" or "RTP/AVPF"))
        {
            throw new InputException($"transport '{mParts[2]}' is not RTP/AVP", file, m.Line);
        }
        int payloadType = -1;
        for (int i = 3; i < mParts.Length && payloadType < 0; i++)
        {
            if (int.TryParse(mParts[i], NumberStyles.None, CultureInfo.InvariantCulture, out int pt)
                && rtpmaps.TryGetValue(pt, out var map) && map.Value.Trim().StartsWith("raw/", StringComparison.OrdinalIgnoreCase))
            {
                payloadType = pt;
            }
        }
        if (payloadType < 0)
        {
            throw new InputException("no payload of the m=video line has 'a=rtpmap:PT raw/90000'", file, m.Line);
        }
        var rtpmap = rtpmaps[payloadType];
        var clock = rtpmap.Value.Trim().Split('/');
        if (clock.Length < 2 || clock[1] != "90000")
        {
            throw new InputException($"raw video runs at a 90000 Hz clock, not '{rtpmap.Value.Trim()}'", file, rtpmap.Line);
        }
        if (!fmtps.TryGetValue(payloadType, out var fmtp))
        {
            throw new InputException($"no 'a=fmtp:{payloadType}' line with the picture's parameters", file, m.Line);
        }

        var p = ParseParameters(fmtp.Value);
        string Required(string key) => p.TryGetValue(key, out var v) && v.Length > 0
            ? v : throw new InputException($"a=fmtp lacks {key}", file, fmtp.Line);
        int Int(string key, int min, int max)
        {
            string v = Required(key);
            if (!int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out int n) || n < min || n > max)
            {
                throw new InputException($"{key}={v} is not a whole number in {min}..{max}", file, fmtp.Line);
            }
            return n;
        }
        if (p.ContainsKey("interlace") || p.ContainsKey("segmented"))
        {
            throw new InputException("interlaced and segmented-frame video is not supported (progressive only)", file, fmtp.Line);
        }
        int depth = Int("depth", 1, 16);
        if (!RtpVideoFormat.TryParse(Required("sampling"), depth, out var format, out var reason))
        {
            throw new InputException(reason!, file, fmtp.Line);
        }
        int width = Int("width", 1, RtpSegmentHeader.MaxRowOrOffset + 1);
        int height = Int("height", 1, RtpSegmentHeader.MaxRowOrOffset + 1);
        if (width % format.PgroupPixels != 0)
        {
            throw new InputException($"width={width} is not a whole number of {format} pixel groups ({format.PgroupPixels} pixels)", file, fmtp.Line);
        }
        string rateText = Required("exactframerate");
        if (!TryParseRate(rateText, out var rate))
        {
            throw new InputException($"exactframerate={rateText} is not an integer or N/D", file, fmtp.Line);
        }
        string colorimetry = Required("colorimetry");
        if (format.Sampling == RtpSampling.YCbCr422 && colorimetry is not ("BT709" or "BT2020" or "BT2100"))
        {
            throw new InputException($"colorimetry={colorimetry} is not supported for YCbCr (BT709, BT2020 and BT2100 are)", file, fmtp.Line);
        }
        var range = SignalRange.Narrow;
        if (p.TryGetValue("RANGE", out var rangeText))
        {
            range = rangeText switch
            {
                "NARROW" => SignalRange.Narrow,
                "FULL" or "FULLPROTECT" => SignalRange.Full,
                _ => throw new InputException($"RANGE={rangeText} is not NARROW, FULL or FULLPROTECT", file, fmtp.Line),
            };
        }

        var c = mediaC ?? sessionC ?? throw new InputException("no c= line for the video section", file, m.Line);
        var (address, ttl) = ParseConnection(c.Value, file, c.Line);

        return new RtpStreamDescription
        {
            Address = address,
            Port = port,
            Ttl = ttl,
            PayloadType = payloadType,
            Format = format,
            Width = width,
            Height = height,
            Rate = rate,
            Colorimetry = colorimetry,
            TransferCharacteristic = p.GetValueOrDefault("TCS", "SDR"),
            Range = range,
            PackingMode = p.GetValueOrDefault("PM", "2110GPM"),
            Ssn = p.GetValueOrDefault("SSN", ""),
            TrafficShaping = p.GetValueOrDefault("TP", ""),
            SessionName = sessionName,
        };
    }

    private static bool TryPayloadType(string value, string prefix, string file, int line, out int pt, out string rest)
    {
        var body = value[prefix.Length..];
        int space = body.IndexOf(' ');
        string ptText = space < 0 ? body : body[..space];
        if (!int.TryParse(ptText, NumberStyles.None, CultureInfo.InvariantCulture, out pt) || pt > 127)
        {
            throw new InputException($"'{prefix}' needs a payload type 0..127, got '{Clip(ptText)}'", file, line);
        }
        rest = space < 0 ? "" : body[(space + 1)..];
        return true;
    }

    /// <summary>"key=value; key=value; flag" (ST 2110-20 §7.1); keys compared as written in the standard, values trimmed.</summary>
    private static Dictionary<string, string> ParseParameters(string text)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in text.Split(';'))
        {
            var t = part.Trim();
            if (t.Length == 0)
            {
                continue;
            }
            int eq = t.IndexOf('=');
            if (eq < 0) result[t] = "";
            else result[t[..eq].Trim()] = t[(eq + 1)..].Trim();
        }
        return result;
    }

    private static bool TryParseRate(string text, out FrameRate rate)
    {
        rate = default;
        var parts = text.Split('/');
        if (parts.Length > 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int n) || n <= 0)
        {
            return false;
        }
        int d = 1;
        if (parts.Length == 2 && (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out d) || d <= 0))
        {
            return false;
        }
        rate = new FrameRate(n, d);
        return true;
    }

    /// <summary>"IN IP4 239.1.1.1/64" or "IN IP4 192.168.1.2" (RFC 4566 §5.7).</summary>
    private static (IPAddress Address, int? Ttl) ParseConnection(string value, string file, int line)
    {
        var parts = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 3 || parts[0] != "IN")
        {
            throw new InputException($"c= line needs 'IN IP4 ADDRESS[/TTL]', got '{Clip(value)}'", file, line);
        }
        if (parts[1] != "IP4")
        {
            throw new InputException($"address type {parts[1]} is not supported (IPv4 only)", file, line);
        }
        var fields = parts[2].Split('/');
        if (!IPAddress.TryParse(fields[0], out var address) || address.AddressFamily != AddressFamily.InterNetwork)
        {
            throw new InputException($"'{Clip(fields[0])}' is not an IPv4 address", file, line);
        }
        int? ttl = null;
        if (fields.Length >= 2)
        {
            if (!int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out int t) || t > 255)
            {
                throw new InputException($"TTL '{Clip(fields[1])}' is not 0..255", file, line);
            }
            ttl = t;
        }
        return (address, ttl);
    }

    private static string Clip(string s) => s.Length <= 60 ? s : s[..57] + "...";
}
