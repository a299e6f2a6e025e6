using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text.RegularExpressions;
using LiveGrade.Color.Formats.Cdl;
using LiveGrade.Color.Ops.Cdl;
using LiveGrade.Core.Video;

namespace LiveGrade.Engine.Library;

/// <summary>
/// The look library over ADO.NET: one schema and one set of queries for SQLite and PostgreSQL. The two differ
/// only in the DDL types (<see cref="IdColumn"/>, <see cref="BlobType"/>), how connections open, how errors
/// read, and the notification sent inside a save's transaction. Both accept "@name" parameters, INSERT ...
/// RETURNING, ON CONFLICT DO NOTHING, lower() and replace(), which is what the shared queries use.
///
/// A save computes its version as MAX(version)+1 of its slot inside the insert, under a UNIQUE(slot, version)
/// constraint: two stations saving the same slot at once cannot both get the same version; the loser retries.
/// CDL numbers are stored as 8-byte floats (SQLite REAL, PostgreSQL double precision), so they read back
/// bit for bit.
/// </summary>
public abstract partial class SqlLookStore : ILookStore
{
    /// <summary>Schema version written to look_schema; a newer one in the database is refused.</summary>
    public const int SchemaVersion = 1;

    /// <summary>Largest thumbnail accepted: a PNG still of a graded frame for a browser, not the frame itself.</summary>
    public const int MaxThumbnailBytes = 8 * 1024 * 1024;

    /// <summary>Largest LUT file kept with a look (a 65^3 .cube in text is about 9 MB).</summary>
    public const int MaxLutBytes = 64 * 1024 * 1024;

    private const int SaveAttempts = 5;
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private const string Columns =
        "l.id, l.camera, l.scene, l.take, l.roll, l.clip, l.version, l.saved_at_ms, l.author, l.note, l.cc_id, " +
        "l.cdl_descriptions, l.slope_r, l.slope_g, l.slope_b, l.offset_r, l.offset_g, l.offset_b, l.power_r, l.power_g, " +
        "l.power_b, l.saturation, l.cdl_style, l.input_space, l.working_space, l.output_transform, l.tc_in, l.tc_out, " +
        "l.frame_rate, EXISTS (SELECT 1 FROM look_thumbnails t WHERE t.look_id = l.id)";

    private const string SameSlot =
        "m.camera = l.camera AND m.scene = l.scene AND m.take = l.take AND m.roll = l.roll AND m.clip = l.clip";

    public abstract string Location { get; }

    public event EventHandler<LookSavedEventArgs>? LookSaved;

    /// <summary>The DDL type of an auto-numbered primary key column named id.</summary>
    protected abstract string IdColumn { get; }

    /// <summary>The DDL type for bytes.</summary>
    protected abstract string BlobType { get; }

    /// <summary>An open connection with the store's settings applied; the caller disposes it.</summary>
    protected abstract DbConnection OpenConnection();

    /// <summary>Turns a provider exception into a one-line <see cref="LookStoreException"/>, or null if unknown.</summary>
    protected abstract LookStoreException? Translate(Exception e, string doing);

    /// <summary>True when <paramref name="e"/> is a UNIQUE constraint violation (a concurrent save of the same slot).</summary>
    protected abstract bool IsUniqueViolation(Exception e);

    /// <summary>Runs inside a save's transaction after the insert (PostgreSQL: pg_notify); the default does nothing.</summary>
    protected virtual void OnSavedInTransaction(DbConnection connection, DbTransaction transaction, LookRecord record)
    {
    }

    /// <summary>
    /// Runs at the start of a save's transaction for each slot it writes, so that savers of one slot queue
    /// instead of racing for its next version (PostgreSQL: a transaction advisory lock). SQLite needs none: its
    /// writers are serialised by the database lock.
    /// </summary>
    protected virtual void LockSlotInTransaction(DbConnection connection, DbTransaction transaction, LookSlot slot)
    {
    }

    /// <summary>Creates the tables when missing; called once by the concrete store's constructor.</summary>
    protected void EnsureSchema()
    {
        Run("open the library", () =>
        {
            using var c = OpenConnection();
            using var tx = c.BeginTransaction();
            foreach (var ddl in Ddl())
            {
                Execute(c, tx, ddl);
            }
            var existing = Scalar(c, tx, "SELECT MAX(version) FROM look_schema");
            if (existing is null or DBNull)
            {
                Execute(c, tx, "INSERT INTO look_schema (version) VALUES (@v)", ("v", SchemaVersion));
            }
            else if (Convert.ToInt32(existing, CultureInfo.InvariantCulture) > SchemaVersion)
            {
                throw new LookStoreException($"the library was written by a newer LiveGrade (schema {existing}, this one knows {SchemaVersion})", Location);
            }
            tx.Commit();
            return 0;
        });
    }

