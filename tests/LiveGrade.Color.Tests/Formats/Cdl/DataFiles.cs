namespace LiveGrade.Color.Tests.Formats.Cdl;

/// <summary>OpenColorIO's CDL test files, copied verbatim into Data/ (see Data/README.md) and to the output folder.</summary>
public static class DataFiles
{
    /// <summary>Every file LiveGrade is expected to read (cdl_test_ASC_SOP.cc is refused on purpose).</summary>
    public static readonly string[] Readable =
    [
        "cdl_test1.ccc", "cdl_test1.cdl", "cdl_test2.cc", "cdl_test_SATNode.cc", "cdl_test_cc_file_with_extension.ccc",
        "show_cdls.ccc",
    ];

    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "Formats", "Cdl", "Data", name);
}
