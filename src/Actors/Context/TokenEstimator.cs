using JidoSessions.Actors.Llm;
using Microsoft.ML.Tokenizers;

namespace JidoSessions.Actors.Context;

/// <summary>
/// Counts tokens for budgets and usage with a tiktoken encoding (Microsoft.ML.Tokenizers; the vocabularies ship in
/// the o200k_base and cl100k_base data packages, nothing is downloaded). A message costs its text's tokens plus
/// <see cref="PerMessageOverhead"/> for the role and framing around it.
/// </summary>
/// <remarks>
/// Thread-safe; each encoding is loaded once per process, on first use. <see cref="Default"/> (o200k_base) serves
/// the static <see cref="ForText"/> and <see cref="ForMessage"/>.
/// </remarks>
internal sealed class TokenEstimator
{
    /// <summary>
    /// Tokens counted for each message besides its text: <c>&lt;|start|&gt;role\n … &lt;|end|&gt;\n</c> is 3 tokens in
    /// OpenAI's chat format (its cookbook's <c>num_tokens_from_messages</c>).
    /// </summary>
    public const int PerMessageOverhead = 3;

    private static readonly Lazy<TokenEstimator> O200k =
        new(() => new TokenEstimator(LlmTokenizer.O200kBase, TiktokenTokenizer.CreateForEncoding("o200k_base")));

    private static readonly Lazy<TokenEstimator> Cl100k =
        new(() => new TokenEstimator(LlmTokenizer.Cl100kBase, TiktokenTokenizer.CreateForEncoding("cl100k_base")));

    private readonly Tokenizer _tokenizer;

    private TokenEstimator(LlmTokenizer encoding, Tokenizer tokenizer)
    {
        Encoding = encoding;
        _tokenizer = tokenizer;
    }

    /// <summary>Gets the o200k_base estimator, the default for unknown models.</summary>
    public static TokenEstimator Default => O200k.Value;

    /// <summary>Gets the encoding this estimator counts with (never <see cref="LlmTokenizer.Auto"/>).</summary>
    public LlmTokenizer Encoding { get; }

    /// <summary>The estimator for a configured choice; <see cref="LlmTokenizer.Auto"/> picks by <paramref name="model"/>.</summary>
    public static TokenEstimator For(LlmTokenizer tokenizer, string? model) =>
        LlmTokenizers.Resolve(tokenizer, model) == LlmTokenizer.Cl100kBase ? Cl100k.Value : O200k.Value;

    /// <summary>Tokens of <paramref name="text"/> alone with the <see cref="Default"/> encoding.</summary>
    public static int ForText(string? text) => Default.CountText(text);

    /// <summary>Tokens of a message whose text is <paramref name="text"/> with the <see cref="Default"/> encoding.</summary>
    public static int ForMessage(string? text) => Default.CountMessage(text);

    /// <summary>Tokens of <paramref name="text"/> alone.</summary>
    public int CountText(string? text) => string.IsNullOrEmpty(text) ? 0 : _tokenizer.CountTokens(text);

    /// <summary>Tokens of a message whose text is <paramref name="text"/>.</summary>
    public int CountMessage(string? text) => CountText(text) + PerMessageOverhead;
}