    private IEnumerable<string> Ddl() =>
    [
        $"""
        CREATE TABLE IF NOT EXISTS looks (
            id {IdColumn},
            camera TEXT NOT NULL, scene TEXT NOT NULL, take TEXT NOT NULL, roll TEXT NOT NULL, clip TEXT NOT NULL,
            version INTEGER NOT NULL,
            saved_at_ms BIGINT NOT NULL,
            author TEXT NOT NULL,
            note TEXT,
            cc_id TEXT,
            cdl_descriptions TEXT,
            slope_r DOUBLE PRECISION NOT NULL, slope_g DOUBLE PRECISION NOT NULL, slope_b DOUBLE PRECISION NOT NULL,
            offset_r DOUBLE PRECISION NOT NULL, offset_g DOUBLE PRECISION NOT NULL, offset_b DOUBLE PRECISION NOT NULL,
            power_r DOUBLE PRECISION NOT NULL, power_g DOUBLE PRECISION NOT NULL, power_b DOUBLE PRECISION NOT NULL,
            saturation DOUBLE PRECISION NOT NULL,
            cdl_style TEXT NOT NULL,
            input_space TEXT,
            working_space TEXT,
            output_transform TEXT,
            tc_in TEXT, tc_out TEXT, frame_rate TEXT,
            UNIQUE (camera, scene, take, roll, clip, version)
        )
        """,
        "CREATE INDEX IF NOT EXISTS looks_scene ON looks (scene)",
        "CREATE INDEX IF NOT EXISTS looks_clip ON looks (clip)",
        "CREATE INDEX IF NOT EXISTS looks_roll ON looks (roll)",
        $"CREATE TABLE IF NOT EXISTS look_lut_files (sha256 TEXT PRIMARY KEY, content {BlobType} NOT NULL)",
        """
        CREATE TABLE IF NOT EXISTS look_luts (
            look_id BIGINT NOT NULL REFERENCES looks (id),
            position INTEGER NOT NULL,
            file_name TEXT NOT NULL,
            source_path TEXT,
            sha256 TEXT NOT NULL REFERENCES look_lut_files (sha256),
            PRIMARY KEY (look_id, position)
        )
        """,
        $"CREATE TABLE IF NOT EXISTS look_thumbnails (look_id BIGINT PRIMARY KEY REFERENCES looks (id), png {BlobType} NOT NULL)",
        "CREATE TABLE IF NOT EXISTS look_schema (version INTEGER NOT NULL)",
    ];

    public LookRecord Save(LookDraft draft) => SaveAll([draft])[0];

    public IReadOnlyList<LookRecord> SaveAll(IReadOnlyList<LookDraft> drafts)
    {
        foreach (var d in drafts)
        {
            Validate(d);
        }
        if (drafts.Count == 0)
        {
            return [];
        }
        var saved = Run("save", () =>
        {
            for (int attempt = 1; ; attempt++)
            {
                try
                {
                    return SaveOnce(drafts);
                }
                catch (Exception e) when (attempt < SaveAttempts && IsUniqueViolation(e))
                {
                    // Another station took this version number between our MAX() and our insert: take the next.
                    Thread.Sleep(Random.Shared.Next(5, 25));
                }
            }
        });
        foreach (var r in saved)
        {
            RaiseLookSaved(new LookSavedEventArgs(r.Id, r.Slot, r.Version, isRemote: false));
        }
        return saved;
    }

