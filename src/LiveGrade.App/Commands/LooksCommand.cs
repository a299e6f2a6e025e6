using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using LiveGrade.Color.Formats.Cdl;
using LiveGrade.Color.Formats.Lut;
using LiveGrade.Color.Looks;
using LiveGrade.Color.Ops.Cdl;
using LiveGrade.Core.Diagnostics;
using LiveGrade.Core.Video;
using LiveGrade.Engine.Library;
using LiveGrade.Engine.Library.Exchange;

namespace LiveGrade.App.Commands;

/// <summary>
/// `livegrade looks save|list|export|import`: the look library from the command line. The library is
/// --library LOCATION (a folder, a .db file or a postgresql:// URI), else $LIVEGRADE_LIBRARY, else
/// $LIVEGRADE_HOME/livegrade.db (~/.livegrade by default).
/// </summary>
public static class LooksCommand
{
    public static Command Create()
    {
        var cmd = new Command("looks", "The look library: save, list, export (cdl, cc, ccc, ale, edl, amf, clf, cube) and import looks");
        cmd.Add(Save());
        cmd.Add(List());
        cmd.Add(Export());
        cmd.Add(Import());
        return cmd;
    }

    private static Option<string?> LibraryOption() => new("--library")
    {
        Description = "the library: a folder, a .db file or postgresql://user@host:port/db (default $LIVEGRADE_LIBRARY, else $LIVEGRADE_HOME/livegrade.db)",
    };

    /// <summary>The search keys shared by list and export.</summary>
    private sealed class Filters
    {
        public Option<string?> Camera { get; } = new("--camera") { Description = "camera name (A, B, ...)" };
        public Option<string?> Scene { get; } = new("--scene");
        public Option<string?> Take { get; } = new("--take");
        public Option<string?> Roll { get; } = new("--roll") { Description = "camera roll / reel (A001)" };
        public Option<string?> Clip { get; } = new("--clip") { Description = "clip name (A001C003_...)" };
        public Option<string?> Timecode { get; } = new("--tc") { Description = "looks whose timecode range holds this source timecode" };
        public Option<bool> AllVersions { get; } = new("--all-versions") { Description = "every version, not only the newest of each look" };

        public void AddTo(Command c)
        {
            foreach (var o in new Option[] { Camera, Scene, Take, Roll, Clip, Timecode, AllVersions })
            {
                c.Add(o);
            }
        }

        public LookQuery Query(ParseResult p)
        {
            string? tc = p.GetValue(Timecode);
            if (tc is not null && SqlLookStore.NormalizeTimecode(tc) is null)
            {
                throw new InputException($"--tc '{tc}' is not a timecode (HH:MM:SS:FF)");
            }
            return new LookQuery
            {
                Camera = p.GetValue(Camera),
                Scene = p.GetValue(Scene),
                Take = p.GetValue(Take),
                Roll = p.GetValue(Roll),
                Clip = p.GetValue(Clip),
                Timecode = tc,
                AllVersions = p.GetValue(AllVersions),
            };
        }
    }

