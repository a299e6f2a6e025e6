using System.CommandLine;
using System.Text.Json;
using LiveGrade.Color.Spaces;

namespace LiveGrade.App.Commands;

/// <summary>`livegrade spaces [--json]`: the named colour spaces.</summary>
public static class SpacesCommand
{
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "print a JSON array of {name, family, ocioBuiltin}" };
        var cmd = new Command("spaces", "List the named colour spaces (camera, working, display) and their OpenColorIO builtins") { json };
        cmd.SetAction(parse => CommandRunner.Run(() =>
        {
            if (parse.GetValue(json))
            {
                var rows = ColorSpaceRegistry.All.Select(s => new SpaceRow(s.Name, s.Family.ToString().ToLowerInvariant(), s.OcioBuiltin));
                Console.Out.WriteLine(JsonSerializer.Serialize(rows, SpacesJson.Default.IEnumerableSpaceRow));
                return 0;
            }
            foreach (var group in ColorSpaceRegistry.All.GroupBy(s => s.Family))
            {
                Console.Out.WriteLine($"{group.Key.ToString().ToLowerInvariant()}:");
                foreach (var s in group)
                {
                    var aliases = s.Aliases.Count > 0 ? $"  [{string.Join(", ", s.Aliases)}]" : "";
                    Console.Out.WriteLine($"  {s.Name,-30} {s.Description}{aliases}");
                }
            }
            return 0;
        }));
        return cmd;
    }
}

/// <summary>One row of `spaces --json`.</summary>
public sealed record SpaceRow(
    [property: System.Text.Json.Serialization.JsonPropertyName("name")] string Name,
    [property: System.Text.Json.Serialization.JsonPropertyName("family")] string Family,
    [property: System.Text.Json.Serialization.JsonPropertyName("ocioBuiltin")] string? OcioBuiltin);

[System.Text.Json.Serialization.JsonSerializable(typeof(IEnumerable<SpaceRow>))]
[System.Text.Json.Serialization.JsonSourceGenerationOptions(WriteIndented = true, DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.Never)]
internal sealed partial class SpacesJson : System.Text.Json.Serialization.JsonSerializerContext;
