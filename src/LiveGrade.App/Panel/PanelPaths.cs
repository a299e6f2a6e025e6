namespace LiveGrade.App.Panel;

/// <summary>Where the panel keeps its files: $LIVEGRADE_HOME, or ~/.livegrade.</summary>
public static class PanelPaths
{
    public static string Home()
    {
        var home = Environment.GetEnvironmentVariable("LIVEGRADE_HOME");
        return string.IsNullOrWhiteSpace(home)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".livegrade")
            : Path.GetFullPath(home);
    }
}
