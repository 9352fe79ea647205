using JidoSessions.Actors.Llm;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;

namespace JidoSessions.Actors.Tests.Llm;

public sealed class OpenAiChatClientFactoryTests : FakeServerTestBase
{
    private static readonly ChatMessage[] Conversation =
    [
        new(ChatRole.System, "You are terse."),
        new(ChatRole.User, "Hi"),
        new(ChatRole.Assistant, "Hello."),
        new(ChatRole.User, "What is 2+2?"),
    ];

    [Fact]
    public async Task GetResponseAsync_NormalReply_ReturnsTextModelFinishReasonAndUsage()
    {
        Server.Enqueue(FakeOpenAiResponse.Reply("The answer", " is 4.") with { PromptTokens = 12, CompletionTokens = 5 });
        var client = CreateClient();

        var response = await client.GetResponseAsync(Conversation);

        Assert.Equal("The answer is 4.", response.Text);
        Assert.Equal(ChatRole.Assistant, Assert.Single(response.Messages).Role);
        Assert.Equal("test-model", response.ModelId);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Equal(12, response.Usage?.InputTokenCount);
        Assert.Equal(5, response.Usage?.OutputTokenCount);
        Assert.Equal(17, response.Usage?.TotalTokenCount);
        Assert.Equal("chatcmpl-fake-1", response.ResponseId);
    }

    [Fact]
    public async Task GetResponseAsync_Conversation_SendsOfficialWireRequest()
    {
        var client = CreateClient();

        await client.GetResponseAsync(Conversation);

        var request = Assert.Single(Server.Requests);
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.Equal("test-model", request.Model);
        Assert.False(request.Stream);
        Assert.Equal(
            [("system", "You are terse."), ("user", "Hi"), ("assistant", "Hello."), ("user", "What is 2+2?")],
            request.Messages);
        Assert.Null(request.Json?["stream_options"]);
        Assert.Null(request.Json?["temperature"]);
    }

    [Fact]
    public async Task GetResponseAsync_WithApiKey_SendsBearerHeader()
    {
        var client = CreateClient(o => o with { ApiKey = "sk-test-123" });

        await client.GetResponseAsync("hello");

        Assert.Equal("Bearer sk-test-123", Assert.Single(Server.Requests).Authorization);
    }

    [Fact]
    public async Task GetResponseAsync_WithoutApiKey_SendsNoAuthorizationHeader()
    {
        var client = CreateClient();

        await client.GetResponseAsync("hello");

        Assert.Null(Assert.Single(Server.Requests).Authorization);
    }

    [Fact]
    public async Task GetResponseAsync_ChatOptions_MapToWireFields()
    {
        var client = CreateClient();
        var options = new ChatOptions
        {
            ModelId = "override-model",
            Temperature = 0.25f,
            MaxOutputTokens = 64,
            TopP = 0.5f,
            StopSequences = ["END", "STOP"],
            Seed = 42,
        };

        var response = await client.GetResponseAsync("hello", options);

        var json = Assert.Single(Server.Requests).Json!;
        Assert.Equal("override-model", json["model"]!.GetValue<string>());
        Assert.Equal(0.25, json["temperature"]!.GetValue<double>(), 3);
        Assert.Equal(64, json["max_completion_tokens"]!.GetValue<int>());
        Assert.Equal(0.5, json["top_p"]!.GetValue<double>(), 3);
        Assert.Equal(["END", "STOP"], json["stop"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Equal(42, json["seed"]!.GetValue<long>());
        Assert.Equal("override-model", response.ModelId);
    }

    [Theory]
    [InlineData("length")]
    [InlineData("content_filter")]
    public async Task GetResponseAsync_ProviderFinishReason_IsMapped(string finishReason)
    {
        Server.Enqueue(FakeOpenAiResponse.Reply("cut") with { FinishReason = finishReason });
        var client = CreateClient();

        var response = await client.GetResponseAsync("hello");

        Assert.Equal(new ChatFinishReason(finishReason), response.FinishReason);
    }

    [Fact]
    public async Task GetResponseAsync_BaseUrlWithTrailingSlash_PostsToSameEndpoint()
    {
        var client = CreateClient(o => o with { BaseUrl = new Uri(Server.BaseUrl + "/") });

        var response = await client.GetResponseAsync("hello");

        Assert.Equal("Hello from fake.", response.Text);
        Assert.Equal("/v1/chat/completions", Assert.Single(Server.Requests).Path);
    }

    [Fact]
    public void GetService_Metadata_DescribesProviderEndpointAndModel()
    {
        var client = CreateClient();

        var metadata = client.GetService<ChatClientMetadata>();

        Assert.NotNull(metadata);
        Assert.Equal("openai", metadata.ProviderName);
        Assert.Equal(Server.BaseUrl, metadata.ProviderUri);
        Assert.Equal("test-model", metadata.DefaultModelId);
        Assert.Null(client.GetService(typeof(ChatClientMetadata), serviceKey: "other"));
    }

    [Fact]
    public void Create_InvalidOptions_ThrowsNamingField()
    {
        using var http = new HttpClient();
        var options = Options(o => o with { Model = "" });

        var exception = Assert.Throws<ArgumentException>(
            () => OpenAiChatClientFactory.Create(options, http, NullLoggerFactory.Instance, TimeProvider.System));

        Assert.Equal(nameof(OpenAiChatClientOptions.Model), exception.ParamName);
    }
}
