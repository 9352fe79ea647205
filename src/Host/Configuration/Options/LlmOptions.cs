using JidoSessions.Actors.Llm;

namespace JidoSessions.Host.Configuration.Options;

/// <summary>Which model answers turns.</summary>
public enum LlmProvider
{
    /// <summary>The small deterministic local model that answers from the session's own context.</summary>
    Local,

    /// <summary>An OpenAI-compatible chat completions server (OpenAI, vLLM, Ollama, llama.cpp server).</summary>
    OpenAi,
}

/// <summary><c>jido.llm</c>.</summary>
public sealed record LlmOptions
{
    /// <summary><c>provider</c>: local or openai.</summary>
    public LlmProvider Provider { get; init; } = LlmProvider.Local;

    /// <summary>
    /// <c>tokenizer</c>: auto, o200k_base or cl100k_base; counts tokens for context budgets and the gateway's usage.
    /// Auto picks cl100k_base for the gpt-4 and gpt-3.5 families and o200k_base otherwise.
    /// </summary>
    public LlmTokenizer Tokenizer { get; init; } = LlmTokenizer.Auto;

    /// <summary><c>openai.base-url</c>.</summary>
    public Uri OpenAiBaseUrl { get; init; } = new("http://127.0.0.1:11434/v1");

    /// <summary><c>openai.model</c>: the default model (a session's config may name another).</summary>
    public string OpenAiModel { get; init; } = "llama3.2";

    /// <summary><c>openai.api-key-env</c>: the environment variable holding the provider's key (the key itself is never in a file).</summary>
    public string OpenAiApiKeyEnv { get; init; } = "OPENAI_API_KEY";

    /// <summary><c>openai.timeout</c>: per request.</summary>
    public TimeSpan OpenAiTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary><c>openai.max-retries</c>: retries of rate-limited or failed requests.</summary>
    public int OpenAiMaxRetries { get; init; } = 2;
}
