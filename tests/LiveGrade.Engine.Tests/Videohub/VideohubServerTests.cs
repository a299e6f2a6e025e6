using System.Net;
using LiveGrade.Engine.Control;
using LiveGrade.Engine.Tests.Control;
using LiveGrade.Engine.Videohub;

namespace LiveGrade.Engine.Tests.Videohub;

/// <summary>
/// Drives the Videohub server with scripted clients following Blackmagic's "Videohub Developer Information":
/// the dump, ACK/NAK, broadcasts of changed items, locks, requests for a block, PING, and bad input.
/// </summary>
public sealed class VideohubServerTests : IAsyncLifetime
{
    private readonly ControlBus _bus = new(TestShows.Initial(), journal: null);
    private readonly List<string> _log = [];
    private VideohubServer _server = null!;
    private readonly List<ScriptedVideohubClient> _clients = [];

    public Task InitializeAsync()
    {
        _server = new VideohubServer(_bus, new VideohubServerOptions { Port = 0, FriendlyName = "Control test show" }, l => { lock (_log) _log.Add(l); });
        _server.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (var c in _clients) c.Dispose();
        await _server.StopAsync();
        _bus.Dispose();
    }

    /// <summary>A connected client that has read its dump.</summary>
    private ScriptedVideohubClient Connect(int? receiveBuffer = null, bool readDump = true)
    {
        var c = new ScriptedVideohubClient(_server.LocalEndPoint, receiveBuffer);
        _clients.Add(c);
        if (readDump) c.ReadDump();
        return c;
    }

    [Fact]
    public void The_dump_is_complete_and_well_formed()
    {
        var c = Connect(readDump: false);
        var dump = c.ReadDump();
        Assert.Equal(
            ["PROTOCOL PREAMBLE:", "VIDEOHUB DEVICE:", "INPUT LABELS:", "OUTPUT LABELS:", "VIDEO OUTPUT LOCKS:", "VIDEO OUTPUT ROUTING:", "CONFIGURATION:", "END PRELUDE:"],
            dump.Select(b => b.Header));
        var blocks = dump.ToDictionary(b => b.Header, b => b.Lines);
        Assert.Matches(@"^Version: 2\.\d+$", Assert.Single(blocks["PROTOCOL PREAMBLE:"]));
        var device = blocks["VIDEOHUB DEVICE:"];
        Assert.Contains("Device present: true", device);
        Assert.Contains("Video inputs: 4", device);
        Assert.Contains("Video outputs: 3", device);
        Assert.Contains("Friendly name: Control test show", device);
        Assert.All(device, l => Assert.Matches(@"^[A-Za-z ]+: .+$", l));
        Assert.Equal(["0 A", "1 B", "2 C", "3 D"], blocks["INPUT LABELS:"]);
        Assert.Equal(["0 DIT", "1 Village", "2 Client"], blocks["OUTPUT LABELS:"]);
        Assert.Equal(["0 U", "1 U", "2 U"], blocks["VIDEO OUTPUT LOCKS:"]);
        Assert.Equal(["0 0", "1 1", "2 2"], blocks["VIDEO OUTPUT ROUTING:"]);
        Assert.Equal(["Take Mode: false"], blocks["CONFIGURATION:"]);
        Assert.Empty(blocks["END PRELUDE:"]);
        // Plain LF line ends, every block closed by exactly one blank line, nothing after the prelude.
        var raw = c.Raw.ToString();
        Assert.DoesNotContain('\r', raw);
        Assert.DoesNotContain("\n\n\n", raw);
        Assert.EndsWith("END PRELUDE:\n\n", raw);
    }

    [Fact]
    public void A_route_change_is_acked_applied_and_broadcast_to_every_client()
    {
        var a = Connect();
        var b = Connect();
        var c = Connect();
        a.Send("VIDEO OUTPUT ROUTING:\n1 3\n\n");
        Assert.True(a.ReadReply()); // ACK comes before the update it caused
        Assert.Equal(TestBlock.Of("VIDEO OUTPUT ROUTING:", "1 3"), a.ReadBlock());
        Assert.Equal("D", _bus.State.Output("Village")!.Route);
        foreach (var other in new[] { b, c })
        {
            Assert.Equal(TestBlock.Of("VIDEO OUTPUT ROUTING:", "1 3"), other.ReadBlock()); // only the changed item
        }
    }