    private static Command Save()
    {
        var library = LibraryOption();
        var camera = new Option<string>("--camera") { Description = "camera name (A, B, ...)", Required = true };
        var scene = new Option<string?>("--scene");
        var take = new Option<string?>("--take");
        var roll = new Option<string?>("--roll") { Description = "camera roll / reel (A001)" };
        var clip = new Option<string?>("--clip") { Description = "clip name" };
        var tcIn = new Option<string?>("--tc-in") { Description = "source timecode in, HH:MM:SS:FF" };
        var tcOut = new Option<string?>("--tc-out") { Description = "source timecode out (exclusive)" };
        var fps = new Option<string?>("--fps") { Description = "frame rate of the timecodes (23.976, 24, 25, ...)" };
        var cdl = new Option<string>("--cdl") { Description = "ASC CDL \"sR sG sB oR oG oB pR pG pB sat\"", Required = true };
        var style = new Option<string>("--cdl-style") { Description = "noclamp (OpenColorIO's default for CDL files) or asc", DefaultValueFactory = _ => "noclamp" };
        style.AcceptOnlyFromAmong("noclamp", "asc");
        var space = new Option<string?>("--space") { Description = "the camera's encoding (see `livegrade spaces`), e.g. logc3" };
        var working = new Option<string?>("--working") { Description = "where the CDL applies: the camera space or acescct" };
        var luts = new Option<string[]>("--lut") { Description = "a LUT applied after the CDL (kept in the library by content); repeat for several" };
        var output = new Option<string?>("--output-transform")
        {
            Description = "the output transform it was judged through: " + string.Join(", ", AcesTransformIds.Outputs.Select(o => o.Name)),
        };
        var thumbnail = new Option<string?>("--thumbnail") { Description = "a PNG still of the graded frame" };
        var author = new Option<string?>("--author") { Description = "who saved it (default: the user name)" };
        var note = new Option<string?>("--note");
        var c = new Command("save", "Save a look (a new version when the camera/scene/take/roll/clip already has one)")
        {
            library, camera, scene, take, roll, clip, tcIn, tcOut, fps, cdl, style, space, working, luts, output, thumbnail, author, note,
        };
        c.SetAction(p => Run(() =>
        {
            var cdlStyle = p.GetValue(style) == "asc" ? CdlStyle.AscV12 : CdlStyle.NoClamp;
            var op = CdlStep.Parse(p.GetValue(cdl)!, cdlStyle).Cdl;
            var correction = new CdlCorrection(null, op.Slope, op.Offset, op.Power, op.Saturation);
            string? Space(Option<string?> o) => p.GetValue(o) is { } s ? Color.Spaces.ColorSpaceRegistry.Get(s).Name : null;
            var lutFiles = new List<LookLut>();
            foreach (var path in p.GetValue(luts) ?? [])
            {
                _ = LutFormats.Read(path); // refuse a LUT that does not parse before it is kept
                lutFiles.Add(LookLut.FromFile(path));
            }
            string? outputName = p.GetValue(output);
            if (outputName is not null && AcesTransformIds.FindOutput(outputName) is null)
            {
                throw new InputException($"unknown output transform '{outputName}' ({string.Join(", ", AcesTransformIds.Outputs.Select(o => o.Name))})");
            }
            byte[]? png = p.GetValue(thumbnail) is { } thumb ? ReadFile(thumb) : null;
            var draft = Draft(() => new LookDraft(new LookSlot(p.GetValue(camera)!, p.GetValue(scene), p.GetValue(take), p.GetValue(roll), p.GetValue(clip)), correction)
            {
                CdlStyle = cdlStyle,
                InputSpace = Space(space),
                WorkingSpace = Space(working),
                Luts = lutFiles,
                OutputTransform = outputName is null ? null : AcesTransformIds.FindOutput(outputName)!.Name,
                TimecodeIn = p.GetValue(tcIn),
                TimecodeOut = p.GetValue(tcOut),
                FrameRate = Rate(p.GetValue(fps)),
                Thumbnail = png,
                Author = p.GetValue(author) ?? Environment.UserName,
                Note = p.GetValue(note),
            });
            using var store = LookLibrary.Open(p.GetValue(library));
            var saved = Draft(() => store.Save(draft));
            Console.Out.WriteLine($"saved {saved.Slot} version {saved.Version} (id {saved.Id}) in {store.Location}");
            return 0;
        }));
        return c;
    }

