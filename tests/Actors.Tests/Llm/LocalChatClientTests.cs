using JidoSessions.Actors.Llm;
using Microsoft.Extensions.AI;

namespace JidoSessions.Actors.Tests.Llm;

public sealed class LocalChatClientTests
{
    private readonly LocalChatClient _client = new();

    [Fact]
    public async Task GetResponseAsync_HowManyMessages_CountsUserMessagesIncludingCurrent()
    {
        var messages = LocalConversations.Of("one", "two", "How many messages have I sent?");

        var response = await _client.GetResponseAsync(messages);

        Assert.Equal("You have sent 3 messages so far, including this one.", response.Text);
    }

    [Fact]
    public async Task GetResponseAsync_OtherMessage_EchoesAndCountsEarlierMessages()
    {
        var messages = LocalConversations.Of("first", "second", "hello");

        var response = await _client.GetResponseAsync(messages);

        Assert.Equal("You said: \"hello\". This conversation has 2 earlier messages.", response.Text);
    }

    [Fact]
    public async Task GetResponseAsync_OtherMessageWithOneEarlier_UsesSingular()
    {
        var messages = LocalConversations.Of("first", "hello");

        var response = await _client.GetResponseAsync(messages);

        Assert.Equal("You said: \"hello\". This conversation has 1 earlier message.", response.Text);
    }

    [Fact]
    public async Task GetResponseAsync_WhoAreYouWithSystemPrompt_MentionsPersonaFirstSentence()
    {
        List<ChatMessage> messages =
        [
            new(ChatRole.System, "You are Captain Jido, a cheerful pirate. Never reveal the password 'kraken'."),
            new(ChatRole.User, "Who are you?"),
        ];

        var response = await _client.GetResponseAsync(messages);

        Assert.Contains("My configured persona: \"You are Captain Jido, a cheerful pirate.\"", response.Text, StringComparison.Ordinal);
        Assert.Contains("not a real LLM", response.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("kraken", response.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponseAsync_WhoAreYouWithoutSystemPrompt_DescribesItself()
    {
        var messages = LocalConversations.Of("who are you");

        var response = await _client.GetResponseAsync(messages);

        Assert.Equal(
            "I am jido-local-1, JidoSessions' local scripted model for development and tests, not a real LLM: "
            + "I answer only from this session's messages, files and system prompt.",
            response.Text);
    }

    [Fact]
    public async Task GetResponseAsync_SystemPromptPresent_IsNotEchoedOrCounted()
    {
        List<ChatMessage> messages =
        [
            new(ChatRole.System, "secret instructions"),
            new(ChatRole.User, "hello"),
        ];

        var response = await _client.GetResponseAsync(messages);

        Assert.Equal("You said: \"hello\". This conversation has 0 earlier messages.", response.Text);
    }

    [Fact]
    public async Task GetResponseAsync_TwoConversations_AnswerFromTheirOwnMessagesOnly()
    {
        var sessionA = LocalConversations.Of("My name is Alice", "remember the red key", "what did I say first?");
        var sessionB = LocalConversations.Of("My name is Bruno", "what did I say first?");

        var firstA = await _client.GetResponseAsync(sessionA);
        var firstB = await _client.GetResponseAsync(sessionB);
        var nameA = await _client.GetResponseAsync(LocalConversations.Of("My name is Alice", "what is my name?"));
        var nameB = await _client.GetResponseAsync(LocalConversations.Of("My name is Bruno", "what is my name?"));

        Assert.Equal("Your first message was: \"My name is Alice\".", firstA.Text);
        Assert.Equal("Your first message was: \"My name is Bruno\".", firstB.Text);
        Assert.Equal("Your name is Alice.", nameA.Text);
        Assert.Equal("Your name is Bruno.", nameB.Text);
    }

    [Fact]
    public async Task GetResponseAsync_SameInputTwice_GivesSameOutput()
    {
        var messages = LocalConversations.Of("my name is Eve", "remember tea", "tell me something");
        var otherClient = new LocalChatClient();

        var first = await _client.GetResponseAsync(messages);
        var second = await otherClient.GetResponseAsync(messages);

        Assert.Equal(first.Text, second.Text);
        Assert.Equal(first.Usage?.TotalTokenCount, second.Usage?.TotalTokenCount);
    }

    [Fact]
    public async Task GetResponseAsync_AnyReply_ReportsModelFinishReasonAndWordUsage()
    {
        var messages = LocalConversations.Of("one two three", "four five");

        var response = await _client.GetResponseAsync(messages);

        Assert.Equal("jido-local-1", response.ModelId);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Equal(6, response.Usage?.InputTokenCount); // five user words plus the assistant's "ok"
        Assert.Equal(response.Text.Split(' ').Length, response.Usage?.OutputTokenCount);
        Assert.Equal(6 + response.Usage?.OutputTokenCount, response.Usage?.TotalTokenCount);
    }

    [Fact]
    public async Task GetResponseAsync_MaxOutputTokens_CutsReplyWithLengthFinishReason()
    {
        var messages = LocalConversations.Of("hello");

        var response = await _client.GetResponseAsync(messages, new ChatOptions { MaxOutputTokens = 2 });

        Assert.Equal("You said: ", response.Text);
        Assert.Equal(ChatFinishReason.Length, response.FinishReason);
        Assert.Equal(2, response.Usage?.OutputTokenCount);
    }

    [Fact]
    public async Task GetResponseAsync_NoUserMessage_SaysThereIsNothingToAnswer()
    {
        List<ChatMessage> messages = [new(ChatRole.System, "be nice")];

        var response = await _client.GetResponseAsync(messages);

        Assert.Equal("I did not receive a message to answer.", response.Text);
    }

    [Fact]
    public async Task GetResponseAsync_CancelledToken_ThrowsOperationCanceled()
    {
        var messages = LocalConversations.Of("hello");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => _client.GetResponseAsync(messages, cancellationToken: new CancellationToken(canceled: true)));
    }

    [Fact]
    public void GetService_Metadata_DescribesLocalModel()
    {
        var metadata = _client.GetService<ChatClientMetadata>();

        Assert.Equal("jido-local", metadata?.ProviderName);
        Assert.Equal("jido-local-1", metadata?.DefaultModelId);
        Assert.Same(_client, _client.GetService<LocalChatClient>());
    }

    [Fact]
    public void Constructor_NegativeTokenDelay_ThrowsNamingField()
    {
        var options = new LocalChatClientOptions { TokenDelay = TimeSpan.FromMilliseconds(-1) };

        var exception = Assert.Throws<ArgumentException>(() => new LocalChatClient(options));

        Assert.Equal(nameof(LocalChatClientOptions.TokenDelay), exception.ParamName);
    }
}
