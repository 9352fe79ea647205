namespace JidoSessions.Actors.Llm;

/// <summary>
/// Which byte-pair encoding counts tokens for budgets and usage. Config names: <c>auto</c>, <c>o200k_base</c>,
/// <c>cl100k_base</c> (see <see cref="LlmTokenizers"/>).
/// </summary>
public enum LlmTokenizer
{
    /// <summary>Chosen by model name: <see cref="Cl100kBase"/> for the gpt-4 and gpt-3.5 families, else <see cref="O200kBase"/>.</summary>
    Auto,

    /// <summary>o200k_base: gpt-4o, gpt-4.1, o-series and later OpenAI models; the default for unknown models.</summary>
    O200kBase,

    /// <summary>cl100k_base: gpt-4, gpt-4-turbo, gpt-3.5-turbo and the ada-002 / v3 embedding models.</summary>
    Cl100kBase,
}
