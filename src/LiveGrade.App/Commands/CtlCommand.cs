using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using LiveGrade.Core.Diagnostics;
using LiveGrade.Engine.Api;
using LiveGrade.Engine.Control;
using LiveGrade.Engine.Show;

namespace LiveGrade.App.Commands;

/// <summary>
/// `livegrade ctl [--url URL] [--token T] [--user NAME] [--json] VERB ...`: the command-line client of the
/// control API. Verbs: state, stats, cdl CAMERA "10 numbers", route OUTPUT INPUT, preset NAME, undo CAMERA,
/// redo CAMERA, watch [--count N]. A refused command (a locked output, an unknown camera, nothing to undo),
/// a wrong token or an unreachable engine prints one line and exits with code 2.
/// </summary>
public static class CtlCommand
{
    public const string UrlVariable = "LIVEGRADE_URL";

    private static readonly Option<string?> Url = new("--url")
    {
        Description = $"the API's address (default: ${UrlVariable}, else http://127.0.0.1:{ApiServerOptions.DefaultPort})",
        Recursive = true,
    };

    private static readonly Option<string?> Token = new("--token")
    {
        Description = $"bearer token (default: ${ControlArguments.TokenVariable})",
        Recursive = true,
    };

    private static readonly Option<string?> User = new("--user")
    {
        Description = "your name, recorded as the author of your changes",
        Recursive = true,
    };

    private static readonly Option<bool> Json = new("--json") { Description = "print the API's JSON as it comes", Recursive = true };

    public static Command Create()
    {
        var cmd = new Command("ctl", "Control a running show through its API: read the state, set CDLs, route, recall presets, watch changes")
        {
            Url, Token, User, Json,
        };
        cmd.Add(Simple("state", "Cameras (CDL, LUTs), outputs (route, view, lock) and presets", c => Get(c, "api/state", PrintState)));
        cmd.Add(Simple("stats", "The engine's figures per output and input", c => Get(c, "api/stats", PrintStats)));

        var camera = new Argument<string>("CAMERA");
        var values = new Argument<string>("CDL") { Description = "\"sR sG sB oR oG oB pR pG pB sat\"" };
        var cdl = new Command("cdl", "Set a camera's ASC CDL") { camera, values };
        cdl.SetAction(parse => CommandRunner.Run(() =>
        {
            var view = CdlView.Parse(parse.GetValue(values)!, out var problem) ?? throw new InputException(problem!);
            return Post(parse, $"api/cameras/{Escape(parse.GetValue(camera)!)}/cdl", view);
        }));
        cmd.Add(cdl);

        var output = new Argument<string>("OUTPUT");
        var input = new Argument<string>("INPUT");
        var route = new Command("route", "Show INPUT on OUTPUT") { output, input };
        route.SetAction(parse => CommandRunner.Run(() =>
            Post(parse, $"api/outputs/{Escape(parse.GetValue(output)!)}/route", new RouteRequest(parse.GetValue(input)!))));
        cmd.Add(route);

        var name = new Argument<string>("NAME");
        var preset = new Command("preset", "Recall a preset (a salvo of routes, all or none)") { name };
        preset.SetAction(parse => CommandRunner.Run(() => Post(parse, $"api/presets/{Escape(parse.GetValue(name)!)}/recall", null)));
        cmd.Add(preset);

        foreach (var (verb, what) in new[] { ("undo", "Step a camera's CDL back one change"), ("redo", "Step a camera's CDL forward again") })
        {
            var cam = new Argument<string>("CAMERA");
            var c = new Command(verb, what) { cam };
            c.SetAction(parse => CommandRunner.Run(() => Post(parse, $"api/cameras/{Escape(parse.GetValue(cam)!)}/{verb}", null)));
            cmd.Add(c);
        }

        AddCompare(cmd);

        var count = new Option<int?>("--count") { Description = "stop after this many changes" };
        var withStats = new Option<bool>("--stats") { Description = "also print the figures as they come (every second)" };
        var watch = new Command("watch", "Print each change as it happens (Ctrl-C stops)") { count, withStats };
        watch.SetAction(parse => CommandRunner.Run(() => Watch(parse, parse.GetValue(count), parse.GetValue(withStats))));
        cmd.Add(watch);
        return cmd;
    }

