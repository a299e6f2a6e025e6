using System.CommandLine;
using LiveGrade.Video;

namespace LiveGrade.App.Commands;

/// <summary>`livegrade sources`: the source syntax, and what is available on this machine.</summary>
public static class SourcesCommand
{
    public static Command Create()
    {
        var cmd = new Command("sources", "List the kinds of source and the capture inputs found on this machine");
        cmd.SetAction(_ => CommandRunner.Run(() =>
        {
            Console.Out.WriteLine("source syntax (the same in show files, run, record and send):");
            Console.Out.WriteLine("  bars                 SMPTE RP 219 HD colour bars");
            Console.Out.WriteLine("  ramp                 grey, red, green and blue ramps");
            Console.Out.WriteLine("  zoneplate            circular zone plate up to Nyquist");
            Console.Out.WriteLine("  synthetic:SPACE      the synthetic camera (chart, skin, greys, speculars; panning) in a camera space, e.g. synthetic:logc3");
            Console.Out.WriteLine("  file:PATH            image sequence (shot.%04d.exr, shot.####.dpx, a folder, a still) or a movie through ffmpeg");
            Console.Out.WriteLine("  sdp:FILE.sdp         an SMPTE ST 2110-20 / RFC 4175 RTP stream described by an SDP file");
            Console.Out.WriteLine("  decklink:N           input N of the DeckLink cards (from 0)");
            foreach (var line in SourceFactory.DescribeAvailable())
            {
                Console.Out.WriteLine(line);
            }
            return 0;
        }));
        return cmd;
    }
}
