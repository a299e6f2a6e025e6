using System.Text;
using LiveGrade.Color.Formats.Lut;
using LiveGrade.Color.Ops;
using LiveGrade.Color.Ops.Ocio;
using LiveGrade.Color.Spaces;
using LiveGrade.Core.Diagnostics;

namespace LiveGrade.Engine.Library;

/// <summary>
/// The ops a look stands for, from the camera signal to what the DIT saw: camera space -> working space ->
/// CDL -> each LUT (in the working space, in order) -> the output transform (working -> ACES2065-1 -> the ACES
/// output transform through OpenColorIO -> the display encoding). Steps the look does not name are left out:
/// without an input space the ops start in the working space; without an output transform they end after the
/// last LUT (a show LUT usually is the display transform itself).
/// </summary>
public static class LookPipeline
{
    public static OpList Build(LookDraft look)
    {
        var ops = new OpList();
        var input = look.InputSpace is null ? null : ColorSpaceRegistry.Get(look.InputSpace);
        var working = look.WorkingSpace is null ? null : ColorSpaceRegistry.Get(look.WorkingSpace);
        if (input is not null && working is not null && input != working)
        {
            ops.AddRange(ColorSpaceRegistry.Conversion(input, working).Ops);
        }
        ops.Add(look.Cdl.ToOpData(look.CdlStyle));
        foreach (var lut in look.Luts)
        {
            ops.AddRange(LutFormats.Parse(Encoding.UTF8.GetString(lut.Content), lut.FileName).ToOps().Ops);
        }
        if (look.OutputTransform is { } name)
        {
            var output = AcesTransformIds.FindOutput(name)
                ?? throw new InputException($"unknown output transform '{name}' ({string.Join(", ", AcesTransformIds.Outputs.Select(o => o.Name))})");
            var from = working ?? input
                ?? throw new InputException($"look {look.Slot} names output transform '{name}' but no working or input space to leave from");
            ops.AddRange(ColorSpaceRegistry.Conversion(from, ColorSpaceRegistry.Get(ColorSpaceRegistry.Aces2065)).Ops);
            ops.Add(OcioOpData.Builtin(output.OcioBuiltin));
            ops.AddRange(ColorSpaceRegistry.Conversion(ColorSpaceRegistry.Get(ColorSpaceRegistry.CieXyzD65), ColorSpaceRegistry.Get(output.Display)).Ops);
        }
        return ops;
    }
}
