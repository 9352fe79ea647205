using JidoSessions.Actors.Llm;

namespace JidoSessions.Actors.Tests.Llm;

public sealed class RetryAfterHeaderTests
{
    private static readonly DateTimeOffset Now = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(null, "2", 2000)]
    [InlineData(null, "0", 0)]
    [InlineData("1500", "9", 1500)]
    [InlineData("12.5", null, 12.5)]
    [InlineData(null, "Wed, 01 Jan 2025 00:00:03 GMT", 3000)]
    public void Parse_KnownForms_GiveTheWait(string? retryAfterMs, string? retryAfter, double expectedMs) =>
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), RetryAfterHeader.Parse(retryAfterMs, retryAfter, Now));

    [Theory]
    [InlineData(null, null)]
    [InlineData(null, "")]
    [InlineData(null, "soon")]
    [InlineData("-5", "-1")]
    public void Parse_MissingOrUnreadable_GivesNone(string? retryAfterMs, string? retryAfter) =>
        Assert.Null(RetryAfterHeader.Parse(retryAfterMs, retryAfter, Now));
}
