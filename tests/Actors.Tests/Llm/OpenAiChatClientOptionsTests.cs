using JidoSessions.Actors.Llm;

namespace JidoSessions.Actors.Tests.Llm;

public sealed class OpenAiChatClientOptionsTests
{
    private static readonly OpenAiChatClientOptions Valid = new()
    {
        BaseUrl = new Uri("http://127.0.0.1:11434/v1"),
        Model = "llama3",
    };

    public static TheoryData<string, OpenAiChatClientOptions> InvalidOptions => new()
    {
        { nameof(OpenAiChatClientOptions.BaseUrl), Valid with { BaseUrl = new Uri("/v1", UriKind.Relative) } },
        { nameof(OpenAiChatClientOptions.BaseUrl), Valid with { BaseUrl = new Uri("ftp://example.test/v1") } },
        { nameof(OpenAiChatClientOptions.Model), Valid with { Model = " " } },
        { nameof(OpenAiChatClientOptions.ApiKey), Valid with { ApiKey = "" } },
        { nameof(OpenAiChatClientOptions.RequestTimeout), Valid with { RequestTimeout = TimeSpan.Zero } },
        { nameof(OpenAiChatClientOptions.MaxRetries), Valid with { MaxRetries = -1 } },
        { nameof(OpenAiChatClientOptions.InitialBackoff), Valid with { InitialBackoff = TimeSpan.FromMilliseconds(-1) } },
        { nameof(OpenAiChatClientOptions.MaxBackoff), Valid with { MaxBackoff = TimeSpan.FromMilliseconds(100) } },
    };

    [Fact]
    public void Validate_Defaults_AreAcceptedAndDocumented()
    {
        var options = Valid;

        options.Validate();

        Assert.Equal(TimeSpan.FromSeconds(60), options.RequestTimeout);
        Assert.Equal(2, options.MaxRetries);
        Assert.Equal(TimeSpan.FromMilliseconds(200), options.InitialBackoff);
        Assert.Equal(TimeSpan.FromSeconds(5), options.MaxBackoff);
        Assert.Null(options.ApiKey);
    }

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Validate_InvalidField_ThrowsArgumentExceptionNamingField(string field, OpenAiChatClientOptions options)
    {
        var exception = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Equal(field, exception.ParamName);
    }

    [Fact]
    public void ToString_WithApiKey_RedactsKey()
    {
        var options = Valid with { ApiKey = "sk-secret-value" };

        var text = options.ToString();

        Assert.DoesNotContain("sk-secret-value", text, StringComparison.Ordinal);
        Assert.Contains("ApiKey = ***", text, StringComparison.Ordinal);
        Assert.Contains("llama3", text, StringComparison.Ordinal);
    }
}
