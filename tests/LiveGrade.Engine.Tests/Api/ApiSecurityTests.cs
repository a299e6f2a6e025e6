using System.Net;
using LiveGrade.Core.Diagnostics;
using LiveGrade.Engine.Api;

namespace LiveGrade.Engine.Tests.Api;

public class ApiSecurityTests
{
    private const string Token = "s3cret-token-0123456789";

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("127.0.0.2", true)]
    [InlineData("::1", true)]
    [InlineData("localhost", true)]
    [InlineData("0.0.0.0", false)]
    [InlineData("any", false)]
    [InlineData("::", false)]
    [InlineData("192.0.2.2", false)]
    [InlineData("10.1.2.3", false)]
    public void Beyond_loopback_a_token_is_required(string bind, bool loopback)
    {
        var address = ApiSecurity.ParseBind(bind, "api");
        Assert.Equal(loopback, ApiSecurity.IsLoopback(address));
        var problem = ApiSecurity.StartProblem(address, token: null);
        if (loopback) Assert.Null(problem);
        else Assert.Contains("needs a token", problem);
        Assert.Null(ApiSecurity.StartProblem(address, Token));
    }

    [Theory]
    [InlineData("short")]
    [InlineData("has a space in it ok")]
    [InlineData("tab\tis-not-allowed-here")]
    [InlineData("non-ascii-é-characters-here")]
    public void Weak_or_unsendable_tokens_are_refused_everywhere(string token)
    {
        Assert.NotNull(ApiSecurity.StartProblem(IPAddress.Loopback, token));
        Assert.NotNull(ApiSecurity.StartProblem(IPAddress.Any, token));
    }

    [Fact]
    public void Bind_addresses_must_be_ip_literals()
    {
        Assert.Throws<InputException>(() => ApiSecurity.ParseBind("my-laptop.local", "api"));
        Assert.Equal(IPAddress.IPv6Loopback, ApiSecurity.ParseBind("[::1]", "api"));
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("", false)]
    [InlineData("Bearer", false)]
    [InlineData("Bearer ", false)]
    [InlineData("Basic czNjcmV0LXRva2VuLTAxMjM0NTY3ODk=", false)]
    [InlineData("Bearer s3cret-token-012345678", false)]    // one character short
    [InlineData("Bearer s3cret-token-01234567890", false)]  // one character long
    [InlineData("Bearer S3CRET-TOKEN-0123456789", false)]   // tokens are case-sensitive
    [InlineData("Bearer s3cret-token-0123456789", true)]
    [InlineData("bearer s3cret-token-0123456789", true)]    // the scheme is not (RFC 7235)
    public void The_bearer_token_must_match_exactly(string? header, bool ok)
    {
        Assert.Equal(ok, ApiSecurity.Authorized(header, Token));
        Assert.True(ApiSecurity.Authorized(header, token: null)); // no token configured: loopback only, open
    }

    [Theory]
    [InlineData(null, "api:10.0.0.5")]
    [InlineData("", "api:10.0.0.5")]
    [InlineData("maria", "api:maria@10.0.0.5")]
    [InlineData("videohub:1.2.3.4:5#6", "api:videohub1.2.3.456@10.0.0.5")]
    [InlineData("dit\nforged entry", "api:ditforgedentry@10.0.0.5")]
    public void Authors_name_the_api_and_the_address_and_cannot_be_forged(string? user, string expected)
    {
        Assert.Equal(expected, ApiSecurity.Author(IPAddress.Parse("10.0.0.5"), user));
    }

    [Fact]
    public void Ipv4_mapped_addresses_read_as_ipv4()
    {
        Assert.Equal("api:127.0.0.1", ApiSecurity.Author(IPAddress.Parse("127.0.0.1").MapToIPv6(), null));
    }
}
