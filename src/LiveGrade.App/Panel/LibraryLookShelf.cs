using LiveGrade.Color.Formats.Cdl;
using LiveGrade.Engine.Control;
using LiveGrade.Engine.Library;

namespace LiveGrade.App.Panel;

/// <summary>
/// The panel's looks in the engine's look library (<see cref="ILookStore"/>: SQLite on one station, PostgreSQL for
/// several), keyed by camera, scene, take and clip, versions never overwritten. LUT paths are the show's: a saved
/// LUT's content goes into the library, and a recalled one is named by the path it was read from, relative to the
/// show's folder, so SetLuts names it as the show would. Failures come back as <see cref="IOException"/> with the
/// library's one-line reason.
/// </summary>
public sealed class LibraryLookShelf(ILookStore store, string showFolder) : ILookShelf, IDisposable
{
    public const string Author = "panel";

    public string Location => store.Location;

    public ShelfLook Save(ShelfDraft d)
    {
        var c = d.Cdl;
        var draft = new LookDraft(
            new LookSlot(d.Camera, Empty(d.Scene), Empty(d.Take), null, Empty(d.Clip)),
            new CdlCorrection(null, [c.Slope.R, c.Slope.G, c.Slope.B], [c.Offset.R, c.Offset.G, c.Offset.B], [c.Power.R, c.Power.G, c.Power.B], c.Sat))
        {
            InputSpace = d.InputSpace,
            WorkingSpace = d.WorkingSpace,
            Luts = d.Luts.Select(l => LookLut.FromFile(Path.GetFullPath(Path.Combine(showFolder, l)))).ToList(),
            Author = Author,
        };
        try
        {
            return ToShelf(store.Save(draft));
        }
        catch (LookStoreException e)
        {
            throw new IOException(e.ToOneLine(), e);
        }
    }

    public IReadOnlyList<ShelfLook> List(string camera)
    {
        try
        {
            return store.Find(new LookQuery { Camera = camera, AllVersions = true })
                .OrderByDescending(r => r.SavedAt).ThenByDescending(r => r.Version).Select(ToShelf).ToList();
        }
        catch (LookStoreException e)
        {
            throw new IOException(e.ToOneLine(), e);
        }
    }

    private ShelfLook ToShelf(LookRecord r)
    {
        var c = r.Cdl;
        var cdl = new CdlValues(new(c.Slope[0], c.Slope[1], c.Slope[2]), new(c.Offset[0], c.Offset[1], c.Offset[2]), new(c.Power[0], c.Power[1], c.Power[2]), c.Saturation);
        var luts = r.Look.Luts.Where(l => l.SourcePath is not null).Select(l => Path.GetRelativePath(showFolder, l.SourcePath!)).ToList();
        return new ShelfLook(r.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), r.Slot.Camera, r.Slot.Scene ?? "", r.Slot.Take ?? "",
            r.Slot.Clip ?? "", r.Version, r.SavedAt, cdl, luts, null);
    }

    private static string? Empty(string s) => s.Length == 0 ? null : s;

    public void Dispose() => store.Dispose();
}
