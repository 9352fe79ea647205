namespace JidoSessions.Actors.Llm;

/// <summary>Config names of <see cref="LlmTokenizer"/> and the model-name rule behind <see cref="LlmTokenizer.Auto"/>.</summary>
public static class LlmTokenizers
{
    // Newer OpenAI models whose names also start with "gpt-4"; checked before the cl100k families.
    private static readonly string[] O200kPrefixes = ["gpt-4o", "gpt-4.1", "gpt-4.5", "chatgpt-4o"];

    private static readonly string[] Cl100kPrefixes = ["gpt-4", "gpt-3.5", "gpt-35", "text-embedding-ada-002", "text-embedding-3"];

    /// <summary>Parses a config value (<c>auto</c>, <c>o200k_base</c>, <c>cl100k_base</c>; case-insensitive).</summary>
    public static bool TryParse(string? name, out LlmTokenizer tokenizer)
    {
        switch (name?.Trim().ToLowerInvariant())
        {
            case "auto":
                tokenizer = LlmTokenizer.Auto;
                return true;
            case "o200k_base":
                tokenizer = LlmTokenizer.O200kBase;
                return true;
            case "cl100k_base":
                tokenizer = LlmTokenizer.Cl100kBase;
                return true;
            default:
                tokenizer = LlmTokenizer.Auto;
                return false;
        }
    }

    /// <summary>The config name of <paramref name="tokenizer"/>.</summary>
    public static string NameOf(LlmTokenizer tokenizer) => tokenizer switch
    {
        LlmTokenizer.O200kBase => "o200k_base",
        LlmTokenizer.Cl100kBase => "cl100k_base",
        _ => "auto",
    };

    /// <summary>
    /// Resolves <see cref="LlmTokenizer.Auto"/> for <paramref name="model"/>: cl100k_base for the gpt-4 (but not gpt-4o,
    /// gpt-4.1, gpt-4.5) and gpt-3.5 families, o200k_base for everything else. A provider prefix
    /// (<c>openai/gpt-4</c>) is ignored. Any other choice is returned as it is.
    /// </summary>
    public static LlmTokenizer Resolve(LlmTokenizer tokenizer, string? model)
    {
        if (tokenizer != LlmTokenizer.Auto)
        {
            return tokenizer;
        }

        var name = (model ?? string.Empty).Trim().ToLowerInvariant();
        name = name[(name.LastIndexOf('/') + 1)..];
        if (O200kPrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal)))
        {
            return LlmTokenizer.O200kBase;
        }

        return Cl100kPrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal)) ? LlmTokenizer.Cl100kBase : LlmTokenizer.O200kBase;
    }
}