    [Fact]
    public void Changes_from_other_sources_are_broadcast_too()
    {
        var a = Connect();
        Assert.True(_bus.Submit(new Route("DIT", "C"), "api:127.0.0.1").Accepted);
        Assert.Equal(TestBlock.Of("VIDEO OUTPUT ROUTING:", "0 2"), a.ReadBlock());
        Assert.True(_bus.Submit(new SetLabel("input", "B", "Steadicam"), "panel").Accepted);
        Assert.Equal(TestBlock.Of("INPUT LABELS:", "1 Steadicam"), a.ReadBlock());
        Assert.True(_bus.Submit(new SetLabel("output", "Client", "Client monitor"), "panel").Accepted);
        Assert.Equal(TestBlock.Of("OUTPUT LABELS:", "2 Client monitor"), a.ReadBlock());
        Assert.True(_bus.Submit(new LockOutput("Client", "api:127.0.0.1"), "api:127.0.0.1").Accepted);
        Assert.Equal(TestBlock.Of("VIDEO OUTPUT LOCKS:", "2 L"), a.ReadBlock());
        // A salvo arrives as one routing block with every output it changed.
        Assert.True(_bus.Submit(new RecallPreset("wide"), "panel").Accepted);
        Assert.Equal(TestBlock.Of("VIDEO OUTPUT ROUTING:", "0 3", "1 3"), a.ReadBlock());
        // A CDL change is not router business: nothing is sent (the PING's ACK is the next thing read).
        Assert.True(_bus.Submit(new SetCdl("A", TestShows.Cdl(1.2)), "panel").Accepted);
        Assert.Empty(a.Ping());
    }

    [Fact]
    public void Locks_belong_to_the_client_that_took_them()
    {
        var a = Connect();
        var b = Connect();
        a.Send("VIDEO OUTPUT LOCKS:\n1 O\n\n");
        Assert.True(a.ReadReply());
        Assert.Equal(TestBlock.Of("VIDEO OUTPUT LOCKS:", "1 O"), a.ReadBlock());
        Assert.Equal(TestBlock.Of("VIDEO OUTPUT LOCKS:", "1 L"), b.ReadBlock());
        var owner = _bus.State.Output("Village")!.LockedBy;
        Assert.StartsWith("videohub:127.0.0.1:", owner);

        // B cannot route the locked output, nor take or lift the lock.
        b.Send("VIDEO OUTPUT ROUTING:\n1 0\n\n");
        Assert.False(b.ReadReply());
        b.Send("VIDEO OUTPUT LOCKS:\n1 U\n\n");
        Assert.False(b.ReadReply());
        b.Send("VIDEO OUTPUT LOCKS:\n1 O\n\n");
        Assert.False(b.ReadReply());
        Assert.Equal("B", _bus.State.Output("Village")!.Route);
        Assert.Equal(owner, _bus.State.Output("Village")!.LockedBy);

        // A new client sees the lock as someone else's in its dump; the owner sees O when it asks.
        var c = Connect(readDump: false);
        Assert.Equal(["0 U", "1 L", "2 U"], c.ReadDump().Single(x => x.Header == "VIDEO OUTPUT LOCKS:").Lines);
        a.Send("VIDEO OUTPUT LOCKS:\n\n");
        Assert.True(a.ReadReply());
        Assert.Equal(TestBlock.Of("VIDEO OUTPUT LOCKS:", "0 U", "1 O", "2 U"), a.ReadBlock());

        // The owner routes; then B forces the lock off (F) and everyone sees U.
        a.Send("VIDEO OUTPUT ROUTING:\n1 2\n\n");
        Assert.True(a.ReadReply());
        a.ReadBlock();
        Assert.Equal("C", _bus.State.Output("Village")!.Route);
        b.ReadBlock();
        c.ReadBlock();
        b.Send("VIDEO OUTPUT LOCKS:\n1 F\n\n");
        Assert.True(b.ReadReply());
        foreach (var x in new[] { a, b, c })
        {
            Assert.Equal(TestBlock.Of("VIDEO OUTPUT LOCKS:", "1 U"), x.ReadBlock());
        }
        Assert.Null(_bus.State.Output("Village")!.LockedBy);
        b.Send("VIDEO OUTPUT ROUTING:\n1 0\n\n");
        Assert.True(b.ReadReply());
    }

