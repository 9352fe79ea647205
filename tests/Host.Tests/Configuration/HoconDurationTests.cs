using JidoSessions.Host.Configuration.Hocon;

namespace JidoSessions.Host.Tests.Configuration;

public sealed class HoconDurationTests
{
    public static TheoryData<string, TimeSpan> Durations => new()
    {
        { "100", TimeSpan.FromMilliseconds(100) },
        { "  100  ", TimeSpan.FromMilliseconds(100) },
        { "1.5", TimeSpan.FromTicks(15_000) },
        { "500ns", TimeSpan.FromTicks(5) },
        { "1000 nanos", TimeSpan.FromMicroseconds(1) },
        { "2 nano", TimeSpan.Zero },
        { "3 nanosecond", TimeSpan.Zero },
        { "400 nanoseconds", TimeSpan.FromTicks(4) },
        { "7us", TimeSpan.FromMicroseconds(7) },
        { "7 micro", TimeSpan.FromMicroseconds(7) },
        { "7 micros", TimeSpan.FromMicroseconds(7) },
        { "7 microsecond", TimeSpan.FromMicroseconds(7) },
        { "7 microseconds", TimeSpan.FromMicroseconds(7) },
        { "100ms", TimeSpan.FromMilliseconds(100) },
        { "250 milli", TimeSpan.FromMilliseconds(250) },
        { "250 millis", TimeSpan.FromMilliseconds(250) },
        { "250 millisecond", TimeSpan.FromMilliseconds(250) },
        { "250 milliseconds", TimeSpan.FromMilliseconds(250) },
        { "30s", TimeSpan.FromSeconds(30) },
        { "1 second", TimeSpan.FromSeconds(1) },
        { "10 seconds", TimeSpan.FromSeconds(10) },
        { "5 m", TimeSpan.FromMinutes(5) },
        { "1 minute", TimeSpan.FromMinutes(1) },
        { "90minutes", TimeSpan.FromMinutes(90) },
        { "2h", TimeSpan.FromHours(2) },
        { "1.5 hour", TimeSpan.FromMinutes(90) },
        { "3 hours", TimeSpan.FromHours(3) },
        { "1d", TimeSpan.FromDays(1) },
        { "1 day", TimeSpan.FromDays(1) },
        { "7 days", TimeSpan.FromDays(7) },
        { "-5s", TimeSpan.FromSeconds(-5) },
        { "0", TimeSpan.Zero },
    };

    [Theory]
    [MemberData(nameof(Durations))]
    public void Parse_SpecUnit_GivesTheDuration(string text, TimeSpan expected)
    {
        var duration = HoconDuration.Parse(text);

        Assert.Equal(expected, duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("s")]
    [InlineData("30S")]
    [InlineData("5 Minutes")]
    [InlineData("30 sec")]
    [InlineData("1w")]
    [InlineData("1.5.3s")]
    [InlineData("1 2s")]
    [InlineData("30s5")]
    [InlineData(".5s")]
    [InlineData("99999999999999999999d")]
    [InlineData(null)]
    public void TryParse_NotADuration_ReturnsFalse(string? text)
    {
        var parsed = HoconDuration.TryParse(text, out var duration);

        Assert.False(parsed);
        Assert.Equal(TimeSpan.Zero, duration);
    }

    [Fact]
    public void Parse_NotADuration_ThrowsFormatExceptionQuotingTheText()
    {
        var text = "abc";

        var error = Assert.Throws<FormatException>(() => HoconDuration.Parse(text));

        Assert.StartsWith("'abc' is not a duration", error.Message, StringComparison.Ordinal);
    }
}
