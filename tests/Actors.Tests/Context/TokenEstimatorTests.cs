using JidoSessions.Actors.Context;
using JidoSessions.Actors.Llm;
using Microsoft.ML.Tokenizers;

namespace JidoSessions.Actors.Tests.Context;

public sealed class TokenEstimatorTests
{
    private static readonly TokenEstimator O200k = TokenEstimator.For(LlmTokenizer.O200kBase, model: null);
    private static readonly TokenEstimator Cl100k = TokenEstimator.For(LlmTokenizer.Cl100kBase, model: null);

    // Counts computed once with Microsoft.ML.Tokenizers 3.0.0; the cl100k ones of "hello world" (tiktoken's own
    // test_simple), "tiktoken is great!" (OpenAI cookbook, How to count tokens with tiktoken), "Hello, how are you
    // doing today?" and the pangram, and the o200k one of "antidisestablishmentarianism" (same cookbook) are published.
    [Theory]
    [InlineData("Hello, world!", 4, 4)]
    [InlineData("hello world", 2, 2)]
    [InlineData("tiktoken is great!", 6, 6)]
    [InlineData("Hello, how are you doing today?", 8, 8)]
    [InlineData("The quick brown fox jumps over the lazy dog.", 10, 10)]
    [InlineData("antidisestablishmentarianism", 6, 6)]
    [InlineData("2 + 2 = 4", 7, 7)]
    [InlineData("お誕生日おめでとう", 8, 9)]
    public void CountText_KnownStrings_MatchesTiktokenCounts(string text, int o200k, int cl100k)
    {
        var counted = (O200k.CountText(text), Cl100k.CountText(text));

        Assert.Equal((o200k, cl100k), counted);
    }

    [Fact]
    public void Cl100k_PublishedTokenIds_AreReproducedByTheShippedVocabulary()
    {
        var tokenizer = TiktokenTokenizer.CreateForEncoding("cl100k_base");

        var helloWorld = tokenizer.EncodeToIds("hello world");
        var greeting = tokenizer.EncodeToIds("Hello, how are you doing today?");

        Assert.Equal([15339, 1917], helloWorld);
        Assert.Equal([9906, 11, 1268, 527, 499, 3815, 3432, 30], greeting);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void CountText_NullOrEmpty_IsZero(string? text) => Assert.Equal(0, O200k.CountText(text));

    [Fact]
    public void CountMessage_AddsPerMessageOverhead() =>
        Assert.Equal(4 + TokenEstimator.PerMessageOverhead, O200k.CountMessage("Hello, world!"));

    [Fact]
    public void ForMessage_Static_CountsWithO200kDefault()
    {
        var counted = TokenEstimator.ForMessage("お誕生日おめでとう");

        Assert.Equal(LlmTokenizer.O200kBase, TokenEstimator.Default.Encoding);
        Assert.Equal(8 + TokenEstimator.PerMessageOverhead, counted);
        Assert.Equal(8, TokenEstimator.ForText("お誕生日おめでとう"));
    }

    [Theory]
    [InlineData("gpt-4", LlmTokenizer.Cl100kBase)]
    [InlineData("gpt-3.5-turbo", LlmTokenizer.Cl100kBase)]
    [InlineData("gpt-4o-mini", LlmTokenizer.O200kBase)]
    [InlineData("llama3.2", LlmTokenizer.O200kBase)]
    public void For_Auto_PicksEncodingByModel(string model, LlmTokenizer expected) =>
        Assert.Equal(expected, TokenEstimator.For(LlmTokenizer.Auto, model).Encoding);

    [Fact]
    public void For_ExplicitChoice_IgnoresModel() =>
        Assert.Equal(LlmTokenizer.O200kBase, TokenEstimator.For(LlmTokenizer.O200kBase, "gpt-4").Encoding);
}
