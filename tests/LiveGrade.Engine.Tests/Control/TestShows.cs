using LiveGrade.Engine.Control;
using LiveGrade.Engine.Show;

namespace LiveGrade.Engine.Tests.Control;

/// <summary>Small shows for the control tests: four cameras, three outputs, two presets.</summary>
public static class TestShows
{
    public const string Json = """
        {
          "name": "Control test show",
          "inputs": [
            { "name": "A", "source": "bars" },
            { "name": "B", "source": "ramp" },
            { "name": "C", "source": "zoneplate" },
            { "name": "D", "source": "bars", "cdl": { "slope": [1.1, 1, 0.9], "offset": [0, 0.01, 0], "power": [1, 1, 1], "sat": 0.9 } },
          ],
          "outputs": [
            { "name": "DIT", "route": "A" },
            { "name": "Village", "route": "B" },
            { "name": "Client", "route": "C", "view": "clean" },
          ],
          "presets": [
            { "name": "wide", "routes": { "DIT": "D", "Village": "D" } },
            { "name": "all-a", "routes": { "DIT": "A", "Village": "A", "Client": "A" } },
          ],
        }
        """;

    public static ShowFile Show() => ShowFile.Parse(Json);

    public static EngineState Initial() => StateTransitions.Initial(Show());

    /// <summary>A fresh folder under the system temp folder for one test's journal and files.</summary>
    public static string TempDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "livegrade-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    public static CdlValues Cdl(double s, double o = 0, double p = 1, double sat = 1) => new(new(s, s, s), new(o, o, o), new(p, p, p), sat);
}