    /// <summary>
    /// `ctl compare OUTPUT MODE [--against clean|lut|look|still] [--still PATH] [--look-cdl CDL --look-name NAME
    /// --look-lut PATH..] [--position P] [--angle DEG]` and `ctl grab OUTPUT`.
    /// </summary>
    private static void AddCompare(Command cmd)
    {
        var output = new Argument<string>("OUTPUT");
        var mode = new Argument<string>("MODE") { Description = "off, split, wipe or side-by-side" };
        var against = new Option<string>("--against") { Description = "B: clean (the camera through the display transform), lut (the look without its CDL), look (--look-cdl) or still (--still)", DefaultValueFactory = _ => "clean" };
        var still = new Option<string?>("--still") { Description = "the reference still, relative to the show's folder (the engine refuses paths outside it)" };
        var lookCdl = new Option<string?>("--look-cdl") { Description = "the second look's CDL, \"sR sG sB oR oG oB pR pG pB sat\"" };
        var lookName = new Option<string?>("--look-name") { Description = "the second look's name, for people", DefaultValueFactory = _ => "second look" };
        var lookLut = new Option<string[]>("--look-lut") { Description = "a LUT of the second look (repeat for more), relative to the show's folder", AllowMultipleArgumentsPerToken = false };
        var position = new Option<double>("--position") { Description = "split/wipe: 0 all B .. 1 all the output's own view", DefaultValueFactory = _ => 0.5 };
        var angle = new Option<double>("--angle") { Description = "wipe: the divider's normal in degrees (0 vertical, 90 horizontal)" };
        var compare = new Command("compare", "Compare an output's picture with B: split, wipe or side by side against the clean feed, the look without its CDL, a second look or a still")
        {
            output, mode, against, still, lookCdl, lookName, lookLut, position, angle,
        };
        compare.SetAction(parse => CommandRunner.Run(() =>
        {
            CompareLookDefinition? look = null;
            if (parse.GetValue(lookCdl) is { } text)
            {
                var v = CdlView.Parse(text, out var problem) ?? throw new InputException($"--look-cdl: {problem}");
                look = new CompareLookDefinition
                {
                    Name = parse.GetValue(lookName)!,
                    Cdl = new CdlDefinition { Slope = v.Slope, Offset = v.Offset, Power = v.Power, Sat = v.Sat },
                    Luts = [.. parse.GetValue(lookLut) ?? []],
                };
            }
            var definition = new CompareDefinition
            {
                Mode = parse.GetValue(mode)!,
                Against = parse.GetValue(against)!,
                Still = parse.GetValue(still),
                Look = look,
                Position = parse.GetValue(position),
                Angle = parse.GetValue(angle),
            };
            return PostCommand(parse, new SetOverlays(parse.GetValue(output)!, Compare: definition));
        }));
        cmd.Add(compare);

        var grabbed = new Argument<string>("OUTPUT");
        var grab = new Command("grab", "Grab an output's picture as its reference still (written by the engine to the show's stills folder) and compare against it") { grabbed };
        grab.SetAction(parse => CommandRunner.Run(() => Post(parse, $"api/outputs/{Escape(parse.GetValue(grabbed)!)}/grab", null)));
        cmd.Add(grab);
    }

    /// <summary>Posts a command to /api/commands (as the base type, so its "kind" is written).</summary>
    private static int PostCommand(ParseResult parse, ControlCommand command) => Post(parse, "api/commands", new CommandBody(command));

    private sealed record CommandBody(ControlCommand Command);

    private static Command Simple(string verb, string description, Func<ParseResult, int> body)
    {
        var c = new Command(verb, description);
        c.SetAction(parse => CommandRunner.Run(() => body(parse)));
        return c;
    }

