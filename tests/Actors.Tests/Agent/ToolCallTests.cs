using JidoSessions.Actors.Client;
using JidoSessions.Actors.Tests.Support;
using JidoSessions.Client;
using JidoSessions.TestKit;
using Microsoft.Extensions.AI;

namespace JidoSessions.Actors.Tests.Agent;

/// <summary>
/// Tool calls through a session: the tools reach the model as declarations (never invoked by the session), the model's
/// calls come back on the reply, the caller's results are the next turn's input, and history keeps the whole exchange so
/// later turns read it.
/// </summary>
public sealed class ToolCallTests
{
    private static readonly ToolDefinition Weather = new(
        "get_weather", "The weather in a city", """{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}""");

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ToolCall_RoundTrip_HistoryKeepsCallsAndResults_AndTheNextTurnReadsThem(bool streaming)
    {
        var chat = new ScriptedChatClient();
        await using var system = await TestSessionSystems.StartAsync(chat: chat);
        var client = system.ForTenant(TenantId.Default);
        var session = await client.CreateAsync();
        var options = new TurnOptions { Tools = [Weather], ToolChoice = new ToolChoice(ToolChoiceKind.Auto) };

        var asking = streaming ? LastAsync(client.SendStreamingAsync(session.Id, "weather in Oslo?", options)) : client.SendAsync(session.Id, "weather in Oslo?", options);
        var first = await chat.NextCallAsync();
        var declared = Assert.IsAssignableFrom<AIFunctionDeclaration>(Assert.Single(first.Options!.Tools!));
        Assert.Equal(("get_weather", "The weather in a city"), (declared.Name, declared.Description));
        Assert.Contains("\"city\"", declared.JsonSchema.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(ChatToolMode.Auto, first.Options.ToolMode);
        first.ReplyWithToolCalls(new FunctionCallContent("call_1", "get_weather", new Dictionary<string, object?> { ["city"] = "Oslo" }));
        var reply = await asking;

        var call = Assert.Single(reply.ToolCalls!);
        Assert.Equal(("call_1", "get_weather", """{"city":"Oslo"}"""), (call.Id, call.Name, call.Arguments));

        var answering = streaming
            ? LastAsync(client.SendToolResultsStreamingAsync(session.Id, [new ToolResult("call_1", "12 C, rain")], options))
            : client.SendToolResultsAsync(session.Id, [new ToolResult("call_1", "12 C, rain")], options);
        var second = await chat.NextCallAsync();
        var sent = second.Messages;
        Assert.Equal([ChatRole.User, ChatRole.Assistant, ChatRole.Tool], sent.Select(m => m.Role));
        var asked = Assert.IsType<FunctionCallContent>(Assert.Single(sent[1].Contents));
        Assert.Equal(("call_1", "get_weather"), (asked.CallId, asked.Name));
        var result = Assert.IsType<FunctionResultContent>(Assert.Single(sent[2].Contents));
        Assert.Equal(("call_1", "12 C, rain"), (result.CallId, result.Result?.ToString()));
        second.Reply("It is 12 C and raining in Oslo.");
        var answered = await answering;
        Assert.Null(answered.ToolCalls);
        Assert.Equal(4, answered.Sequence);

        var history = await client.GetHistoryAsync(session.Id);
        Assert.Equal([MessageRole.User, MessageRole.Assistant, MessageRole.Tool, MessageRole.Assistant], history.Select(h => h.Role));
        Assert.Equal("call_1", Assert.Single(history[1].ToolCalls!).Id);
        Assert.Equal("12 C, rain", Assert.Single(history[2].ToolResults!).Content);

        // A later turn that sends only its newest message still gives the model the whole exchange.
        var later = client.SendAsync(session.Id, "and tomorrow?");
        var third = await chat.NextCallAsync();
        Assert.Equal([ChatRole.User, ChatRole.Assistant, ChatRole.Tool, ChatRole.Assistant, ChatRole.User], third.Messages.Select(m => m.Role));
        third.Reply("No idea.");
        await later;
    }

    [Fact]
    public async Task ToolsAndResults_Invalid_AreRefusedNamingTheFieldAndNothingIsSent()
    {
        var chat = new ScriptedChatClient();
        await using var system = await TestSessionSystems.StartAsync(chat: chat);
        var client = system.ForTenant(TenantId.Default);
        var session = await client.CreateAsync();

        var badName = await Assert.ThrowsAsync<ValidationException>(() => client.SendAsync(session.Id, "hi", new TurnOptions { Tools = [new ToolDefinition("get weather")] }));
        var badSchema = await Assert.ThrowsAsync<ValidationException>(() => client.SendAsync(session.Id, "hi", new TurnOptions { Tools = [new ToolDefinition("f", null, "[1]")] }));
        var unknownChoice = await Assert.ThrowsAsync<ValidationException>(() => client.SendAsync(session.Id, "hi", new TurnOptions { Tools = [Weather], ToolChoice = new ToolChoice(ToolChoiceKind.Function, "other") }));
        var noResults = await Assert.ThrowsAsync<ValidationException>(() => client.SendToolResultsAsync(session.Id, []));
        var twice = await Assert.ThrowsAsync<ValidationException>(() => client.SendToolResultsAsync(session.Id, [new ToolResult("a", "1"), new ToolResult("a", "2")]));

        Assert.Equal(["tools[0].name"], badName.Errors.Keys);
        Assert.Equal(["tools[0].parameters"], badSchema.Errors.Keys);
        Assert.Equal(["toolChoice"], unknownChoice.Errors.Keys);
        Assert.Equal(["toolResults"], noResults.Errors.Keys);
        Assert.Equal(["toolResults"], twice.Errors.Keys);

        // The barrier: a valid turn reaches the model, and it is the first call it ever got.
        var valid = client.SendAsync(session.Id, "hello");
        var call = await chat.NextCallAsync();
        Assert.Equal("hello", call.UserText);
        call.Reply("hi");
        await valid;
        Assert.Null(chat.TryTakeCall());
        Assert.Equal(2, (await client.GetHistoryAsync(session.Id)).Count);
    }

    [Fact]
    public async Task SendWithTools_InProcess_RunsTheAIFunctionsTheModelCalls_AndReturnsItsFinalAnswer()
    {
        var chat = new ScriptedChatClient();
        await using var system = await TestSessionSystems.StartAsync(chat: chat);
        var client = system.ForTenant(TenantId.Default);
        var session = await client.CreateAsync();
        var asked = new List<string>();
        var weather = AIFunctionFactory.Create((string city) => { asked.Add(city); return $"12 C in {city}"; }, "get_weather", "The weather in a city");

        var sending = client.SendWithToolsAsync(session.Id, "weather in Oslo and Bergen?", [weather]);
        var first = await chat.NextCallAsync();
        Assert.Equal("get_weather", Assert.Single(first.Options!.Tools!).Name);
        first.ReplyWithToolCalls(
            new FunctionCallContent("c1", "get_weather", new Dictionary<string, object?> { ["city"] = "Oslo" }),
            new FunctionCallContent("c2", "get_weather", new Dictionary<string, object?> { ["city"] = "Bergen" }),
            new FunctionCallContent("c3", "no_such_tool", new Dictionary<string, object?>()));
        var second = await chat.NextCallAsync();
        var results = second.Messages[^1].Contents.OfType<FunctionResultContent>().Select(r => (r.CallId, r.Result?.ToString())).ToArray();
        second.Reply("Oslo 12 C, Bergen 12 C.");
        var reply = await sending;

        Assert.Equal(["Oslo", "Bergen"], asked);
        Assert.Equal([("c1", "12 C in Oslo"), ("c2", "12 C in Bergen"), ("c3", "Error: there is no tool named 'no_such_tool'.")], results);
        Assert.Equal("Oslo 12 C, Bergen 12 C.", reply.Text);
        Assert.Null(reply.ToolCalls);
        Assert.Equal(3, Assert.Single(await client.GetHistoryAsync(session.Id), h => h.Role == MessageRole.Tool).ToolResults!.Count);
    }

    private static async Task<MessageReply> LastAsync(IAsyncEnumerable<TurnUpdate> updates)
    {
        MessageReply? completed = null;
        await foreach (var update in updates)
        {
            completed = update.Completed ?? completed;
        }

        return completed ?? throw new InvalidOperationException("the stream ended without a reply");
    }
}
