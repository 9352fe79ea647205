using JidoSessions.Host.Configuration.Hocon;

namespace JidoSessions.Host.Tests.Configuration;

public sealed class HoconSizeTests
{
    private const long KiB = 1024;
    private const long MiB = KiB * 1024;
    private const long GiB = MiB * 1024;
    private const long TiB = GiB * 1024;
    private const long PiB = TiB * 1024;
    private const long EiB = PiB * 1024;

    public static TheoryData<string, long> Sizes => new()
    {
        { "100", 100 },
        { "100 B", 100 },
        { "100b", 100 },
        { "1 byte", 1 },
        { "2 bytes", 2 },
        { "10kB", 10_000 },
        { "1 kilobyte", 1_000 },
        { "2 kilobytes", 2_000 },
        { "10MB", 10_000_000 },
        { "1 megabyte", 1_000_000 },
        { "1GB", 1_000_000_000 },
        { "1 gigabytes", 1_000_000_000 },
        { "1TB", 1_000_000_000_000 },
        { "1 terabyte", 1_000_000_000_000 },
        { "1PB", 1_000_000_000_000_000 },
        { "1 petabytes", 1_000_000_000_000_000 },
        { "1EB", 1_000_000_000_000_000_000 },
        { "1 exabyte", 1_000_000_000_000_000_000 },
        { "512K", 512 * KiB },
        { "512k", 512 * KiB },
        { "512Ki", 512 * KiB },
        { "512KiB", 512 * KiB },
        { "1 kibibyte", KiB },
        { "2 kibibytes", 2 * KiB },
        { "1M", MiB },
        { "1m", MiB },
        { "1Mi", MiB },
        { "1MiB", MiB },
        { "1 mebibyte", MiB },
        { "3 mebibytes", 3 * MiB },
        { "1G", GiB },
        { "1g", GiB },
        { "1GiB", GiB },
        { "1 gibibyte", GiB },
        { "1.5G", 3 * GiB / 2 },
        { "1T", TiB },
        { "1 tebibytes", TiB },
        { "1P", PiB },
        { "1PiB", PiB },
        { "1E", EiB },
        { "1 exbibyte", EiB },
        { "0 Y", 0 },
        { "0 ZB", 0 },
        { "0.5 KiB", 512 },
    };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Parse_SpecUnit_GivesTheByteCount(string text, long expected)
    {
        var bytes = HoconSize.Parse(text);

        Assert.Equal(expected, bytes);
    }

    [Theory]
    [InlineData("")]
    [InlineData("MiB")]
    [InlineData("1KB")]
    [InlineData("1kb")]
    [InlineData("1mib")]
    [InlineData("1 Mebibyte")]
    [InlineData("-1MiB")]
    [InlineData("16 EiB")]
    [InlineData("1 Z")]
    [InlineData("1 YB")]
    [InlineData("1 MiB 2")]
    [InlineData(null)]
    public void TryParse_NotASize_ReturnsFalse(string? text)
    {
        var parsed = HoconSize.TryParse(text, out var bytes);

        Assert.False(parsed);
        Assert.Equal(0, bytes);
    }

    [Fact]
    public void Parse_NotASize_ThrowsFormatExceptionQuotingTheText()
    {
        var text = "lots";

        var error = Assert.Throws<FormatException>(() => HoconSize.Parse(text));

        Assert.StartsWith("'lots' is not a size in bytes", error.Message, StringComparison.Ordinal);
    }
}
