using System.Net;
using System.Text.Json.Nodes;
using JidoSessions.Actors.Tests.Llm;
using JidoSessions.Host.Tests.Support;

namespace JidoSessions.Host.Tests.Gateway;

/// <summary>
/// The sampling members of a chat completion request reach the provider for that turn only (the real host against a
/// fake OpenAI server on loopback), and values no provider accepts are refused with OpenAI's 400 naming the parameter,
/// with nothing sent to the provider and nothing appended.
/// </summary>
public sealed class ChatCompletionsSamplingTests(ProviderHostFixture fixture) : IClassFixture<ProviderHostFixture>
{
    private readonly FakeOpenAiServer _provider = fixture.Provider;
    private readonly TestHost _host = fixture.Host;
    private readonly HttpClient _http = fixture.Host.WithKey(TestHost.AcmeKey);

    [Fact]
    public async Task Complete_WithSamplingMembers_TheProviderGetsThemForThatTurnOnly()
    {
        var key = "sampling:" + Guid.NewGuid();
        _provider.Enqueue(FakeOpenAiResponse.Reply("{\"city\":\"Oslo\"}"), FakeOpenAiResponse.Reply("plain"));
        var before = _provider.AttemptCount;
        var body = new JsonObject
        {
            ["model"] = ProviderHostFixture.Model,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "Where?" }),
            ["temperature"] = 0.25,
            ["top_p"] = 0.5,
            ["max_tokens"] = 42,
            ["stop"] = new JsonArray("END", "STOP"),
            ["seed"] = 7,
            ["presence_penalty"] = 0.5,
            ["frequency_penalty"] = -0.5,
            ["response_format"] = new JsonObject
            {
                ["type"] = "json_schema",
                ["json_schema"] = new JsonObject
                {
                    ["name"] = "place",
                    ["schema"] = new JsonObject { ["type"] = "object", ["properties"] = new JsonObject { ["city"] = new JsonObject { ["type"] = "string" } } },
                },
            },
        };

        await OpenAiWire.CompleteAsync(_http, body, key);
        await OpenAiWire.CompleteAsync(_http, OpenAiWire.Body("And now?", model: ProviderHostFixture.Model), key);

        var sent = _provider.Requests[before].Json!;
        Assert.Equal(0.25, sent["temperature"]!.GetValue<double>(), 3);
        Assert.Equal(0.5, sent["top_p"]!.GetValue<double>(), 3);
        Assert.Equal(42, (sent["max_completion_tokens"] ?? sent["max_tokens"])!.GetValue<int>());
        Assert.Equal(["END", "STOP"], sent["stop"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Equal(7, sent["seed"]!.GetValue<long>());
        Assert.Equal(0.5, sent["presence_penalty"]!.GetValue<double>(), 3);
        Assert.Equal(-0.5, sent["frequency_penalty"]!.GetValue<double>(), 3);
        var format = sent["response_format"]!;
        Assert.Equal("json_schema", format["type"]!.GetValue<string>());
        Assert.Equal("place", format["json_schema"]!["name"]!.GetValue<string>());
        Assert.Equal("string", format["json_schema"]!["schema"]!["properties"]!["city"]!["type"]!.GetValue<string>());

        var next = _provider.Requests[before + 1].Json!.AsObject();
        Assert.DoesNotContain(next, m => m.Key is "temperature" or "top_p" or "max_completion_tokens" or "max_tokens" or "stop" or "seed" or "response_format");
    }

    [Fact]
    public async Task Complete_WithoutKey_TheModelReadsTheRequestsEarlierMessagesInOrder()
    {
        _provider.Enqueue(FakeOpenAiResponse.Reply("You are Ada."));
        var before = _provider.AttemptCount;
        var body = new JsonObject
        {
            ["model"] = ProviderHostFixture.Model,
            ["messages"] = new JsonArray(
                new JsonObject { ["role"] = "system", ["content"] = "Be brief." },
                new JsonObject { ["role"] = "user", ["content"] = "My name is Ada." },
                new JsonObject { ["role"] = "assistant", ["content"] = "Hello Ada." },
                new JsonObject { ["role"] = "user", ["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = "I live in Oslo." }) },
                new JsonObject { ["role"] = "assistant", ["content"] = "Noted." },
                new JsonObject { ["role"] = "user", ["content"] = "Who am I?" }),
        };

        var completion = await OpenAiWire.CompleteAsync(_http, body);

        Assert.Equal("You are Ada.", OpenAiWire.Content(completion));
        Assert.Equal(
            [("system", "Be brief."), ("user", "My name is Ada."), ("assistant", "Hello Ada."), ("user", "I live in Oslo."), ("assistant", "Noted."), ("user", "Who am I?")],
            _provider.Requests[before].Messages.Select(m => (m.Role, m.Content ?? "")));
    }

    [Fact]
    public async Task Complete_WithKey_EarlierMessagesOfTheRequestAreNotReadTwice()
    {
        var key = "sampling:keyed:" + Guid.NewGuid();
        _provider.Enqueue(FakeOpenAiResponse.Reply("Hi."), FakeOpenAiResponse.Reply("Ada."));
        await OpenAiWire.CompleteAsync(_http, OpenAiWire.Body("My name is Ada.", model: ProviderHostFixture.Model), key);
        var before = _provider.AttemptCount;
        var body = new JsonObject
        {
            ["model"] = ProviderHostFixture.Model,
            ["messages"] = new JsonArray(
                new JsonObject { ["role"] = "user", ["content"] = "My name is Ada." },
                new JsonObject { ["role"] = "assistant", ["content"] = "Hi." },
                new JsonObject { ["role"] = "user", ["content"] = "Who am I?" }),
        };

        await OpenAiWire.CompleteAsync(_http, body, key);

        Assert.Equal(
            [("user", "My name is Ada."), ("assistant", "Hi."), ("user", "Who am I?")],
            _provider.Requests[before].Messages.Select(m => (m.Role, m.Content ?? "")));
    }

    public static TheoryData<string, string, string> Refused() => new()
    {
        { "temperature", "3", "temperature" },
        { "top_p", "0", "top_p" },
        { "max_tokens", "0", "max_tokens" },
        { "max_completion_tokens", "-5", "max_completion_tokens" },
        { "stop", "[\"a\",\"b\",\"c\",\"d\",\"e\"]", "stop" },
        { "stop", "12", "stop" },
        { "presence_penalty", "2.5", "presence_penalty" },
        { "n", "2", "n" },
        { "response_format", "{\"type\":\"xml\"}", "response_format.type" },
        { "response_format", "{\"type\":\"json_schema\",\"json_schema\":{\"schema\":{}}}", "response_format.json_schema.name" },
        { "response_format", "{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"x\",\"schema\":[1]}}", "response_format.json_schema.schema" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task Complete_ValueNoProviderTakes_Returns400NamingTheParameterAndSendsNothing(string member, string json, string param)
    {
        var key = "sampling:refused:" + Guid.NewGuid();
        var body = JsonNode.Parse("{\"model\":\"" + ProviderHostFixture.Model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")!.AsObject();
        body[member] = JsonNode.Parse(json);
        var before = _provider.AttemptCount;

        using var response = await _http.SendAsync(OpenAiWire.Post(body, key));

        var error = await OpenAiWire.IsErrorAsync(response, HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(param, error.GetProperty("param").GetString());
        Assert.Equal(before, _provider.AttemptCount);
        Assert.Null(await _host.AcmeClient().FindByKeyAsync(JidoSessions.Client.SessionKey.Parse(key)));
    }
}
