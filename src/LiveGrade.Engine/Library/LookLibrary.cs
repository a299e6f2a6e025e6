namespace LiveGrade.Engine.Library;

/// <summary>
/// Opens the look library a station uses. Where it lives, first match wins:
/// <list type="number">
/// <item>the location given (a PostgreSQL URI or connection string, a .db file, or a folder),</item>
/// <item>the environment variable <c>LIVEGRADE_LIBRARY</c> (same forms),</item>
/// <item><c>$LIVEGRADE_HOME/livegrade.db</c>, with <c>LIVEGRADE_HOME</c> defaulting to <c>~/.livegrade</c>.</item>
/// </list>
/// The SQLite file is the one the engine's journal uses too (tables named look_* here).
/// </summary>
public static class LookLibrary
{
    public const string DatabaseFileName = "livegrade.db";

    /// <summary>The folder LiveGrade keeps its state in: $LIVEGRADE_HOME or ~/.livegrade.</summary>
    public static string Home()
    {
        string? home = Environment.GetEnvironmentVariable("LIVEGRADE_HOME");
        return string.IsNullOrWhiteSpace(home)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".livegrade")
            : Path.GetFullPath(home);
    }

    /// <summary>True for text naming a PostgreSQL server rather than a file or folder.</summary>
    public static bool IsPostgres(string location) =>
        location.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
        || location.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
        || location.Contains("Host=", StringComparison.OrdinalIgnoreCase);

    /// <summary>Opens (creating when missing) the library at <paramref name="location"/> or the default.</summary>
    public static ILookStore Open(string? location = null)
    {
        location ??= Environment.GetEnvironmentVariable("LIVEGRADE_LIBRARY");
        if (string.IsNullOrWhiteSpace(location))
        {
            return new SqliteLookStore(Path.Combine(Home(), DatabaseFileName));
        }
        if (IsPostgres(location))
        {
            return new PostgresLookStore(location);
        }
        // A folder (existing, or named without an extension) holds livegrade.db; anything else is the file itself.
        bool folder = Directory.Exists(location) || Path.GetExtension(location).Length == 0;
        return new SqliteLookStore(folder ? Path.Combine(location, DatabaseFileName) : location);
    }
}
