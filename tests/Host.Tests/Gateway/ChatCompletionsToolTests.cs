using System.Net;
using System.Text.Json;
using JidoSessions.Host.Tests.Support;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace JidoSessions.Host.Tests.Gateway;

/// <summary>
/// Tool calls on <c>/v1/chat/completions</c>, on the real session system with a scripted tool-calling model: tools and
/// tool_choice reach the model, tool_calls come back (streamed as OpenAI's deltas), tool messages are the next turn's
/// input, and the session's history keeps the exchange for later requests that send only their newest message.
/// </summary>
public sealed class ChatCompletionsToolTests : IAsyncLifetime
{
    private static readonly object[] WeatherTool =
    [
        new
        {
            type = "function",
            function = new
            {
                name = "get_weather",
                description = "Weather in a city",
                parameters = new { type = "object", properties = new { city = new { type = "string" } }, required = new[] { "city" } },
            },
        },
    ];

    private readonly ToolCallingModel _model = new();
    private TestHost _host = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _host = await TestHost.StartRealAsync(services: s => s.AddSingleton<IChatClient>(_model));
        _http = _host.WithKey(TestHost.AcmeKey);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Tools_KeyedSession_ToolCallsComeBack_ToolMessagesAnswerThem_AndLaterTurnsReadTheExchange()
    {
        var key = "tools:" + Guid.NewGuid();

        var first = await OpenAiWire.CompleteAsync(_http, new
        {
            model = "m",
            messages = new[] { new { role = "user", content = "Oslo" } },
            tools = WeatherTool,
            tool_choice = "auto",
        }, key);
        var choice = first.GetProperty("choices")[0];
        var call = choice.GetProperty("message").GetProperty("tool_calls")[0];
        var id = call.GetProperty("id").GetString()!;

        Assert.Equal("tool_calls", choice.GetProperty("finish_reason").GetString());
        Assert.Equal(JsonValueKind.Null, choice.GetProperty("message").GetProperty("content").ValueKind);
        Assert.Equal(("function", "get_weather"), (call.GetProperty("type").GetString(), call.GetProperty("function").GetProperty("name").GetString()));
        Assert.Equal("""{"city":"Oslo"}""", call.GetProperty("function").GetProperty("arguments").GetString());
        var declared = Assert.IsAssignableFrom<AIFunctionDeclaration>(Assert.Single(_model.Received[^1].Options!.Tools!));
        Assert.Equal("get_weather", declared.Name);
        Assert.Contains("\"required\"", declared.JsonSchema.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(ChatToolMode.Auto, _model.Received[^1].Options!.ToolMode);

        // The client sends back the whole conversation, as OpenAI clients do; the keyed session reads the tool messages.
        var second = await OpenAiWire.CompleteAsync(_http, new
        {
            model = "m",
            messages = new object[]
            {
                new { role = "user", content = "Oslo" },
                new { role = "assistant", content = (string?)null, tool_calls = new[] { new { id, type = "function", function = new { name = "get_weather", arguments = """{"city":"Oslo"}""" } } } },
                new { role = "tool", tool_call_id = id, content = "12 C, rain" },
            },
            tools = WeatherTool,
        }, key);

        Assert.Equal("The tool said: 12 C, rain", OpenAiWire.Content(second));
        Assert.Equal("stop", second.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Equal([ChatRole.User, ChatRole.Assistant, ChatRole.Tool], _model.Received[^1].Messages.Select(m => m.Role));

        // A later request with only its newest message: the model still gets the exchange from the session's history.
        await OpenAiWire.CompleteAsync(_http, new { model = "m", messages = new[] { new { role = "user", content = "thanks" } } }, key);
        var later = _model.Received[^1].Messages;
        Assert.Equal([ChatRole.User, ChatRole.Assistant, ChatRole.Tool, ChatRole.Assistant, ChatRole.User], later.Select(m => m.Role));
        Assert.Equal(id, Assert.IsType<FunctionCallContent>(Assert.Single(later[1].Contents)).CallId);
        Assert.Equal("12 C, rain", Assert.IsType<FunctionResultContent>(Assert.Single(later[2].Contents)).Result?.ToString());
    }

    [Fact]
    public async Task Tools_Streamed_ToolCallsArriveAsIncrementalDeltas_ThenTheResultTurnStreamsText()
    {
        var key = "tools:stream:" + Guid.NewGuid();
        var (_, stream) = await OpenAiWire.StartStreamAsync(_http, new
        {
            model = "m",
            messages = new[] { new { role = "user", content = "Bergen" } },
            tools = WeatherTool,
            stream = true,
        }, key);
        var chunks = (await stream.ReadToEndAsync()).Where(c => c != OpenAiStream.Done).Select(c => JsonDocument.Parse(c).RootElement).ToList();
        stream.Dispose();

        var deltas = chunks.Where(c => c.GetProperty("choices").GetArrayLength() > 0)
            .Select(c => c.GetProperty("choices")[0].GetProperty("delta"))
            .Where(d => d.TryGetProperty("tool_calls", out _))
            .Select(d => d.GetProperty("tool_calls")[0])
            .ToList();
        Assert.Equal(2, deltas.Count);
        Assert.All(deltas, d => Assert.Equal(0, d.GetProperty("index").GetInt32()));
        var id = deltas[0].GetProperty("id").GetString()!;
        Assert.Equal(("function", "get_weather", ""), (deltas[0].GetProperty("type").GetString(), deltas[0].GetProperty("function").GetProperty("name").GetString(), deltas[0].GetProperty("function").GetProperty("arguments").GetString()));
        Assert.False(deltas[1].TryGetProperty("id", out _));
        Assert.Equal("""{"city":"Bergen"}""", deltas[1].GetProperty("function").GetProperty("arguments").GetString());
        Assert.Equal("tool_calls", chunks[^1].GetProperty("choices")[0].GetProperty("finish_reason").GetString());

        var (_, answer) = await OpenAiWire.StartStreamAsync(_http, new
        {
            model = "m",
            messages = new object[] { new { role = "tool", tool_call_id = id, content = "9 C" } },
            stream = true,
        }, key);
        var text = string.Concat((await answer.ReadToEndAsync()).Where(c => c != OpenAiStream.Done).Select(c => OpenAiStream.Delta(JsonDocument.Parse(c).RootElement)));
        answer.Dispose();
        Assert.Equal("The tool said: 9 C", text);
    }

    [Fact]
    public async Task Tools_KeylessRequest_TheWholeToolExchangeItSendsIsTheModelsContext()
    {
        var completion = await OpenAiWire.CompleteAsync(_http, new
        {
            model = "m",
            messages = new object[]
            {
                new { role = "user", content = "Oslo" },
                new { role = "assistant", content = (string?)null, tool_calls = new[] { new { id = "call_x", type = "function", function = new { name = "get_weather", arguments = """{"city":"Oslo"}""" } } } },
                new { role = "tool", tool_call_id = "call_x", content = "sunny" },
            },
        });

        Assert.Equal("The tool said: sunny", OpenAiWire.Content(completion));
        var sent = _model.Received[^1].Messages;
        Assert.Equal([ChatRole.User, ChatRole.Assistant, ChatRole.Tool], sent.Select(m => m.Role));
        Assert.Equal("call_x", Assert.IsType<FunctionCallContent>(Assert.Single(sent[1].Contents)).CallId);
    }

    [Theory]
    [InlineData("""{"messages":[{"role":"user","content":"x"}],"tools":[{"type":"retrieval"}]}""", "tools[0].type")]
    [InlineData("""{"messages":[{"role":"user","content":"x"}],"tools":[{"type":"function","function":{"name":"has space"}}]}""", "tools[0].function.name")]
    [InlineData("""{"messages":[{"role":"user","content":"x"}],"tools":[{"type":"function","function":{"name":"f","parameters":[1]}}]}""", "tools[0].function.parameters")]
    [InlineData("""{"messages":[{"role":"user","content":"x"}],"tools":[{"type":"function","function":{"name":"f"}}],"tool_choice":"sometimes"}""", "tool_choice")]
    [InlineData("""{"messages":[{"role":"user","content":"x"}],"tools":[{"type":"function","function":{"name":"f"}}],"tool_choice":{"type":"function","function":{"name":"g"}}}""", "tool_choice")]
    [InlineData("""{"messages":[{"role":"user","content":"x"},{"role":"tool","content":"r"}]}""", "messages[1].tool_call_id")]
    [InlineData("""{"messages":[{"role":"user","content":"x"},{"role":"tool","tool_call_id":"a","content":"r"},{"role":"tool","tool_call_id":"a","content":"s"}]}""", "messages[2].tool_call_id")]
    [InlineData("""{"messages":[{"role":"assistant","tool_calls":[{"id":"a"}]},{"role":"tool","tool_call_id":"a","content":"r"}]}""", "messages[0].tool_calls[0]")]
    public async Task Tools_BadInput_IsAnOpenAi400NamingTheParam_AndTheModelIsNotCalled(string body, string param)
    {
        var before = _model.Received.Count;

        var response = await _http.SendAsync(OpenAiWire.Post(JsonDocument.Parse(body).RootElement));

        var error = await OpenAiWire.IsErrorAsync(response, HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(param, error.GetProperty("param").GetString());
        Assert.Equal(before, _model.Received.Count);
    }
}
