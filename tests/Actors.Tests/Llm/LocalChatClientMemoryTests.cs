using JidoSessions.Actors.Llm;

namespace JidoSessions.Actors.Tests.Llm;

public sealed class LocalChatClientMemoryTests
{
    private readonly LocalChatClient _client = new();

    [Theory]
    [InlineData("what did I say first?")]
    [InlineData("What did I say FIRST")]
    [InlineData("  what was my first message?!")]
    [InlineData("Hmm... what did i say, first?")]
    public async Task GetResponseAsync_AskedForFirstMessage_QuotesFirstUserMessage(string question)
    {
        var messages = LocalConversations.Of("alpha one", "beta two", question);

        var response = await _client.GetResponseAsync(messages);

        Assert.Equal("Your first message was: \"alpha one\".", response.Text);
    }

    [Fact]
    public async Task GetResponseAsync_AskedForFirstMessageWithNoHistory_SaysThereIsNone()
    {
        var messages = LocalConversations.Of("What did I say first?");

        var response = await _client.GetResponseAsync(messages);

        Assert.Equal("This is your first message, so there is nothing earlier to quote.", response.Text);
    }

    [Theory]
    [InlineData("what did I just say?")]
    [InlineData("What was my last message")]
    public async Task GetResponseAsync_AskedForLastMessage_QuotesPreviousUserMessage(string question)
    {
        var messages = LocalConversations.Of("alpha one", "beta two", question);

        var response = await _client.GetResponseAsync(messages);

        Assert.Equal("Your last message was: \"beta two\".", response.Text);
    }

    [Fact]
    public async Task GetResponseAsync_AskedForLastMessageWithNoHistory_SaysThereIsNone()
    {
        var messages = LocalConversations.Of("what did I just say?");

        var response = await _client.GetResponseAsync(messages);

        Assert.Equal("You have not said anything before this message.", response.Text);
    }

    [Theory]
    [InlineData("What is my name?")]
    [InlineData("what's my name")]
    public async Task GetResponseAsync_NameStatedEarlier_AnswersWithName(string question)
    {
        var messages = LocalConversations.Of("Hi! My name is Ada Lovelace.", "nice weather", question);

        var response = await _client.GetResponseAsync(messages);

        Assert.Equal("Your name is Ada Lovelace.", response.Text);
    }

    [Fact]
    public async Task GetResponseAsync_NameFollowedByMoreText_AnswersWithNameOnly()
    {
        var messages = LocalConversations.Of("my name is Ada and I like tea", "Do you remember my name?");

        var response = await _client.GetResponseAsync(messages);

        Assert.Equal("Your name is Ada.", response.Text);
    }

    [Fact]
    public async Task GetResponseAsync_NameStatedTwice_AnswersWithLatestName()
    {
        var messages = LocalConversations.Of("my name is Bob", "actually, my name is Carol!", "what is my name?");

        var response = await _client.GetResponseAsync(messages);

        Assert.Equal("Your name is Carol.", response.Text);
    }

    [Fact]
    public async Task GetResponseAsync_NameNeverStated_SaysItDoesNotKnow()
    {
        var messages = LocalConversations.Of("hello", "What is my name?");

        var response = await _client.GetResponseAsync(messages);

        Assert.Equal("I do not know your name yet.", response.Text);
    }

    [Fact]
    public async Task GetResponseAsync_NameStatement_IsAcknowledged()
    {
        var messages = LocalConversations.Of("My name is Dana.");

        var response = await _client.GetResponseAsync(messages);

        Assert.Equal("Nice to meet you, Dana. I will remember your name.", response.Text);
    }

    [Theory]
    [InlineData("Remember the blue door.", "the blue door")]
    [InlineData("note: milk and eggs", "milk and eggs")]
    [InlineData("Please remember that the code is 1234", "the code is 1234")]
    public async Task GetResponseAsync_RememberOrNote_Acknowledges(string command, string fact)
    {
        var messages = LocalConversations.Of(command);

        var response = await _client.GetResponseAsync(messages);

        Assert.Equal($"Noted. I will remember: \"{fact}\".", response.Text);
    }

    [Fact]
    public async Task GetResponseAsync_AskedWhatToRemember_AnswersLatestNote()
    {
        var messages = LocalConversations.Of("remember apples", "something else", "note pears", "What did I ask you to remember?");

        var response = await _client.GetResponseAsync(messages);

        Assert.Equal("You asked me to remember: \"pears\".", response.Text);
    }

    [Fact]
    public async Task GetResponseAsync_AskedWhatToRememberWithoutNote_SaysNothing()
    {
        var messages = LocalConversations.Of("hello", "what did I ask you to remember?");

        var response = await _client.GetResponseAsync(messages);

        Assert.Equal("You have not asked me to remember anything yet.", response.Text);
    }
}