    private static Uri BaseUrl(ParseResult parse)
    {
        var text = parse.GetValue(Url) ?? Environment.GetEnvironmentVariable(UrlVariable) ?? $"http://127.0.0.1:{ApiServerOptions.DefaultPort}";
        if (!Uri.TryCreate(text.EndsWith('/') ? text : text + "/", UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            throw new InputException($"--url '{text}' is not an http:// address");
        }
        return url;
    }

    private static HttpClient Client(ParseResult parse)
    {
        var http = new HttpClient { BaseAddress = BaseUrl(parse), Timeout = TimeSpan.FromSeconds(10) };
        if ((parse.GetValue(Token) ?? Environment.GetEnvironmentVariable(ControlArguments.TokenVariable)) is { Length: > 0 } token)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        if (parse.GetValue(User) is { Length: > 0 } user) http.DefaultRequestHeaders.Add("X-LiveGrade-User", user);
        return http;
    }

    private static int Get(ParseResult parse, string path, Action<JsonElement> print)
    {
        using var http = Client(parse);
        var (status, body) = Send(http, () => http.GetAsync(path));
        if (status != HttpStatusCode.OK) throw Failure(status, body);
        if (parse.GetValue(Json))
        {
            Console.Out.WriteLine(body);
            return 0;
        }
        using var doc = JsonDocument.Parse(body);
        print(doc.RootElement);
        return 0;
    }

    private static int Post(ParseResult parse, string path, object? body)
    {
        using var http = Client(parse);
        string? json = body switch
        {
            null => null,
            CommandBody c => JsonSerializer.Serialize(c.Command, typeof(ControlCommand), ApiJson.Options),
            _ => JsonSerializer.Serialize(body, body.GetType(), ApiJson.Options),
        };
        var (status, text) = Send(http, () => http.PostAsync(path, json is null ? null : new StringContent(json, Encoding.UTF8, "application/json")));
        if (parse.GetValue(Json))
        {
            Console.Out.WriteLine(text);
        }
        if (status != HttpStatusCode.OK) throw Failure(status, text);
        if (!parse.GetValue(Json))
        {
            var response = JsonSerializer.Deserialize<CommandResponse>(text, ApiJson.Options);
            Console.Out.WriteLine($"ok (change {response?.Sequence})");
        }
        return 0;
    }

    private static (HttpStatusCode Status, string Body) Send(HttpClient http, Func<Task<HttpResponseMessage>> request)
    {
        try
        {
            using var response = request().GetAwaiter().GetResult();
            return (response.StatusCode, response.Content.ReadAsStringAsync().GetAwaiter().GetResult());
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            throw new InputException($"cannot reach the LiveGrade API at {http.BaseAddress}: {(e is TaskCanceledException ? "no answer in 10 s" : OneLine(e.Message))}");
        }
    }

    /// <summary>The API's one-line reason as an input error (exit code 2); a server fault as an internal error.</summary>
    private static Exception Failure(HttpStatusCode status, string body)
    {
        string reason;
        try
        {
            using var doc = JsonDocument.Parse(body);
            reason = doc.RootElement.TryGetProperty("error", out var e) ? e.GetString() ?? "" : body;
        }
        catch (JsonException)
        {
            reason = body.Length > 200 ? body[..200] : body;
        }
        reason = OneLine(reason);
        return status switch
        {
            HttpStatusCode.Conflict => new InputException($"refused: {reason}"),
            HttpStatusCode.Unauthorized => new InputException($"unauthorized: {reason} (give --token or set {ControlArguments.TokenVariable})"),
            HttpStatusCode.InternalServerError => new InvalidOperationException($"the engine failed: {reason}"),
            _ => new InputException($"{(int)status} {status}: {reason}"),
        };
    }

    private static int Watch(ParseResult parse, int? count, bool withStats)
    {
        var baseUrl = BaseUrl(parse);
        var ws = new UriBuilder(new Uri(baseUrl, "api/events")) { Scheme = baseUrl.Scheme == "https" ? "wss" : "ws" }.Uri;
        using var socket = new ClientWebSocket();
        if ((parse.GetValue(Token) ?? Environment.GetEnvironmentVariable(ControlArguments.TokenVariable)) is { Length: > 0 } token)
        {
            socket.Options.SetRequestHeader("Authorization", $"Bearer {token}");
        }
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        try
        {
            socket.ConnectAsync(ws, cancel.Token).GetAwaiter().GetResult();
        }
        catch (WebSocketException e)
        {
            throw new InputException($"cannot watch {ws}: {OneLine(e.Message)}{(e.Message.Contains("401") ? $" (give --token or set {ControlArguments.TokenVariable})" : "")}");
        }
        bool json = parse.GetValue(Json);
        int changes = 0;
        var buffer = new byte[64 * 1024];
        try
        {
            while (count is null || changes < count)
            {
                using var message = new MemoryStream();
                WebSocketReceiveResult r;
                do
                {
                    r = socket.ReceiveAsync(buffer, cancel.Token).GetAwaiter().GetResult();
                    if (r.MessageType == WebSocketMessageType.Close) return 0;
                    message.Write(buffer, 0, r.Count);
                }
                while (!r.EndOfMessage);
                var text = Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length);
                using var doc = JsonDocument.Parse(text);
                var e = doc.RootElement;
                var type = e.GetProperty("type").GetString();
                if (type == "change") changes++;
                if (type == "stats" && !withStats) continue;
                if (json)
                {
                    Console.Out.WriteLine(text);
                }
                else if (type == "change")
                {
                    Console.Out.WriteLine($"#{e.GetProperty("sequence").GetInt64()} {e.GetProperty("author").GetString()}: {e.GetProperty("summary").GetString()}");
                }
                else if (type == "state")
                {
                    Console.Out.WriteLine($"watching {e.GetProperty("state").GetProperty("show").GetString()} (state {e.GetProperty("state").GetProperty("sequence").GetInt64()})");
                }
                else if (type == "stats")
                {
                    PrintStats(e);
                }
                Console.Out.Flush();
            }
        }
        catch (OperationCanceledException)
        {
            // Ctrl-C.
        }
        catch (WebSocketException e)
        {
            throw new InputException($"the event stream ended: {OneLine(e.Message)}");
        }
        return 0;
    }