    private static Command List()
    {
        var library = LibraryOption();
        var filters = new Filters();
        var json = new Option<bool>("--json") { Description = "one JSON array instead of a table" };
        var c = new Command("list", "List looks (the newest version of each unless --all-versions)") { library, json };
        filters.AddTo(c);
        c.SetAction(p => Run(() =>
        {
            var query = filters.Query(p);
            using var store = LookLibrary.Open(p.GetValue(library));
            var looks = store.Find(query);
            if (p.GetValue(json))
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(looks.Select(l => new
                {
                    id = l.Id, camera = l.Slot.Camera, scene = l.Slot.Scene, take = l.Slot.Take, roll = l.Slot.Roll, clip = l.Slot.Clip,
                    version = l.Version, author = l.Look.Author, savedAt = l.SavedAt.UtcDateTime.ToString("o", CultureInfo.InvariantCulture),
                    slope = l.Cdl.Slope, offset = l.Cdl.Offset, power = l.Cdl.Power, saturation = l.Cdl.Saturation,
                    cdlStyle = l.Look.CdlStyle.ToString(), inputSpace = l.Look.InputSpace, workingSpace = l.Look.WorkingSpace,
                    outputTransform = l.Look.OutputTransform, luts = l.Look.Luts.Select(x => new { x.FileName, x.Sha256 }),
                    tcIn = l.Look.TimecodeIn, tcOut = l.Look.TimecodeOut, hasThumbnail = l.HasThumbnail, note = l.Look.Note,
                })));
                return 0;
            }
            if (looks.Count == 0)
            {
                Console.Error.WriteLine($"no looks match in {store.Location}");
                return 0;
            }
            Console.Out.WriteLine("id\tcamera\tscene\ttake\troll\tclip\tversion\tauthor\tsaved (UTC)\tworking\tASC_SOP\tASC_SAT");
            foreach (var l in looks)
            {
                var s = l.Slot;
                Console.Out.WriteLine(string.Join('\t', l.Id.ToString(CultureInfo.InvariantCulture), s.Camera, s.Scene, s.Take, s.Roll, s.Clip,
                    l.Version.ToString(CultureInfo.InvariantCulture), l.Look.Author, l.SavedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                    l.Look.WorkingSpace ?? "", SopText.FormatSop(l.Cdl), SopText.FormatSat(l.Cdl)));
            }
            return 0;
        }));
        return c;
    }

    private static Command Export()
    {
        var library = LibraryOption();
        var filters = new Filters();
        var format = new Option<string>("--format") { Description = "cdl, cc, ccc, ale, edl, amf, clf (the whole look, op for op) or cube (baked)", Required = true };
        var output = new Option<string>("-o") { Description = "a file, a folder (one file per look for cc, cdl, amf, clf, cube), or - for standard output", Required = true };
        var fps = new Option<string?>("--fps") { Description = "frame rate for ALE/EDL when the looks do not say (default 24)" };
        var digits = new Option<int?>("--digits") { Description = "round ALE/EDL CDL numbers to N significant digits (Lustre: 5); default exact" };
        var size = new Option<int>("--size") { Description = "edge of baked .cube LUTs", DefaultValueFactory = _ => 33 };
        var c = new Command("export", "Export looks for dailies") { library, format, output, fps, digits, size };
        filters.AddTo(c);
        c.SetAction(p => Run(() =>
        {
            var fmt = LookExporter.ParseFormat(p.GetValue(format)!);
            int n = p.GetValue(size);
            if (n is < 2 or > 129)
            {
                throw new InputException($"--size must be 2..129, got {n}");
            }
            if (p.GetValue(digits) is { } d && d is < 3 or > 17)
            {
                throw new InputException($"--digits must be 3..17, got {d}");
            }
            var options = new LookExportOptions
            {
                FallbackRate = Rate(p.GetValue(fps)) ?? FrameRate.Fps24,
                SignificantDigits = p.GetValue(digits),
                CubeSize = n,
            };
            var query = filters.Query(p);
            using var store = LookLibrary.Open(p.GetValue(library));
            var looks = store.Find(query);
            string target = p.GetValue(output)!;
            if (target == "-")
            {
                Console.Out.Write(LookExporter.ToText(looks, fmt, options));
                return 0;
            }
            var written = LookExporter.ToPath(looks, fmt, target, options);
            Console.Error.WriteLine($"exported {looks.Count} look{(looks.Count == 1 ? "" : "s")} as {fmt.ToString().ToLowerInvariant()}: " +
                (written.Count == 1 ? written[0] : $"{written.Count} files in {target}"));
            return 0;
        }));
        return c;
    }

    private static Command Import()
    {
        var library = LibraryOption();
        var file = new Argument<string>("FILE") { Description = ".ale, .edl, .cdl, .cc, .ccc or .amf" };
        var camera = new Option<string?>("--camera") { Description = "camera of every imported look (default: from the file, e.g. the roll's letters)" };
        var author = new Option<string?>("--author");
        var space = new Option<string?>("--space") { Description = "camera encoding of the imported looks" };
        var working = new Option<string?>("--working") { Description = "where the imported CDLs apply, when the file does not say" };
        var fps = new Option<string?>("--fps") { Description = "frame rate of the file's timecodes when it does not say" };
        var c = new Command("import", "Import looks from an ALE, EDL, CDL/CC/CCC or AMF file (all or nothing)") { file, library, camera, author, space, working, fps };
        c.SetAction(p => Run(() =>
        {
            string? Space(Option<string?> o) => p.GetValue(o) is { } s ? Color.Spaces.ColorSpaceRegistry.Get(s).Name : null;
            var options = new ImportOptions
            {
                Camera = p.GetValue(camera),
                Author = p.GetValue(author) ?? Environment.UserName,
                InputSpace = Space(space),
                WorkingSpace = Space(working),
                FrameRate = Rate(p.GetValue(fps)),
            };
            string path = p.GetValue(file)!;
            var drafts = LookImporter.Read(path, options);
            if (drafts.Count == 0)
            {
                throw new InputException("the file holds no CDL to import", path);
            }
            using var store = LookLibrary.Open(p.GetValue(library));
            var saved = Draft(() => store.SaveAll(drafts));
            Console.Out.WriteLine($"imported {saved.Count} look{(saved.Count == 1 ? "" : "s")} from {path} into {store.Location}");
            return 0;
        }));
        return c;
    }

    private static FrameRate? Rate(string? text) =>
        text is null ? null : FrameRate.TryParse(text, out var r) ? r : throw new InputException($"--fps '{text}' is not a frame rate");

    private static byte[] ReadFile(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"cannot read: {e.Message}", path, inner: e);
        }
    }

    /// <summary>The library's own validation speaks in ArgumentExceptions; on the command line they are bad input.</summary>
    private static T Draft<T>(Func<T> make)
    {
        try
        {
            return make();
        }
        catch (ArgumentException e)
        {
            throw new InputException(e.Message);
        }
    }

    /// <summary><see cref="CommandRunner.Run"/>, plus the library's own failures (disk full, locked) as one line, exit code 1.</summary>
    private static int Run(Func<int> body) => CommandRunner.Run(() =>
    {
        try
        {
            return body();
        }
        catch (LookStoreException e)
        {
            Console.Error.WriteLine(e.ToOneLine());
            return CommandRunner.InternalError;
        }
    });
}
