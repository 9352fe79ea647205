using JidoSessions.Actors.Context;

namespace JidoSessions.Actors.Tests.Context;

public sealed class TokenEstimatorTests
{
    [Theory]
    [InlineData(null, 0)]
    [InlineData("", 0)]
    [InlineData("a", 1)]
    [InlineData("abcd", 1)]
    [InlineData("abcde", 2)]
    [InlineData("abcdefgh", 2)]
    public void ForText_RoundsQuarterOfLengthUp(string? text, int expected) =>
        Assert.Equal(expected, TokenEstimator.ForText(text));

    [Fact]
    public void ForMessage_AddsPerMessageOverhead() =>
        Assert.Equal(2 + TokenEstimator.PerMessageOverhead, TokenEstimator.ForMessage("abcdefgh"));
}
