using System.Diagnostics;

namespace LiveGrade.Color.Tests.Reference;

/// <summary>
/// Runs OpenColorIO's own <c>ociobakelut</c> so that the LUT files LiveGrade is checked on come from the
/// reference implementation's writers. A tiny config (<see cref="ConfigYaml"/>) relates three spaces:
/// <c>lin</c> (scene linear), <c>log</c> (a base-2 log shaper covering about -0.003..101.6 linear) and
/// <c>graded</c> (an unclamped ASC CDL with saturation, then a mirrored 1/2.2 power: channel crosstalk, so
/// ociobakelut must write a real 3D LUT).
/// </summary>
public sealed class OcioBakeLut : IDisposable
{
    public const string ConfigYaml = """
        ocio_profile_version: 2
        roles:
          default: lin
          scene_linear: lin
        file_rules:
          - !<Rule> {name: Default, colorspace: default}
        displays:
          disp:
            - !<View> {name: v, colorspace: lin}
        colorspaces:
          - !<ColorSpace>
            name: lin
          - !<ColorSpace>
            name: log
            from_scene_reference: !<LogAffineTransform> {base: 2, log_side_slope: 0.06, log_side_offset: 0.6, lin_side_offset: 0.004}
          - !<ColorSpace>
            name: graded
            from_scene_reference: !<GroupTransform>
              children:
                - !<CDLTransform> {slope: [1.2, 0.9, 1.1], offset: [0.01, -0.02, 0.03], power: [0.8, 1.2, 1.1], sat: 1.3, style: noclamp}
                - !<ExponentTransform> {value: [0.4545, 0.4545, 0.4545, 1], style: mirror}
        """;

    public OcioBakeLut()
    {
        Directory = Path.Combine(Path.GetTempPath(), "livegrade-lut-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        ConfigPath = Path.Combine(Directory, "config.ocio");
        File.WriteAllText(ConfigPath, ConfigYaml);
    }

    /// <summary>Scratch folder for this fixture's files; deleted on dispose.</summary>
    public string Directory { get; }

    public string ConfigPath { get; }

    /// <summary>
    /// Bakes lin -> graded in <paramref name="format"/> (an ociobakelut format name) to <paramref name="fileName"/>
    /// in <see cref="Directory"/>, with the log shaper when <paramref name="shaper"/> is set. Returns the path.
    /// </summary>
    public string Bake(string format, string fileName, int cubeSize, int? shaperSize = null, bool shaper = false)
    {
        var path = Path.Combine(Directory, fileName);
        var args = new List<string> { "--iconfig", ConfigPath, "--inputspace", "lin", "--outputspace", "graded" };
        if (shaper)
        {
            args.AddRange(["--shaperspace", "log"]);
        }
        if (shaperSize is { } s)
        {
            args.AddRange(["--shapersize", s.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }
        args.AddRange(["--format", format, "--cubesize", cubeSize.ToString(System.Globalization.CultureInfo.InvariantCulture), path]);
        Run("ociobakelut", args);
        return path;
    }

    /// <summary>
    /// Writes the transform lin -> <paramref name="outputSpace"/> of <see cref="ConfigYaml"/> with OCIO's
    /// <c>ociowrite</c> (the format follows the extension: .clf or .ctf). Returns the path.
    /// </summary>
    public string Write(string outputSpace, string fileName)
    {
        var path = Path.Combine(Directory, fileName);
        Run("ociowrite", ["--colorspaces", "lin", outputSpace, "--file", path], new() { ["OCIO"] = ConfigPath });
        return path;
    }

    public static void Run(string program, IEnumerable<string> args, Dictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in environment ?? [])
        {
            info.Environment[key] = value;
        }
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }
        using var p = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {program}");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(120_000))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} did not finish in 120 s");
        }
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{program} {string.Join(' ', info.ArgumentList)} failed ({p.ExitCode}): {stdout.Result} {stderr.Result}");
        }
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; never fail a test run over it.
        }
    }
}