    private List<LookRecord> SaveOnce(IReadOnlyList<LookDraft> drafts)
    {
        using var c = OpenConnection();
        using var tx = c.BeginTransaction();
        var saved = new List<LookRecord>(drafts.Count);
        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        // Slots locked in one order, so that two multi-slot saves cannot deadlock.
        foreach (var slot in drafts.Select(d => d.Slot).Distinct().OrderBy(s => s.ToString(), StringComparer.Ordinal))
        {
            LockSlotInTransaction(c, tx, slot);
        }
        foreach (var d in drafts)
        {
            var cdl = d.Cdl;
            using var insert = Command(c, tx, """
                INSERT INTO looks (camera, scene, take, roll, clip, version, saved_at_ms, author, note, cc_id, cdl_descriptions,
                    slope_r, slope_g, slope_b, offset_r, offset_g, offset_b, power_r, power_g, power_b, saturation, cdl_style,
                    input_space, working_space, output_transform, tc_in, tc_out, frame_rate)
                SELECT @camera, @scene, @take, @roll, @clip, COALESCE(MAX(version), 0) + 1, @saved, @author, @note, @ccid, @descs,
                    @sr, @sg, @sb, @or, @og, @ob, @pr, @pg, @pb, @sat, @style, @input, @working, @output, @tcin, @tcout, @rate
                FROM looks WHERE camera = @camera AND scene = @scene AND take = @take AND roll = @roll AND clip = @clip
                RETURNING id, version
                """,
                ("camera", d.Slot.Camera), ("scene", d.Slot.Scene), ("take", d.Slot.Take), ("roll", d.Slot.Roll), ("clip", d.Slot.Clip),
                ("saved", now), ("author", d.Author), ("note", d.Note), ("ccid", cdl.Id), ("descs", JoinDescriptions(cdl)),
                ("sr", cdl.Slope[0]), ("sg", cdl.Slope[1]), ("sb", cdl.Slope[2]),
                ("or", cdl.Offset[0]), ("og", cdl.Offset[1]), ("ob", cdl.Offset[2]),
                ("pr", cdl.Power[0]), ("pg", cdl.Power[1]), ("pb", cdl.Power[2]), ("sat", cdl.Saturation),
                ("style", StyleName(d.CdlStyle)), ("input", d.InputSpace), ("working", d.WorkingSpace), ("output", d.OutputTransform),
                ("tcin", d.TimecodeIn), ("tcout", d.TimecodeOut), ("rate", d.FrameRate?.ToString()));
            long id;
            int version;
            using (var r = insert.ExecuteReader())
            {
                r.Read();
                id = Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture);
                version = Convert.ToInt32(r.GetValue(1), CultureInfo.InvariantCulture);
            }
            for (int i = 0; i < d.Luts.Count; i++)
            {
                var lut = d.Luts[i];
                Execute(c, tx, "INSERT INTO look_lut_files (sha256, content) VALUES (@h, @content) ON CONFLICT (sha256) DO NOTHING",
                    ("h", lut.Sha256), ("content", lut.Content));
                Execute(c, tx, "INSERT INTO look_luts (look_id, position, file_name, source_path, sha256) VALUES (@id, @pos, @name, @src, @h)",
                    ("id", id), ("pos", i), ("name", lut.FileName), ("src", lut.SourcePath), ("h", lut.Sha256));
            }
            if (d.Thumbnail is { } png)
            {
                Execute(c, tx, "INSERT INTO look_thumbnails (look_id, png) VALUES (@id, @png)", ("id", id), ("png", png));
            }
            var record = new LookRecord
            {
                Id = id,
                Version = version,
                SavedAt = DateTimeOffset.FromUnixTimeMilliseconds(now),
                Look = d,
                HasThumbnail = d.Thumbnail is not null,
            };
            OnSavedInTransaction(c, tx, record);
            saved.Add(record);
        }
        tx.Commit();
        return saved;
    }

    public IReadOnlyList<LookRecord> Find(LookQuery query)
    {
        var (where, parameters) = Filter(query);
        return Run("search", () => Load(where, parameters, "ORDER BY l.camera, l.scene, l.take, l.roll, l.clip, l.version"));
    }

    public LookRecord? Get(long id) =>
        Run("read", () => Load("l.id = @id", [("id", id)], "").FirstOrDefault());

    public IReadOnlyList<LookRecord> Versions(LookSlot slot) =>
        Run("read", () => Load("l.camera = @camera AND l.scene = @scene AND l.take = @take AND l.roll = @roll AND l.clip = @clip",
            [("camera", slot.Camera), ("scene", slot.Scene), ("take", slot.Take), ("roll", slot.Roll), ("clip", slot.Clip)],
            "ORDER BY l.version"));

    public byte[]? ReadThumbnail(long id) => Run("read", () =>
    {
        using var c = OpenConnection();
        return Scalar(c, null, "SELECT png FROM look_thumbnails WHERE look_id = @id", ("id", id)) as byte[];
    });

    /// <summary>Raises <see cref="LookSaved"/> on the thread pool so that a slow handler never holds a save.</summary>
    protected void RaiseLookSaved(LookSavedEventArgs args)
    {
        var handler = LookSaved;
        if (handler is not null)
        {
            ThreadPool.QueueUserWorkItem(_ => handler(this, args));
        }
    }

    public abstract void Dispose();

    private static (string Where, List<(string, object?)> Parameters) Filter(LookQuery q)
    {
        var clauses = new List<string>();
        var parameters = new List<(string, object?)>();
        void Key(string column, string? value)
        {
            if (value is not null)
            {
                clauses.Add($"lower(l.{column}) = lower(@{column})");
                parameters.Add((column, value.Trim()));
            }
        }
        Key("camera", q.Camera);
        Key("scene", q.Scene);
        Key("take", q.Take);
        Key("roll", q.Roll);
        Key("clip", q.Clip);
        Key("author", q.Author);
        if (q.Timecode is not null)
        {
            string tc = NormalizeTimecode(q.Timecode) ?? throw new ArgumentException($"'{q.Timecode}' is not a timecode (HH:MM:SS:FF)");
            clauses.Add("((l.tc_out IS NULL AND replace(l.tc_in, ';', ':') = @tc) OR " +
                "(replace(l.tc_in, ';', ':') <= @tc AND @tc < replace(l.tc_out, ';', ':')))");
            parameters.Add(("tc", tc));
        }
        if (!q.AllVersions)
        {
            clauses.Add($"l.version = (SELECT MAX(m.version) FROM looks m WHERE {SameSlot})");
        }
        return (clauses.Count == 0 ? "1 = 1" : string.Join(" AND ", clauses), parameters);
    }

    private List<LookRecord> Load(string where, List<(string, object?)> parameters, string orderBy)
    {
        using var c = OpenConnection();
        var rows = new List<(long Id, int Version, long SavedAt, bool Thumb, LookDraft Draft)>();
        using (var cmd = Command(c, null, $"SELECT {Columns} FROM looks l WHERE {where} {orderBy}", [.. parameters]))
        using (var r = cmd.ExecuteReader())
        {
            while (r.Read())
            {
                rows.Add(ReadRow(r));
            }
        }
        if (rows.Count == 0)
        {
            return [];
        }
        // LUTs of every row in two queries: references, then the distinct contents once each.
        var refs = new Dictionary<long, List<(string Name, string? Source, string Sha)>>();
        using (var cmd = Command(c, null, "SELECT k.look_id, k.file_name, k.source_path, k.sha256 FROM look_luts k " +
            $"WHERE k.look_id IN (SELECT l.id FROM looks l WHERE {where}) ORDER BY k.look_id, k.position", [.. parameters]))
        using (var r = cmd.ExecuteReader())
        {
            while (r.Read())
            {
                long id = Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture);
                if (!refs.TryGetValue(id, out var list))
                {
                    refs[id] = list = [];
                }
                list.Add((r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.GetString(3)));
            }
        }
        var contents = new Dictionary<string, byte[]>();
        foreach (var sha in refs.Values.SelectMany(l => l).Select(l => l.Sha).Distinct())
        {
            contents[sha] = (byte[])Scalar(c, null, "SELECT content FROM look_lut_files WHERE sha256 = @h", ("h", sha))!;
        }
        return [.. rows.Select(row => new LookRecord
        {
            Id = row.Id,
            Version = row.Version,
            SavedAt = DateTimeOffset.FromUnixTimeMilliseconds(row.SavedAt),
            HasThumbnail = row.Thumb,
            Look = refs.TryGetValue(row.Id, out var luts)
                ? row.Draft with { Luts = [.. luts.Select(l => new LookLut(l.Name, contents[l.Sha], l.Source))] }
                : row.Draft,
        })];
    }

    private static (long, int, long, bool, LookDraft) ReadRow(DbDataReader r)
    {
        string? Text(int i) => r.IsDBNull(i) ? null : r.GetString(i);
        double D(int i) => r.GetDouble(i);
        var slot = new LookSlot(r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5));
        var cdl = new CdlCorrection(Text(10), [D(12), D(13), D(14)], [D(15), D(16), D(17)], [D(18), D(19), D(20)], D(21))
        {
            Descriptions = SplitDescriptions(Text(11)),
        };
        FrameRate? rate = Text(28) is { } rt && FrameRate.TryParse(rt, out var fr) ? fr : null;
        var draft = new LookDraft(slot, cdl)
        {
            Author = r.GetString(8),
            Note = Text(9),
            CdlStyle = Text(22) == "asc" ? CdlStyle.AscV12 : CdlStyle.NoClamp,
            InputSpace = Text(23),
            WorkingSpace = Text(24),
            OutputTransform = Text(25),
            TimecodeIn = Text(26),
            TimecodeOut = Text(27),
            FrameRate = rate,
        };
        return (Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture), Convert.ToInt32(r.GetValue(6), CultureInfo.InvariantCulture),
            Convert.ToInt64(r.GetValue(7), CultureInfo.InvariantCulture), Convert.ToBoolean(r.GetValue(29), CultureInfo.InvariantCulture), draft);
    }

    private static void Validate(LookDraft d)
    {
        if (string.IsNullOrWhiteSpace(d.Author))
        {
            throw new ArgumentException("a look needs an author");
        }
        if (d.Thumbnail is { } png && (png.Length > MaxThumbnailBytes || !png.AsSpan().StartsWith(PngSignature)))
        {
            throw new ArgumentException(png.Length > MaxThumbnailBytes
                ? $"thumbnail is {png.Length} bytes; at most {MaxThumbnailBytes}" : "thumbnail is not a PNG");
        }
        if (d.Luts.FirstOrDefault(l => l.Content.Length > MaxLutBytes) is { } big)
        {
            throw new ArgumentException($"LUT {big.FileName} is {big.Content.Length} bytes; at most {MaxLutBytes}");
        }
        foreach (var (tc, name) in new[] { (d.TimecodeIn, "timecode in"), (d.TimecodeOut, "timecode out") })
        {
            if (tc is null)
            {
                continue;
            }
            if (d.FrameRate is { } rate ? !Timecode.TryParse(tc, rate, out _, out _) : NormalizeTimecode(tc) is null)
            {
                throw new ArgumentException($"{name} '{tc}' is not a timecode{(d.FrameRate is { } r ? $" at {r} fps" : "")} (HH:MM:SS:FF)");
            }
        }
        if (d.TimecodeOut is not null && d.TimecodeIn is null)
        {
            throw new ArgumentException("a timecode out needs a timecode in");
        }
        if (d.TimecodeIn is not null && d.TimecodeOut is not null
            && string.CompareOrdinal(NormalizeTimecode(d.TimecodeOut), NormalizeTimecode(d.TimecodeIn)) < 0)
        {
            throw new ArgumentException($"timecode out {d.TimecodeOut} is before timecode in {d.TimecodeIn}");
        }
    }

    /// <summary>"HH:MM:SS:FF" with ':' throughout (so labels compare as text), or null if not of that shape.</summary>
    public static string? NormalizeTimecode(string text)
    {
        var t = text.Trim();
        return TimecodeShape().IsMatch(t) ? t.Replace(';', ':').Replace('.', ':') : null;
    }

    [GeneratedRegex(@"^\d\d:[0-5]\d:[0-5]\d[:;.]\d\d$")]
    private static partial Regex TimecodeShape();

    private static string StyleName(CdlStyle style) => style == CdlStyle.AscV12 ? "asc" : "noclamp";

    private static string? JoinDescriptions(CdlCorrection c) =>
        c.Descriptions.Count == 0 ? null : string.Join('\n', c.Descriptions.Select(d => d.ReplaceLineEndings(" ")));

    private static List<string> SplitDescriptions(string? text) => text is null ? [] : [.. text.Split('\n')];

    /// <summary>Runs a database operation and turns its failures into one-line <see cref="LookStoreException"/>s.</summary>
    protected T Run<T>(string doing, Func<T> body)
    {
        try
        {
            return body();
        }
        catch (LookStoreException)
        {
            throw;
        }
        catch (Exception e) when (e is DbException or IOException or InvalidOperationException or TimeoutException
            or System.Net.Sockets.SocketException)
        {
            throw Translate(e, doing) ?? new LookStoreException($"cannot {doing}: {e.Message}", Location, e);
        }
    }

    protected static DbCommand Command(DbConnection c, DbTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
    {
        var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        foreach (var (name, value) in parameters)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = name;
            p.Value = value ?? DBNull.Value;
            if (value is null)
            {
                // Untyped nulls are text to PostgreSQL; every nullable column here is text.
                p.DbType = DbType.String;
            }
            cmd.Parameters.Add(p);
        }
        return cmd;
    }

    protected static int Execute(DbConnection c, DbTransaction? tx, string sql, params (string, object?)[] parameters)
    {
        using var cmd = Command(c, tx, sql, parameters);
        return cmd.ExecuteNonQuery();
    }

    protected static object? Scalar(DbConnection c, DbTransaction? tx, string sql, params (string, object?)[] parameters)
    {
        using var cmd = Command(c, tx, sql, parameters);
        return cmd.ExecuteScalar();
    }
}