    private static void PrintState(JsonElement s)
    {
        var o = Console.Out;
        o.WriteLine($"show: {s.GetProperty("show").GetString()} (state {s.GetProperty("sequence").GetInt64()})");
        o.WriteLine("cameras:");
        foreach (var c in s.GetProperty("cameras").EnumerateArray())
        {
            var luts = string.Join(", ", c.GetProperty("luts").EnumerateArray().Select(l => l.GetString()));
            o.WriteLine($"  {c.GetProperty("name").GetString(),-12} cdl {c.GetProperty("cdl").GetProperty("text").GetString()}" +
                $"  undo {c.GetProperty("undoDepth").GetInt32()} redo {c.GetProperty("redoDepth").GetInt32()}" + (luts.Length > 0 ? $"  luts {luts}" : ""));
        }
        o.WriteLine("outputs:");
        foreach (var x in s.GetProperty("outputs").EnumerateArray())
        {
            var locked = x.GetProperty("lockedBy").ValueKind == JsonValueKind.String ? $"  locked by {x.GetProperty("lockedBy").GetString()}" : "";
            o.WriteLine($"  {x.GetProperty("name").GetString(),-12} <- {x.GetProperty("route").GetString(),-12} view {x.GetProperty("view").GetString()}, display {x.GetProperty("display").GetString()}{locked}");
        }
        var presets = s.GetProperty("presets").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();
        o.WriteLine($"presets: {(presets.Count == 0 ? "(none)" : string.Join(", ", presets))}");
    }

    private static void PrintStats(JsonElement s)
    {
        var o = Console.Out;
        var outputs = s.GetProperty("outputs").EnumerateArray().ToList();
        if (outputs.Count == 0)
        {
            o.WriteLine("no engine figures (the engine is not running)");
        }
        else
        {
            o.WriteLine($"{"output",-14} {"fps",7} {"p50 ms",8} {"p99 ms",8} {"dropped",8} {"repeated",9} {"late",6}  renderer");
            foreach (var x in outputs)
            {
                o.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{x.GetProperty("name").GetString(),-14} {Number(x, "fps"),7:F2} {Number(x, "latencyP50Ms"),8:F2} {Number(x, "latencyP99Ms"),8:F2} {x.GetProperty("dropped").GetInt64(),8} {x.GetProperty("repeated").GetInt64(),9} {x.GetProperty("late").GetInt64(),6}  {x.GetProperty("renderer").GetString()}"));
            }
        }
        foreach (var i in s.GetProperty("inputs").EnumerateArray())
        {
            o.WriteLine($"input {i.GetProperty("name").GetString()}: {i.GetProperty("state").GetString()}, received {i.GetProperty("received").GetInt64()}, dropped {i.GetProperty("dropped").GetInt64()}");
        }
    }

    /// <summary>Figures may come as "NaN" strings (no frames yet).</summary>
    private static double Number(JsonElement e, string name)
    {
        var v = e.GetProperty(name);
        return v.ValueKind == JsonValueKind.Number ? v.GetDouble() : double.NaN;
    }

    private static string Escape(string segment) => Uri.EscapeDataString(segment);

    private static string OneLine(string s) => s.ReplaceLineEndings(" ").Trim();
}
