using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Xunit.Abstractions;

namespace LiveGrade.App.Tests.Commands;

/// <summary>
/// The crash test of issue 8: `livegrade run` (engine, journal, API) as a child process, random CDL values
/// set through the API, the process killed with SIGKILL at a random moment, restarted: every acknowledged
/// value must be there, and the camera's whole history with it (undo depth). Repeated until 200 values have
/// been acknowledged, over at least four kills. Its time is mostly the five or six starts of `run` (about a
/// second each on an idle machine).
/// </summary>
public class RunCrashTests(ITestOutputHelper output)
{
    /// <summary>Values to acknowledge over the whole test, as the issue asks.</summary>
    private const int Values = 200;

    /// <summary>Kills at least this many times, whatever the pace of the machine.</summary>
    private const int MinKills = 4;

    private static readonly string[] Cameras = ["A", "B"];

    [Fact]
    public async Task Every_acknowledged_cdl_value_survives_kill_9()
    {
        var dir = CliRunner.TempDir();
        int port = FreePort();
        var show = Path.Combine(dir, "crash.show.json");
        // A tiny picture keeps the engine's share of two cores small; the journal and API are the same as ever.
        File.WriteAllText(show, $$"""
            {
              "name": "Crash test",
              "size": "64x36",
              "rate": "25",
              "inputs": [ { "name": "A", "source": "bars" }, { "name": "B", "source": "ramp" } ],
              "outputs": [ { "name": "DIT", "route": "A" }, { "name": "Village", "route": "B" } ],
              "api": { "port": {{port}} }
            }
            """);
        var journal = Path.Combine(dir, "crash.journal.db");
        int seed = Environment.TickCount;
        output.WriteLine($"seed {seed}");
        var random = new Random(seed);

        // What the client knows: the last acknowledged value per camera and how many changes each camera had.
        var last = Cameras.ToDictionary(c => c, _ => (double[]?)null);
        var changes = Cameras.ToDictionary(c => c, _ => 0);
        int acknowledged = 0, kills = 0, durableInFlight = 0;
        (string Camera, double[] Cdl)? pending = null;
        var clock = Stopwatch.StartNew();
        while (true)
        {
            // Each start first checks what the previous kill left, then sends values until the next kill.
            using var child = RunningShow.Start(show, journal);
            using var http = new HttpClient { BaseAddress = child.Api, Timeout = TimeSpan.FromSeconds(30) };
            if (await CheckState(http, last, changes, pending)) durableInFlight++;
            if (acknowledged >= Values && kills >= MinKills) break;

            // The kill comes from another thread after a random number of acknowledged values and a random
            // few milliseconds more, so it lands before a request, while one is being journalled, or while
            // its answer is on its way.
            int target = random.Next(20, 70), sentHere = 0;
            var delay = TimeSpan.FromMilliseconds(random.Next(0, 20));
            var killer = new Thread(() =>
            {
                while (Volatile.Read(ref sentHere) < target && !child.HasExited) Thread.Sleep(1);
                Thread.Sleep(delay);
                child.Kill9();
            });
            killer.Start();
            pending = null;
            while (true)
            {
                var camera = Cameras[random.Next(Cameras.Length)];
                var cdl = RandomCdl(random);
                pending = (camera, cdl);
                HttpResponseMessage response;
                try
                {
                    response = await http.PostAsync($"api/cameras/{camera}/cdl", Body(cdl));
                }
                catch (HttpRequestException)
                {
                    break; // killed: this value was not acknowledged (it may or may not be in the journal)
                }
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                last[camera] = cdl;
                changes[camera]++;
                acknowledged++;
                Interlocked.Increment(ref sentHere);
                pending = null;
            }
            killer.Join();
            kills++;
            output.WriteLine($"kill {kills} after {sentHere} values + {delay.TotalMilliseconds:0} ms ({acknowledged} acknowledged so far); in flight: {(pending is null ? "none" : pending.Value.Camera)}");
        }
        output.WriteLine($"{acknowledged} values acknowledged over {kills} kills in {clock.Elapsed.TotalSeconds:0.0} s; " +
            $"{durableInFlight} of the values in flight at a kill had reached the journal");
    }

