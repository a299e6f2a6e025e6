namespace LiveGrade.Engine.Library;

/// <summary>
/// The look library: looks per camera keyed by scene, take, roll and clip, in versions that are never overwritten.
/// Implementations: <see cref="SqliteLookStore"/> (one station, embedded) and <see cref="PostgresLookStore"/>
/// (several stations on one server, with change notification). Both share <see cref="SqlLookStore"/>'s queries.
///
/// Durability: <see cref="Save(LookDraft)"/> returns only after the new version is committed to stable storage;
/// when it cannot be (full disk, locked or unreachable database) it throws <see cref="LookStoreException"/> with a
/// one-line reason, and every look saved before is still there.
///
/// Threading: every method may be called from any thread, concurrently. <see cref="LookSaved"/> is raised on a
/// thread-pool thread (never the caller's GL or capture thread); handlers must be quick and must not throw.
/// </summary>
public interface ILookStore : IDisposable
{
    /// <summary>Where the library lives, for messages: a database file path or a server and database name.</summary>
    string Location { get; }

    /// <summary>Saves a new version of the draft's slot; returns it as stored.</summary>
    LookRecord Save(LookDraft draft);

    /// <summary>Saves several looks in one transaction: all of them or, on any error, none.</summary>
    IReadOnlyList<LookRecord> SaveAll(IReadOnlyList<LookDraft> drafts);

    /// <summary>Looks matching the query, ordered by camera, scene, take, roll, clip, then version.</summary>
    IReadOnlyList<LookRecord> Find(LookQuery query);

    /// <summary>One saved version by its id, or null.</summary>
    LookRecord? Get(long id);

    /// <summary>Every version of one slot, oldest first.</summary>
    IReadOnlyList<LookRecord> Versions(LookSlot slot);

    /// <summary>The PNG thumbnail of a saved version, or null when it has none.</summary>
    byte[]? ReadThumbnail(long id);

    /// <summary>
    /// Raised after a look is committed: by this instance's own saves and, where the store supports it
    /// (<see cref="PostgresLookStore"/>), by saves from other stations within about a second.
    /// </summary>
    event EventHandler<LookSavedEventArgs>? LookSaved;
}

/// <summary>A committed save: the new version's id, slot and version, and whether this instance made it.</summary>
public sealed class LookSavedEventArgs(long id, LookSlot slot, int version, bool isRemote) : EventArgs
{
    public long Id { get; } = id;
    public LookSlot Slot { get; } = slot;
    public int Version { get; } = version;

    /// <summary>True when another station (another store instance) saved it.</summary>
    public bool IsRemote { get; } = isRemote;
}

/// <summary>
/// The library could not do what was asked for a reason outside the caller's control (disk full, database
/// locked or unreachable, a file that is not a LiveGrade library). The message is one line that says what
/// happened and what it means for the looks ("nothing was saved").
/// </summary>
public sealed class LookStoreException(string message, string location, Exception? inner = null)
    : Exception(message, inner)
{
    /// <summary>The store's <see cref="ILookStore.Location"/>.</summary>
    public string Location { get; } = location;

    /// <summary>"error: look library LOCATION: reason".</summary>
    public string ToOneLine() => $"error: look library {Location}: {Message.ReplaceLineEndings(" ").Trim()}";
}
