using System.Net;
using System.Net.Sockets;
using LiveGrade.Core.Video;

namespace LiveGrade.Video.Rtp;

/// <summary>
/// Everything a receiver must know about one ST 2110-20 / RFC 4175 video stream, as its SDP file states it
/// (<see cref="SdpFile"/>): where it goes, the payload type, the picture and the ST 2110 parameters.
/// Immutable. Progressive only (no <c>interlace</c>/<c>segmented</c>), IPv4 only.
/// </summary>
public sealed record RtpStreamDescription
{
    /// <summary>Destination address: a multicast group or a unicast host.</summary>
    public required IPAddress Address { get; init; }

    /// <summary>Destination UDP port.</summary>
    public required int Port { get; init; }

    /// <summary>Multicast time-to-live written in the SDP c= line (multicast only).</summary>
    public int? Ttl { get; init; }

    /// <summary>Dynamic RTP payload type (96-127).</summary>
    public int PayloadType { get; init; } = 96;

    public required RtpVideoFormat Format { get; init; }
    public required int Width { get; init; }
    public required int Height { get; init; }

    /// <summary>The <c>exactframerate</c> parameter.</summary>
    public required FrameRate Rate { get; init; }

    /// <summary>ST 2110-20 colorimetry: BT709, BT2020, BT2100 (and, for RGB, the other values of §7.5).</summary>
    public string Colorimetry { get; init; } = "BT709";

    /// <summary>ST 2110-20 transfer characteristic system (TCS): SDR, PQ, HLG, LINEAR, ...; SDR when absent.</summary>
    public string TransferCharacteristic { get; init; } = "SDR";

    /// <summary>RANGE: NARROW (the default), FULL or FULLPROTECT (read as full).</summary>
    public SignalRange Range { get; init; } = SignalRange.Narrow;

    /// <summary>PM: 2110GPM (general packing, what LiveGrade sends) or 2110BPM (block packing).</summary>
    public string PackingMode { get; init; } = "2110GPM";

    /// <summary>SSN: the ST 2110-20 edition the stream follows.</summary>
    public string Ssn { get; init; } = "ST2110-20:2017";

    /// <summary>TP: the ST 2110-21 sender type (2110TPN narrow, 2110TPNL narrow linear, 2110TPW wide).</summary>
    public string TrafficShaping { get; init; } = "2110TPW";

    /// <summary>The SDP s= line.</summary>
    public string SessionName { get; init; } = "LiveGrade";

    /// <summary>The address in the o= line (the sender's own); 127.0.0.1 when unknown.</summary>
    public IPAddress Origin { get; init; } = IPAddress.Loopback;

    public long SessionId { get; init; }
    public long SessionVersion { get; init; }

    /// <summary>The frames this stream fills: size, rate and the LiveGrade layout of <see cref="Format"/>.</summary>
    public VideoMode Mode => new(Width, Height, Rate, Format.FramePixelFormat);

    public bool IsMulticast => Address.AddressFamily == AddressFamily.InterNetwork && (Address.GetAddressBytes()[0] & 0xF0) == 0xE0;

    /// <summary>The YCbCr matrix of the colorimetry: BT.2020 NCL for BT2020 and BT2100, BT.709 otherwise.</summary>
    public YCbCrMatrix Matrix => Colorimetry is "BT2020" or "BT2100" ? YCbCrMatrix.Rec2020 : YCbCrMatrix.Rec709;

    /// <summary>RTP timestamp ticks (90 kHz) per frame, as a fraction: 1800 at 50 fps, 3003 at 29.97.</summary>
    public double TimestampsPerFrame => 90000.0 * Rate.Denominator / Rate.Numerator;

    /// <summary>The description of a stream LiveGrade sends of <paramref name="mode"/> frames to <paramref name="destination"/>.</summary>
    public static RtpStreamDescription ForSending(VideoMode mode, IPEndPoint destination, int? ttl = null, YCbCrMatrix matrix = YCbCrMatrix.Rec709,
        SignalRange range = SignalRange.Narrow, string transferCharacteristic = "SDR")
    {
        if (!RtpVideoFormat.TryFor(mode.Format, out var format))
        {
            throw new ArgumentException($"{PixelFormats.Name(mode.Format)} frames have no RTP form (v210, uyvy, r210 and bgra do)", nameof(mode));
        }
        if (destination.AddressFamily != AddressFamily.InterNetwork)
        {
            throw new ArgumentException("only IPv4 destinations are supported", nameof(destination));
        }
        var description = new RtpStreamDescription
        {
            Address = destination.Address,
            Port = destination.Port,
            Format = format,
            Width = mode.Width,
            Height = mode.Height,
            Rate = mode.Rate,
            Colorimetry = matrix == YCbCrMatrix.Rec2020 ? "BT2020" : "BT709",
            Range = range,
            TransferCharacteristic = transferCharacteristic,
            SessionId = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            SessionVersion = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        };
        return description.IsMulticast ? description with { Ttl = ttl ?? 1 } : description;
    }
}