    /// <summary>
    /// The replayed state must hold the last acknowledged value of each camera, except where the value in
    /// flight when the process died had reached the journal: then that camera holds that value (the client
    /// did not hear the acknowledgement, but the engine had made it durable). Either way the camera's undo
    /// history has exactly one step per change, so every earlier acknowledged change is there too.
    /// </summary>
    /// <returns>True when the value in flight had reached the journal.</returns>
    private static async Task<bool> CheckState(HttpClient http, Dictionary<string, double[]?> last, Dictionary<string, int> changes, (string Camera, double[] Cdl)? pending)
    {
        using var doc = JsonDocument.Parse(await http.GetStringAsync("api/state"));
        bool durable = false;
        foreach (var camera in doc.RootElement.GetProperty("cameras").EnumerateArray())
        {
            var name = camera.GetProperty("name").GetString()!;
            var cdl = camera.GetProperty("cdl");
            double[] actual = [.. new[] { "slope", "offset", "power" }.SelectMany(k => cdl.GetProperty(k).EnumerateArray().Select(v => v.GetDouble())), cdl.GetProperty("sat").GetDouble()];
            int depth = camera.GetProperty("undoDepth").GetInt32();
            if (pending is { } p && p.Camera == name && actual.SequenceEqual(p.Cdl))
            {
                last[name] = p.Cdl; // it made it to the journal before the kill
                changes[name]++;
                durable = true;
            }
            double[] expected = last[name] ?? [1, 1, 1, 0, 0, 0, 1, 1, 1, 1];
            Assert.True(expected.SequenceEqual(actual), $"camera {name}: expected {string.Join(' ', expected)}, replayed {string.Join(' ', actual)}");
            Assert.Equal(changes[name], depth);
        }
        return durable;
    }

    /// <summary>A plausible grade: values a DIT might set, with full double precision (they must come back bit for bit).</summary>
    private static double[] RandomCdl(Random r)
    {
        double[] v = new double[10];
        for (int i = 0; i < 3; i++) v[i] = 0.5 + r.NextDouble();
        for (int i = 3; i < 6; i++) v[i] = (r.NextDouble() - 0.5) * 0.2;
        for (int i = 6; i < 9; i++) v[i] = 0.7 + r.NextDouble() * 0.6;
        v[9] = r.NextDouble() * 2;
        return v;
    }

    private static StringContent Body(double[] v)
    {
        string F(double x) => x.ToString("R", CultureInfo.InvariantCulture);
        var json = $"{{\"slope\": [{F(v[0])}, {F(v[1])}, {F(v[2])}], \"offset\": [{F(v[3])}, {F(v[4])}, {F(v[5])}], \"power\": [{F(v[6])}, {F(v[7])}, {F(v[8])}], \"sat\": {F(v[9])}}}";
        return new StringContent(json, Encoding.UTF8, "application/json");
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    /// <summary>`livegrade run SHOW --journal J` as a child process, up and serving its API.</summary>
    private sealed class RunningShow : IDisposable
    {
        private readonly Process _process;

        private RunningShow(Process process, Uri api)
        {
            _process = process;
            Api = api;
        }

        public Uri Api { get; }

        public static RunningShow Start(string show, string journal)
        {
            var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "livegrade.dll"), "run", show, "--journal", journal, "--videohub-port", "0" })
            {
                psi.ArgumentList.Add(a);
            }
            var process = Process.Start(psi)!;
            var stderr = new StringBuilder();
            process.ErrorDataReceived += (_, e) =>
            {
                lock (stderr) stderr.AppendLine(e.Data);
            };
            process.BeginErrorReadLine();
            Uri? api = null;
            var ready = Task.Run(() =>
            {
                while (process.StandardOutput.ReadLine() is { } line)
                {
                    if (line.StartsWith("api: ", StringComparison.Ordinal)) api = new Uri(line["api: ".Length..]);
                    if (line.StartsWith("running headless", StringComparison.Ordinal)) return true;
                }
                return false;
            });
            if (!ready.Wait(TimeSpan.FromSeconds(60)) || !ready.Result || api is null)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                lock (stderr) throw new InvalidOperationException($"`livegrade run` did not start its API: {stderr}");
            }
            // Keep draining standard output so the child never blocks on a full pipe.
            _ = Task.Run(() => process.StandardOutput.ReadToEnd());
            return new RunningShow(process, api);
        }

        public bool HasExited => _process.HasExited;

        /// <summary>SIGKILL: no shutdown code runs, as in a power cut of the process.</summary>
        public void Kill9()
        {
            try
            {
                _process.Kill(); // SIGKILL on Linux
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
            _process.WaitForExit();
        }

        public void Dispose()
        {
            Kill9();
            _process.Dispose();
        }
    }
}
