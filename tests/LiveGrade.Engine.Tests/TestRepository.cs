using LiveGrade.Engine.Show;

namespace LiveGrade.Engine.Tests;

/// <summary>The repository the tests run from (the folder with LiveGrade.sln), and the built-in demo show in it.</summary>
internal static class TestRepository
{
    public static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "LiveGrade.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }

    /// <summary>shows/demo.show.json, as `./livegrade demo` loads it.</summary>
    public static ShowFile DemoShow() => ShowFile.Load(Path.Combine(Root(), "shows", "demo.show.json"));
}
