using LiveGrade.Core.Diagnostics;

namespace LiveGrade.Core.Tests.Diagnostics;

public class InputExceptionTests
{
    [Fact]
    public void One_line_names_file_and_line() =>
        Assert.Equal("error: look.cc:12: bad number", new InputException("bad number", "look.cc", 12).ToOneLine());

    [Fact]
    public void Without_a_line_it_names_the_file() =>
        Assert.Equal("error: look.cc: no such file", new InputException("no such file", "look.cc").ToOneLine());

    [Fact]
    public void Without_a_file_it_is_just_the_reason() =>
        Assert.Equal("error: unknown colour space 'x'", new InputException("unknown colour space 'x'").ToOneLine());

    [Fact]
    public void Multi_line_reasons_are_folded_to_one_line() =>
        Assert.Equal("error: a: first second", new InputException("first\nsecond", "a").ToOneLine());

    [Fact]
    public void With_file_keeps_reason_and_line() =>
        Assert.Equal("error: f.cube:3: x", new InputException("x", line: 3).WithFile("f.cube").ToOneLine());
}