    [Fact]
    public void Labels_can_be_set_and_a_block_asked_for_by_its_header()
    {
        var a = Connect();
        a.Send("INPUT LABELS:\n0 Camera A (Alexa 35)\n2 \n\n");
        Assert.True(a.ReadReply());
        Assert.Equal(TestBlock.Of("INPUT LABELS:", "0 Camera A (Alexa 35)", "2 "), a.ReadBlock());
        Assert.Equal("Camera A (Alexa 35)", _bus.State.Camera("A")!.Label);
        a.Send("OUTPUT LABELS:\n\n");
        Assert.True(a.ReadReply());
        Assert.Equal(TestBlock.Of("OUTPUT LABELS:", "0 DIT", "1 Village", "2 Client"), a.ReadBlock());
        a.Send("VIDEOHUB DEVICE:\n\n");
        Assert.True(a.ReadReply());
        Assert.Contains("Video outputs: 3", a.ReadBlock().Lines);
    }

    [Fact]
    public void Ping_is_acked()
    {
        var a = Connect();
        a.Send("PING:\n\n");
        Assert.Equal(TestBlock.Of("ACK"), a.ReadBlock());
        Assert.Equal("ACK\n\n", a.Raw.ToString()[^5..]);
    }

    [Theory]
    [InlineData("VIDEO OUTPUT ROUTING:\n0 x\n\n")]          // not a number
    [InlineData("VIDEO OUTPUT ROUTING:\n0 9\n\n")]          // no input 9
    [InlineData("VIDEO OUTPUT ROUTING:\n7 1\n\n")]          // no output 7
    [InlineData("VIDEO OUTPUT ROUTING:\n0 1 2\n\n")]        // extra field
    [InlineData("VIDEO OUTPUT ROUTING:\n-1 1\n\n")]         // negative port
    [InlineData("VIDEO OUTPUT ROUTING:\n0 1\nrubbish\n\n")] // a good line does not survive a bad one
    [InlineData("VIDEO OUTPUT LOCKS:\n0 X\n\n")]            // not O, U or F
    [InlineData("INPUT LABELS:\n0 tab\there\n\n")]          // control character in a label
    [InlineData("MONITORING OUTPUT ROUTING:\n0 1\n\n")]     // a block LiveGrade does not have
    [InlineData("hello videohub\n\n")]                      // no header
    [InlineData("VIDEOHUB DEVICE:\nVideo inputs: 99\n\n")]  // the server's own status
    [InlineData("PING:\nextra\n\n")]
    public void Malformed_blocks_are_nacked_and_harm_no_one(string block)
    {
        var a = Connect();
        var b = Connect();
        var before = _bus.State;
        a.Send(block);
        Assert.False(a.ReadReply());
        Assert.Same(before, _bus.State);
        // Both connections still work; nothing was broadcast (the ACK of the PING is the next thing each reads).
        Assert.Empty(a.Ping());
        Assert.Empty(b.Ping());
        b.Send("VIDEO OUTPUT ROUTING:\n0 1\n\n");
        Assert.True(b.ReadReply());
        Assert.Equal(TestBlock.Of("VIDEO OUTPUT ROUTING:", "0 1"), a.ReadBlock());
    }

    [Fact]
    public void Oversized_lines_and_blocks_are_nacked_and_the_connection_survives()
    {
        var a = Connect();
        var b = Connect();
        a.Send("INPUT LABELS:\n0 " + new string('x', 100_000) + "\n\n");
        Assert.False(a.ReadReply());
        var routes = string.Concat(Enumerable.Range(0, 5000).Select(i => $"{i % 3} {i % 4}\n"));
        a.Send("VIDEO OUTPUT ROUTING:\n" + routes + "\n");
        Assert.False(a.ReadReply());
        a.Send(new string('z', 200_000) + "\n\n"); // no header, no newline for 200 kB
        Assert.False(a.ReadReply());
        Assert.Equal(["A", "B", "C"], _bus.State.Outputs.Select(o => o.Route));
        Assert.Empty(a.Ping());
        a.Send("VIDEO OUTPUT ROUTING:\n2 0\n\n");
        Assert.True(a.ReadReply());
        Assert.Equal(TestBlock.Of("VIDEO OUTPUT ROUTING:", "2 0"), b.ReadBlock());
    }

