using JidoSessions.Actors.Llm;

namespace JidoSessions.Actors.Tests.Llm;

public sealed class LlmTokenizersTests
{
    [Theory]
    [InlineData("gpt-4", LlmTokenizer.Cl100kBase)]
    [InlineData("gpt-4-0613", LlmTokenizer.Cl100kBase)]
    [InlineData("gpt-4-turbo", LlmTokenizer.Cl100kBase)]
    [InlineData("GPT-3.5-Turbo", LlmTokenizer.Cl100kBase)]
    [InlineData("gpt-35-turbo", LlmTokenizer.Cl100kBase)]
    [InlineData("openai/gpt-4", LlmTokenizer.Cl100kBase)]
    [InlineData("text-embedding-3-small", LlmTokenizer.Cl100kBase)]
    [InlineData("gpt-4o", LlmTokenizer.O200kBase)]
    [InlineData("gpt-4.1-mini", LlmTokenizer.O200kBase)]
    [InlineData("o3-mini", LlmTokenizer.O200kBase)]
    [InlineData("llama3.2", LlmTokenizer.O200kBase)]
    [InlineData("jido-local-1", LlmTokenizer.O200kBase)]
    [InlineData("", LlmTokenizer.O200kBase)]
    [InlineData(null, LlmTokenizer.O200kBase)]
    public void Resolve_Auto_PicksByModelFamily(string? model, LlmTokenizer expected) =>
        Assert.Equal(expected, LlmTokenizers.Resolve(LlmTokenizer.Auto, model));

    [Theory]
    [InlineData(LlmTokenizer.O200kBase, "gpt-4")]
    [InlineData(LlmTokenizer.Cl100kBase, "gpt-4o")]
    public void Resolve_ExplicitChoice_WinsOverModel(LlmTokenizer choice, string model) =>
        Assert.Equal(choice, LlmTokenizers.Resolve(choice, model));

    [Theory]
    [InlineData("auto", LlmTokenizer.Auto)]
    [InlineData("o200k_base", LlmTokenizer.O200kBase)]
    [InlineData("CL100K_BASE", LlmTokenizer.Cl100kBase)]
    public void TryParse_ConfigName_RoundTripsThroughNameOf(string name, LlmTokenizer expected)
    {
        var parsed = LlmTokenizers.TryParse(name, out var tokenizer);

        Assert.True(parsed);
        Assert.Equal(expected, tokenizer);
        Assert.Equal(name.ToLowerInvariant(), LlmTokenizers.NameOf(tokenizer));
    }

    [Theory]
    [InlineData("p50k_base")]
    [InlineData("o200k-base")]
    [InlineData(null)]
    public void TryParse_UnknownName_Fails(string? name) => Assert.False(LlmTokenizers.TryParse(name, out _));
}