    [Fact]
    public void A_burst_of_route_changes_is_applied_in_order()
    {
        var a = Connect();
        var watcher = Connect();
        const int count = 300;
        var burst = string.Concat(Enumerable.Range(0, count).Select(i => $"VIDEO OUTPUT ROUTING:\n{i % 3} {(i * 7) % 4}\n\n"));
        a.Send(burst); // all at once, without waiting for ACKs
        int acks = 0;
        var seen = new List<string>();
        while (acks < count)
        {
            var b = a.ReadBlock();
            if (b.Header == "ACK") acks++;
            else if (b.Header == "VIDEO OUTPUT ROUTING:") seen.AddRange(b.Lines);
            else Assert.Fail($"unexpected {b}");
        }
        // The update caused by the last block follows its ACK; a PING flushes it out.
        foreach (var b in a.Ping()) seen.AddRange(b.Lines);
        // The final routes are the last value sent for each output.
        for (int o = 0; o < 3; o++)
        {
            int last = Enumerable.Range(0, count).Last(i => i % 3 == o);
            Assert.Equal(TestShows.Initial().Cameras[(last * 7) % 4].Name, _bus.State.Outputs[o].Route);
        }
        // The watcher saw the changes in the order they were made, ending in the final state.
        var watched = new List<string>();
        var routes = new[] { 0, 1, 2 };
        while (watched.Count < seen.Count)
        {
            var b = watcher.ReadBlock();
            Assert.Equal("VIDEO OUTPUT ROUTING:", b.Header);
            watched.AddRange(b.Lines);
        }
        Assert.Equal(seen, watched);
        foreach (var line in watched)
        {
            var p = line.Split(' ');
            routes[int.Parse(p[0])] = int.Parse(p[1]);
        }
        Assert.Equal(_bus.State.Outputs.Select(o => _bus.State.CameraIndex(o.Route)).ToArray(), routes);
    }

    [Fact]
    public async Task A_client_that_does_not_read_is_dropped_without_holding_up_the_bus()
    {
        await using var server = new VideohubServer(_bus, new VideohubServerOptions { Port = 0, MaxPendingBytes = 256 * 1024 });
        server.Start();
        using var stuck = new ScriptedVideohubClient(server.LocalEndPoint, receiveBufferBytes: 4096); // never reads
        using var reader = new ScriptedVideohubClient(server.LocalEndPoint);
        reader.ReadDump();
        // Each change broadcasts about 90 bytes; 100,000 of them are far more than the socket buffers between
        // the server and the stuck client (at most 4 MiB send + 4 KiB receive here) plus its 256 KiB queue.
        const int changes = 100_000;
        var label = new string('L', 60);
        int readerLines = 0;
        var readerTask = Task.Run(() =>
        {
            while (Volatile.Read(ref readerLines) < changes)
            {
                Interlocked.Add(ref readerLines, reader.ReadBlock().Lines.Length);
            }
        });
        for (int i = 0; i < changes; i++)
        {
            Assert.True(_bus.Submit(new SetLabel("output", "DIT", label + (i % 10)), "panel").Accepted);
            // The bus runs far faster here than a journalled one does; let the reading client keep up, so only
            // the stuck one falls behind.
            while (i - Volatile.Read(ref readerLines) > 1000 && !readerTask.IsCompleted) Thread.Yield();
        }
        await readerTask.WaitAsync(TimeSpan.FromSeconds(60)); // the reading client got every update
        Assert.True(stuck.WaitClosed(TimeSpan.FromSeconds(10)), "the stuck client was dropped");
        Assert.Equal(1, server.ClientCount);
    }
}
